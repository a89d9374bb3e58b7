/**
 * Ledger-shaped workbooks written row by row (exports, rejected rows), so memory stays flat
 * at any size. Its own module: exceljs takes half a second to load, which reading a ledger
 * does not need. Server side only.
 */
import { PassThrough, type Writable } from 'node:stream';
import { stream } from 'exceljs';
import type { Cell } from '../domain/ledger/cells';

export interface SheetOut {
  name: string;
  columns: readonly string[];
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>;
}

/** Writes sheets row by row: to a file, or to a stream. */
export async function writeWorkbook(target: { filename: string } | { stream: Writable }, sheets: readonly SheetOut[]): Promise<void> {
  const wb = new stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: false });
  wb.creator = '法治台账';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ width: Math.max(10, c.length * 2 + 4) }));
    const head = ws.addRow([...s.columns]);
    head.font = { bold: true };
    head.commit();
    for await (const cells of s.rows) ws.addRow(cells).commit();
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
