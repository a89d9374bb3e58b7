import * as v from 'valibot';
import { PREVENTIONS, RecordId, type Prevention } from './dispute';
import { UPLOADED_FILE_ID } from './files';

/** The ledger format (DOMAIN.md, "Ledger import format"): one workbook with these sheets, or one CSV per sheet. */
export const SHEETS = ['单位', '矛盾纠纷', '培训', '签到', '宣传活动'] as const;
export type SheetName = (typeof SHEETS)[number];

/** The 矛盾纠纷 sheet's prevention columns, one per kind, holding the people (blank: not flagged). */
export const PREVENTION_COLUMNS = Object.fromEntries(PREVENTIONS.map((k) => [k, `${k}(人)`])) as Record<Prevention, string>;

/**
 * The case file's columns (issue 15): its typed-once fields, its 司法确认, and its latest 回访 (a row
 * adds a 回访 of a date the case does not hold). Blank keeps what is stored: an older ledger has none.
 */
export const CASE_FILE_COLUMNS = [
  '协议内容', '履行方式', '履行期限', '重大标记', '司法确认', '司法确认申请日期', '司法确认日期', '回访日期', '回访方式', '履行情况',
] as const;

/** The columns of each sheet (header names exact, order free), in the order an export writes them. */
export const COLUMNS: Record<SheetName, readonly string[]> = {
  单位: ['单位', '上级单位', '类型', '单位编号'],
  矛盾纠纷: ['编号', '单位', '调解员', '受理日期', '调结日期', '纠纷类型', '渠道', '调解结果', '协议形式', '涉及金额(元)', '当事人数', '锦旗(面)', '简要情况',
    '来源', '涉及人数', ...PREVENTIONS.map((k) => PREVENTION_COLUMNS[k]), '案号', ...CASE_FILE_COLUMNS],
  培训: ['编号', '单位', '类别', '日期', '主题', '培训人', '地点', '学时'],
  签到: ['培训编号', '姓名', '手机号', '所属单位'],
  宣传活动: ['编号', '单位', '日期', '名称', '发放资料(份)', '现场咨询(人次)'],
};

/** `import.run`: a ledger workbook (or one sheet as CSV) the admin uploaded. */
export const ImportInput = v.object({
  fileId: v.pipe(v.string('请先选择文件'), v.regex(UPLOADED_FILE_ID, '只能导入通过本应用上传的文件')),
  /** The file's own name: a CSV's name says which sheet it is. */
  name: v.pipe(v.string('缺少文件名'), v.trim(), v.minLength(1, '缺少文件名'), v.maxLength(100, '文件名过长')),
  /** Made on the phone like a record id, so the page can ask `import.progress` while `run` works. */
  importId: v.optional(RecordId),
});
export type ImportInput = v.InferOutput<typeof ImportInput>;

/** `import.progress`: how far the caller's own import with this id has got. */
export const ImportProgressInput = v.object({ importId: RecordId });
export type ImportProgressInput = v.InferOutput<typeof ImportProgressInput>;

/** One sheet's rows as they go through: imported, unchanged and rejected alike. */
export interface SheetProgress {
  sheet: SheetName;
  /** Rows below the header gone through so far (blank ones included). */
  done: number;
  /** The sheet's rows, when known: an .xlsx declares them up front; a CSV's are known once read. */
  total?: number;
}

/**
 * What `import.progress` answers. `reading`: the file is fetched and checked; `importing`: the
 * rows of `sheet` go in; `done` / `failed`: `run` has answered (its answer is the summary).
 */
export interface ImportProgress extends Partial<SheetProgress> {
  stage: 'reading' | 'importing' | 'done' | 'failed';
}

/** One sheet's rows: created, updated (编号 known, content changed), unchanged, rejected. */
export interface SheetSummary {
  sheet: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** A row not imported: where (sheet, row number as Excel shows it, column) and why, in Chinese. */
export interface RowError {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

export interface ImportResult {
  sheets: SheetSummary[];
  /** The first rejected rows (all of them are in `rejectedFile`). */
  errors: RowError[];
  rejectedTotal: number;
  /** Unknown columns or sheets ignored, and the like. */
  warnings: string[];
  /** Roster entries added by 签到 rows. */
  peopleAdded: number;
  /** The import stopped after writing some rows: how many, and that importing the same file again finishes it. */
  stopped?: string;
  /** The rejected rows as a workbook of the same format, with a 错误原因 column: fix and import again. */
  rejectedFile?: { fileId: string; url: string; name: string };
}
