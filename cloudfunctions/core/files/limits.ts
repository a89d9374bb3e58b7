/**
 * What one import may make the server read and hold, whatever the file claims: each limit is
 * refused with a Chinese message naming it. Sized from the domain: a district's ledger is
 * thousands of rows a year; a 200,000-row ledger as Excel saves it is about 120 MB of sheet
 * XML and 40 MB of shared strings.
 */
import { Refusal } from '../domain/refusal';

const MB = 1 << 20;

export const LIMITS = {
  /** Inflated bytes of the parts of one workbook read: a 200,000-row ledger fits; a zip bomb (1000× its size) does not. */
  inflatedBytes: 200 * MB,
  /** The shared-string table is held for the whole read: 40 MB for 200,000 distinct rows, so 64 MB. */
  sharedStringBytes: 64 * MB,
  /** Excel's own limit for one cell: nothing Excel saved holds more. */
  cellChars: 32_767,
  /** Excel's own column limit (XFD): a cell reference past it would make a row of millions of blanks. */
  columns: 16_384,
  /** Data rows per import: decades of a district's ledger, and what bounds an import's time and its rejected rows. */
  rows: 200_000,
};

const n = (x: number) => x.toLocaleString('en-US');

export const tooLarge = {
  inflated: () => new Refusal('INVALID', `工作簿解压后超过 ${LIMITS.inflatedBytes / MB} MB(每次导入的上限),请拆分后分批导入`),
  sharedStrings: () => new Refusal('INVALID', `工作簿中的文字(共享字符串表)解压后超过 ${LIMITS.sharedStringBytes / MB} MB(每次导入的上限),请拆分后分批导入`),
  cell: (where: string) => new Refusal('INVALID', `${where}有单元格超过 ${n(LIMITS.cellChars)} 个字符(Excel 单元格的上限),请删减后再导入`),
  columns: (where: string) => new Refusal('INVALID', `${where}超过 ${n(LIMITS.columns)} 列(Excel 的上限),请删除多余的列后再导入`),
  rows: () => new Refusal('INVALID', `本次导入超过 ${n(LIMITS.rows)} 行(每次导入的上限),请拆分后分批导入`),
};

/** How long reading may hold the event loop before it lets other requests run. */
const SLICE_MS = 10;

/**
 * Lets other requests run every SLICE_MS of reading: a file read from memory never waits for
 * I/O, so without this an import would keep the event loop to itself.
 */
export function breather(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
