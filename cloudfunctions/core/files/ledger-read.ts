/**
 * A ledger as files: an .xlsx workbook, or CSVs named after their sheet (UTF-8, with or
 * without BOM). Opening checks everything that would stop an import before anything is
 * written (unreadable file, unknown sheet, missing columns); the rows are then streamed.
 * Server side only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { COLUMNS, SHEETS, type SheetName } from '../../../types/import';
import type { Cell } from '../domain/ledger/cells';
import { isBlankRow, isHeaderRow, isSheetName, readHeader, ROSTER_HEADER, type Header, type HeaderNeeds } from '../domain/ledger/columns';
import { Refusal } from '../domain/refusal';
import { csvRows } from './csv';
import { LIMITS, tooLarge } from './limits';
import { openXlsx, type XlsxBook } from './xlsx-read';

export type LedgerFile = { name: string } & ({ path: string } | { bytes: Uint8Array });

export interface SourceRow {
  /** As Excel numbers it (a CSV's header is row 1). */
  row: number;
  cells: Cell[];
}

export interface SheetSource {
  sheet: SheetName;
  /** The file (and sheet) it came from, for messages. */
  origin: string;
  header: Header;
  /** The header's row number: a data row's is its place in the sheet below it. */
  headerRow: number;
  /**
   * Rows below the header (blank ones included) when the file says so before they are read:
   * an .xlsx's dimension. A CSV's count is known only once it has been read.
   */
  rowsTotal?: number;
  /** The data rows below the header; each call reads the file again. */
  rows(): AsyncIterable<SourceRow>;
}

export interface Ledger {
  sheets: Map<SheetName, SheetSource>;
  warnings: string[];
  close(): Promise<void>;
}

const refuse = (message: string) => new Refusal('INVALID', message);

// ——— opening ———

function readError(name: string, err: unknown): Refusal {
  if (err instanceof Refusal) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? '文件不存在' : code === 'EACCES' ? '没有读取权限' : code === 'EISDIR' ? '这是一个文件夹' : (err as Error).message;
  return refuse(`无法读取文件「${name}」:${why}`);
}

/** Rows above the header (a title such as "2024年矛盾纠纷台账") are skipped, up to this many. */
const HEADER_SEARCH_ROWS = 20;

/** Finds the header row; an empty sheet answers null. `lastRow`: the sheet's last row number, if the file declares it. */
async function probe(
  sheet: SheetName,
  origin: string,
  rows: () => AsyncIterable<SourceRow>,
  lastRow?: number,
  needs?: HeaderNeeds,
): Promise<SheetSource | null> {
  let seen = 0;
  for await (const r of rows()) {
    if (isHeaderRow(sheet, r.cells)) {
      const header = readHeader(sheet, r.cells, needs);
      const after = r.row;
      return {
        sheet,
        origin,
        header,
        headerRow: after,
        rowsTotal: lastRow !== undefined && lastRow > after ? lastRow - after : undefined,
        async *rows() {
          for await (const x of rows()) if (x.row > after) yield x;
        },
      };
    }
    if (++seen >= HEADER_SEARCH_ROWS) break;
  }
  if (!seen) return null;
  throw refuse(`「${origin}」中找不到列名行:第一行应为 ${COLUMNS[sheet].join('、')}`);
}

const CHUNK = 1 << 16;

/** A file in chunks: an upload in memory too, so that reading it is never one long step. */
function chunksOf(file: LedgerFile): AsyncIterable<Uint8Array> {
  if ('path' in file) return fs.createReadStream(file.path, { highWaterMark: CHUNK });
  const { bytes } = file;
  return Readable.from((function* () {
    for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
  })());
}

/**
 * Holds the import to LIMITS.rows rows with content, over all its sheets: each sheet counts
 * the most rows any reading of it reached, as a sheet may be read more than once.
 */
function rowLimit(): (source: SheetSource) => SheetSource {
  const bySheet = new Map<SheetName, number>();
  let total = 0;
  return (source) => ({
    ...source,
    async *rows() {
      let n = 0;
      for await (const r of source.rows()) {
        if (!isBlankRow(r.cells) && ++n > (bySheet.get(source.sheet) ?? 0)) {
          bySheet.set(source.sheet, n);
          if (++total > LIMITS.rows) throw tooLarge.rows();
        }
        yield r;
      }
    },
  });
}

/**
 * Opens the files of one import and checks them: each is an .xlsx or a CSV named after its
 * sheet, no sheet comes twice, and every sheet has its required columns. Anything wrong is a
 * Refusal with a Chinese message, before a single row is read.
 */
