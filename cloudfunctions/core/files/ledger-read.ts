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
import { isHeaderRow, isSheetName, readHeader, type Header } from '../domain/ledger/columns';
import { Refusal } from '../domain/refusal';
import { csvRows } from './csv';
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
async function probe(sheet: SheetName, origin: string, rows: () => AsyncIterable<SourceRow>, lastRow?: number): Promise<SheetSource | null> {
  let seen = 0;
  for await (const r of rows()) {
    if (isHeaderRow(sheet, r.cells)) {
      const header = readHeader(sheet, r.cells);
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

function chunksOf(file: LedgerFile): AsyncIterable<Uint8Array> {
  return 'path' in file ? fs.createReadStream(file.path, { highWaterMark: 1 << 16 }) : Readable.from([file.bytes]);
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
  const add = (source: SheetSource | null, origin: string) => {
    if (!source) {
      warnings.push(`「${origin}」是空表,已跳过`);
      return;
    }
    const twice = sheets.get(source.sheet);
    if (twice) throw refuse(`工作表「${source.sheet}」出现了两次(${twice.origin}、${source.origin}),每张表只能导入一份`);
    sheets.set(source.sheet, source);
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
