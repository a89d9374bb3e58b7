/**
 * A ledger as files: an .xlsx workbook, or CSVs named after their sheet (UTF-8, with or
 * without BOM). Opening checks everything that would stop an import before anything is
 * written (unreadable file, unknown sheet, missing columns); the rows are then streamed.
 * Server side only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { COLUMNS, isHeaderRow, isSheetName, readHeader, SHEETS, type Cell, type Header, type SheetName } from './domain/ledger-import';
import { Refusal } from './domain/refusal';
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

// ——— CSV ———

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** RFC 4180, fed in chunks: quoted fields may hold commas, quotes ("") and line breaks; CRLF, LF or CR end a record. */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  /** 0 at a field's start, 1 in an unquoted field, 2 in a quoted one, 3 just after a quote inside one. */
  private state = 0;
  private skipLf = false;

  push(text: string): string[][] {
    const out: string[][] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.skipLf) {
        this.skipLf = false;
        if (text.charCodeAt(i) === LF) {
          i++;
          continue;
        }
      }
      if (this.state === 2) {
        const q = text.indexOf('"', i);
        this.field += text.slice(i, q < 0 ? n : q);
        if (q < 0) break;
        this.state = 3;
        i = q + 1;
      } else if (this.state === 3) {
        if (text.charCodeAt(i) === QUOTE) {
          this.field += '"';
          this.state = 2;
          i++;
        } else this.state = 1;
      } else if (this.state === 0 && text.charCodeAt(i) === QUOTE) {
        this.state = 2;
        i++;
      } else {
        let j = i;
        for (let c = text.charCodeAt(j); j < n && c !== COMMA && c !== LF && c !== CR; c = text.charCodeAt(++j));
        this.field += text.slice(i, j);
        this.state = 1;
        if (j === n) break;
        const c = text.charCodeAt(j);
        this.endField();
        if (c !== COMMA) {
          out.push(this.endRecord());
          this.skipLf = c === CR;
        }
        i = j + 1;
      }
    }
    return out;
  }

  /** The last record, if the text did not end with a line break. */
  end(): string[][] {
    if (this.state === 0 && !this.field && !this.record.length) return [];
    this.endField();
    return [this.endRecord()];
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.state = 0;
  }

  private endRecord(): string[] {
    const r = this.record;
    this.record = [];
    return r;
  }
}

async function* csvRows(chunks: AsyncIterable<Uint8Array>, origin: string): AsyncGenerator<SourceRow> {
  // fatal: a GBK file (Excel's "CSV" on Chinese Windows) is refused, not read as mojibake; the BOM is dropped.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parser = new CsvParser();
  let row = 0;
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw refuse(`「${origin}」不是 UTF-8 编码:请在 Excel 中「另存为」选择「CSV UTF-8(逗号分隔)」后再导入`);
    }
  };
  for await (const chunk of chunks) {
    for (const cells of parser.push(decode(chunk))) yield { row: ++row, cells };
  }
  for (const cells of [...parser.push(decode()), ...parser.end()]) yield { row: ++row, cells };
}

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