export async function openLedger(files: readonly LedgerFile[]): Promise<Ledger> {
  const sheets = new Map<SheetName, SheetSource>();
  const warnings: string[] = [];
  const books: XlsxBook[] = [];
  const limited = rowLimit();
  const add = (source: SheetSource | null, origin: string) => {
    if (!source) {
      warnings.push(`「${origin}」是空表,已跳过`);
      return;
    }
    const twice = sheets.get(source.sheet);
    if (twice) throw refuse(`工作表「${source.sheet}」出现了两次(${twice.origin}、${source.origin}),每张表只能导入一份`);
    sheets.set(source.sheet, limited(source));
    warnings.push(...source.header.warnings);
  };
  try {
    for (const file of files) {
      const ext = path.extname(file.name).toLowerCase();
      const base = path.basename(file.name, path.extname(file.name));
      if (ext === '.csv') {
        if (!isSheetName(base)) {
          throw refuse(`无法识别的文件「${file.name}」:CSV 文件须以工作表命名,即 ${SHEETS.map((s) => `${s}.csv`).join('、')}`);
        }
        const source = await probe(base, file.name, () => csvRows(chunksOf(file), file.name)).catch((err) => {
          throw readError(file.name, err);
        });
        add(source, file.name);
      } else if (ext === '.xlsx') {
        const book = await openXlsx('path' in file ? { path: file.path } : { bytes: file.bytes }).catch((err) => {
          throw readError(file.name, err);
        });
        books.push(book);
        const known = book.sheets.filter(isSheetName);
        const unknown = book.sheets.filter((s) => !isSheetName(s));
        if (!known.length) {
          throw refuse(`「${file.name}」中没有可导入的工作表(现有:${book.sheets.join('、') || '无'}):工作表须命名为 ${SHEETS.join('、')}`);
        }
        if (unknown.length) warnings.push(`「${file.name}」忽略工作表:${unknown.join('、')}`);
        for (const sheet of known) {
          const origin = `${file.name}/${sheet}`;
          add(await probe(sheet, origin, () => book.rows(sheet), await book.lastRow(sheet)), origin);
        }
      } else {
        throw refuse(`不支持的文件「${file.name}」:请导入 .xlsx 工作簿或以工作表命名的 .csv 文件(旧版 .xls 请在 Excel 中另存为 .xlsx)`);
      }
    }
    if (!sheets.size) throw refuse('没有可导入的数据:所选文件都是空表');
  } catch (err) {
    await Promise.all(books.map((b) => b.close()));
    throw err;
  }
  return { sheets, warnings, close: async () => void (await Promise.all(books.map((b) => b.close()))) };
}

/** The sheet a roster file is read from: the one named 签到, else the first (a trainer's own list is often 'Sheet1'). */
const ROSTER_SHEET = '签到';

/**
 * 名册导入: one file holding a 签到-shaped sheet (姓名, 手机号, 所属单位; 培训编号 ignored), an .xlsx
 * (its 签到 sheet, else its first) or a CSV of any name, opened as a one-sheet ledger under 签到.
 * The same checks as openLedger: a file that cannot be read, or lacks 姓名, is refused before any row.
 */
export async function openRoster(file: LedgerFile): Promise<Ledger> {
  const ext = path.extname(file.name).toLowerCase();
  let book: XlsxBook | undefined;
  try {
    let source: SheetSource | null;
    if (ext === '.csv') {
      source = await probe(ROSTER_SHEET, file.name, () => csvRows(chunksOf(file), file.name), undefined, ROSTER_HEADER).catch((err) => {
        throw readError(file.name, err);
      });
    } else if (ext === '.xlsx') {
      const opened = await openXlsx('path' in file ? { path: file.path } : { bytes: file.bytes }).catch((err) => {
        throw readError(file.name, err);
      });
      book = opened;
      const sheet = opened.sheets.includes(ROSTER_SHEET) ? ROSTER_SHEET : opened.sheets[0];
      if (!sheet) throw refuse(`「${file.name}」中没有工作表`);
      source = await probe(ROSTER_SHEET, `${file.name}/${sheet}`, () => opened.rows(sheet), await opened.lastRow(sheet), ROSTER_HEADER);
    } else {
      throw refuse(`不支持的文件「${file.name}」:请选择 .xlsx 工作簿或 .csv 文件(旧版 .xls 请在 Excel 中另存为 .xlsx)`);
    }
    if (!source) throw refuse(`「${file.name}」是空表:第一行应为列名 姓名、手机号、所属单位`);
    const one = rowLimit()(source);
    return { sheets: new Map([[ROSTER_SHEET, one]]), warnings: source.header.warnings, close: async () => void (await book?.close()) };
  } catch (err) {
    await book?.close();
    throw err;
  }
}
