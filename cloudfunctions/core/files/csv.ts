/**
 * CSV as the ledger format takes it: UTF-8 (with or without BOM), RFC 4180 quoting, read in
 * chunks so a large file never sits in memory whole, within Excel's cell and column limits.
 * A leading ' is kept as written: nothing this app writes is CSV, so it is the user's text.
 */
import { Refusal } from '../domain/refusal';
import { breather, LIMITS, tooLarge } from './limits';

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
  /** The record being read, as a spreadsheet numbers it. */
  private row = 1;

  /** `origin`: the file, for messages. */
  constructor(private readonly origin = '') {}

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
        this.checkField();
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
        this.checkField();
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

  private where(): string {
    return `${this.origin ? `「${this.origin}」` : ''}第 ${this.row} 行`;
  }

  private checkField(): void {
    if (this.field.length > LIMITS.cellChars) throw tooLarge.cell(this.where());
  }

  private endField(): void {
    if (this.record.length >= LIMITS.columns) throw tooLarge.columns(this.where());
    this.record.push(this.field);
    this.field = '';
    this.state = 0;
  }

  private endRecord(): string[] {
    const r = this.record;
    this.record = [];
    this.row++;
    return r;
  }
}

/** The records of a CSV as numbered rows (a CSV's header is row 1). */
export async function* csvRows(chunks: AsyncIterable<Uint8Array>, origin: string): AsyncGenerator<{ row: number; cells: string[] }> {
  // fatal: a GBK file (Excel's "CSV" on Chinese Windows) is refused, not read as mojibake; the BOM is dropped.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parser = new CsvParser(origin);
  const pause = breather();
  let row = 0;
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new Refusal('INVALID', `「${origin}」不是 UTF-8 编码:请在 Excel 中「另存为」选择「CSV UTF-8(逗号分隔)」后再导入`);
    }
  };
  for await (const chunk of chunks) {
    // Paused between rows: what takes the time may be the reader's consumer.
    for (const cells of parser.push(decode(chunk))) {
      yield { row: ++row, cells };
      await pause();
    }
  }
  for (const cells of [...parser.push(decode()), ...parser.end()]) yield { row: ++row, cells };
}
