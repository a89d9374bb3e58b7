/**
 * Ledger-shaped workbooks written row by row (exports, rejected rows), so memory stays flat
 * at any size. Text that a spreadsheet would take for a formula is written so that it stays
 * text. Its own module: exceljs takes half a second to load, which reading a ledger does not
 * need. Server side only.
 */
import { PassThrough, type Writable } from 'node:stream';
import { stream, type Style } from 'exceljs';
import type { Cell } from '../domain/ledger/cells';

/** How a formula (or DDE) begins in Excel and WPS: user text starting so is a formula once its cell is edited. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The style for such text: quotePrefix keeps the cell text when edited, and its value stays
 * as written (an import reads it back unchanged; a leading ' would not). exceljs 4.4's style
 * model has no quotePrefix, so the style is added to its table by hand: exceljs finds a
 * cell's style id by the style object's identity.
 */
function quotedTextStyle(wb: stream.xlsx.WorkbookWriter): Partial<Style> {
  const table = (wb as unknown as { styles: { model?: { styles: string[] }; weakMap?: WeakMap<object, number> } }).styles;
  if (!table.model || !table.weakMap) throw new Error('exceljs: no style table to add quotePrefix to');
  const style = {};
  table.weakMap.set(style, table.model.styles.push('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>') - 1);
  return style;
}

export interface SheetOut {
  name: string;
  columns: readonly string[];
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>;
  /** Rows above the column names (a title): an import skips them, as it skips any title rows. */
  above?: readonly Cell[][];
}

/** Writes sheets row by row: to a file, or to a stream. */
export async function writeWorkbook(target: { filename: string } | { stream: Writable }, sheets: readonly SheetOut[]): Promise<void> {
  const wb = new stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: false });
  wb.creator = '法治台账';
  const quoted = quotedTextStyle(wb);
  const addRow = (ws: ReturnType<typeof wb.addWorksheet>, cells: Cell[]) => {
    const row = ws.addRow(cells);
    cells.forEach((c, i) => {
      if (typeof c === 'string' && FORMULA_START.test(c)) row.getCell(i + 1).style = quoted;
    });
    return row;
  };
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ width: Math.max(10, c.length * 2 + 4) }));
    for (const cells of s.above ?? []) addRow(ws, [...cells]).commit();
    const head = ws.addRow([...s.columns]);
    head.font = { bold: true };
    head.commit();
    for await (const cells of s.rows) addRow(ws, cells).commit();
    ws.commit();
  }
  await wb.commit();
}

export async function workbookBytes(sheets: readonly SheetOut[]): Promise<Uint8Array> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeWorkbook({ stream: out }, sheets);
  return new Uint8Array(Buffer.concat(chunks));
}
