/**
 * 台账导入's sheets and columns (DOMAIN.md, "Ledger import format" — a public contract): which
 * columns a sheet must have, where each sits in a header row, a data row's cells by column. Pure.
 */
import { CASE_FILE_COLUMNS, COLUMNS, PREVENTION_COLUMNS, SHEETS, type SheetName } from '../../../../types/import';
import { Refusal } from '../refusal';
import { textOf, type Cell } from './cells';

/** Sheets whose rows are records with their own 编号. */
export type RecordSheet = '矛盾纠纷' | '培训' | '宣传活动';

/** Without these a sheet cannot be read at all; any other missing column reads as blank. */
const REQUIRED: Record<SheetName, readonly string[]> = {
  单位: ['单位', '类型'],
  矛盾纠纷: ['编号', '单位', '调解员', '受理日期', '纠纷类型', '渠道', '调解结果'],
  培训: ['编号', '单位', '类别', '日期', '主题'],
  签到: ['培训编号', '姓名'],
  宣传活动: ['编号', '单位', '日期', '名称'],
};

/**
 * Optional columns an older ledger lacks without anything to say about it: 单位编号 came later
 * (issue 12), and so did the 矛盾纠纷 columns the monthly statistics need (issue 14), 案号 and the case file's (issue 15).
 */
const QUIET: Partial<Record<SheetName, readonly string[]>> = {
  单位: ['单位编号'],
  矛盾纠纷: ['来源', '涉及人数', ...Object.values(PREVENTION_COLUMNS), '案号', ...CASE_FILE_COLUMNS],
};

/**
 * Which columns a header must hold and which may be missing quietly: a sheet's own by default.
 * The roster import (名册导入) reads a 签到-shaped sheet without 培训编号 (ROSTER_HEADER).
 */
export interface HeaderNeeds {
  required: readonly string[];
  quiet?: readonly string[];
}

/** 名册导入: a 签到 sheet naming people; 培训编号, if there, is ignored. */
export const ROSTER_HEADER: HeaderNeeds = { required: ['姓名'], quiet: ['培训编号'] };

/** The sheet a rejected-rows workbook adds when it could not list every row; an import ignores it (with a warning). */
export const NOTE_SHEET = '说明';

/** The column the rejected-rows workbook adds; importing that workbook again ignores it quietly. */
export const REASON_COLUMN = '错误原因';

export function isSheetName(name: string): name is SheetName {
  return (SHEETS as readonly string[]).includes(name);
}

/** Where each contract column sits in a sheet's header row. */
export interface Header {
  sheet: SheetName;
  index: ReadonlyMap<string, number>;
  /** Lines for the summary: unknown columns ignored, optional columns missing. */
  warnings: string[];
}

/** True for the row that holds the column names (title rows above it are skipped). */
export function isHeaderRow(sheet: SheetName, cells: readonly Cell[]): boolean {
  return cells.some((c) => COLUMNS[sheet].includes(textOf(c)));
}

/** Reads a header row; a sheet missing a required column cannot be imported and says which. */
export function readHeader(sheet: SheetName, cells: readonly Cell[], needs: HeaderNeeds = { required: REQUIRED[sheet], quiet: QUIET[sheet] }): Header {
  const index = new Map<string, number>();
  const unknown: string[] = [];
  cells.forEach((c, i) => {
    const name = textOf(c);
    if (!name || name === REASON_COLUMN) return;
    if (!COLUMNS[sheet].includes(name)) unknown.push(name);
    else if (!index.has(name)) index.set(name, i);
  });
  const missing = needs.required.filter((c) => !index.has(c));
  if (missing.length) {
    throw new Refusal('INVALID', `「${sheet}」缺少列:${missing.join('、')}(列名须与模板一致:${COLUMNS[sheet].join('、')})`);
  }
  const warnings: string[] = [];
  if (unknown.length) warnings.push(`「${sheet}」忽略未知列:${unknown.join('、')}`);
  const absent = COLUMNS[sheet].filter((c) => !index.has(c) && !needs.quiet?.includes(c));
  if (absent.length) warnings.push(`「${sheet}」没有列 ${absent.join('、')},按空白处理`);
  return { sheet, index, warnings };
}

/** A data row: its cells by contract column name. */
export type Row = (column: string) => Cell;

export function rowOf(header: Header, cells: readonly Cell[]): Row {
  return (column) => {
    const i = header.index.get(column);
    return i === undefined ? null : (cells[i] ?? null);
  };
}

export function isBlankRow(cells: readonly Cell[]): boolean {
  return cells.every((c) => textOf(c) === '');
}
