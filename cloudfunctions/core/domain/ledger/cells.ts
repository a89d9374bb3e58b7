/** A ledger cell as the spellings real ledgers use (dates, amounts, counts, phones), read. Pure. */
import { yuanToFen } from '../../../../types/money';

/** A cell as a reader hands it over: CSV gives text, a workbook also numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null;

const EXCEL_EPOCH_DAYS = 25569; // 1970-01-01 as an Excel (1900 system) serial
const DAY_MS = 86_400_000;

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A cell as text: trimmed; a date cell as YYYY-MM-DD; a number as written. */
export function textOf(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDate(cell);
  return String(cell).trim();
}

const pad = (s: string) => s.padStart(2, '0');

/**
 * '2024-03-07', '2024/3/7', '2024.3.7', '2024年3月7日' (a time after it is ignored) and Excel
 * date cells, as YYYY-MM-DD. Anything else comes back as written, for the shared schema to
 * refuse with its own message. Excel date cells are read as calendar dates (readers hand them
 * over at UTC midnight), a bare number as an Excel serial day.
 */
export function dateOf(cell: Cell): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDate(cell);
  if (typeof cell === 'number') {
    return cell >= 1 && cell < 2_958_466 ? isoDate(new Date(Math.round((cell - EXCEL_EPOCH_DAYS) * DAY_MS))) : String(cell);
  }
  const s = textOf(cell);
  if (!s) return undefined;
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s);
  return m ? `${m[1]}-${pad(m[2])}-${pad(m[3])}` : s;
}

/**
 * An amount in yuan ('12,345.67', '-5', a number cell) as fen. Negative amounts and a third
 * decimal come through (as a negative or fractional fen) for the shared schema to name;
 * NaN for what is not a number at all. Blank is 0: ledgers leave zero amounts empty.
 */
export function fenOf(cell: Cell): number {
  if (typeof cell === 'number') {
    const fen = cell * 100;
    // Binary floating point: 0.07 * 100 is 7.000000000000001, still exactly 7 fen.
    return Math.abs(fen - Math.round(fen)) < 1e-6 ? Math.round(fen) : fen;
  }
  const s = textOf(cell).replace(/[,，\s]/g, '');
  if (!s) return 0;
  const negative = s.startsWith('-');
  const fen = yuanToFen(negative ? s.slice(1) : s);
  if (fen !== null) return negative ? -fen : fen;
  return /^-?\d+\.\d+$/.test(s) ? Number(s) * 100 : Number.NaN;
}

/** A count ('1,200', a number cell); blank is 0, as ledgers leave zeros empty; NaN for what is not a number. */
export function numberOf(cell: Cell): number {
  if (typeof cell === 'number') return cell;
  const s = textOf(cell).replace(/[,，\s]/g, '');
  if (!s) return 0;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** A phone as a ledger writes it ('138 0013 8000', '+86-138…', a number cell), as text. */
export function phoneOf(cell: Cell): string {
  return typeof cell === 'number' ? String(cell) : textOf(cell);
}
