/** Ledger files for the import tests: workbooks built with exceljs (as Excel users make them) and CSV text. */
import { Workbook } from 'exceljs';
import type { Cell } from '../../cloudfunctions/core/domain/ledger/cells';
import { COLUMNS, type SheetName } from '../../types/import';

/** Sheets in the order given, each with its contract header (or `columns`) and rows. */
export async function ledgerWorkbook(
  sheets: [name: string, rows: Cell[][], columns?: readonly string[]][],
): Promise<Uint8Array> {
  const wb = new Workbook();
  for (const [name, rows, columns] of sheets) {
    const ws = wb.addWorksheet(name);
    ws.addRow([...(columns ?? COLUMNS[name as SheetName])]);
    for (const r of rows) ws.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** RFC 4180 text, with a BOM as Excel's "CSV UTF-8" writes it (or without), CRLF line ends. */
export function ledgerCsv(sheet: SheetName, rows: Cell[][], bom = true): string {
  const field = (c: Cell) => {
    const s = c === null ? '' : String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${bom ? '\uFEFF' : ''}${[[...COLUMNS[sheet]], ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** The rows of every sheet of a workbook, as text. */
export async function readWorkbook(bytes: Uint8Array): Promise<Record<string, string[][]>> {
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(bytes));
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    out[ws.name] = [];
    ws.eachRow((row) => out[ws.name].push(Array.from((row.values as unknown[]).slice(1), (v) => (v === null || v === undefined ? '' : String(v)))));
  });
  return out;
}
