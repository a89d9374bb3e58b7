/**
 * Workbooks as an attacker builds them, for the reader's limits (tests and bench): a zip
 * written by hand, whose parts may inflate far beyond their compressed size and whose
 * central directory may understate it.
 */
import zlib from 'node:zlib';

export interface Part {
  name: string;
  /** Stored as is (zip method 0), not deflated. */
  stored?: boolean;
  /** Deflated (or stored) bytes and what they inflate to. */
  deflated: Buffer;
  size: number;
  crc: number;
  /** The size the central directory declares, if not the true one. */
  declared?: number;
}

export function part(name: string, text: string | Buffer, stored = false): Part {
  const data = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  return { name, stored, deflated: stored ? data : zlib.deflateRawSync(data), size: data.length, crc: zlib.crc32(data) };
}

/**
 * `head`, then `block` `times` over, then `tail`, deflated without ever holding the whole:
 * each piece compressed on its own and sync-flushed (byte-aligned, not final), which a
 * deflate stream may concatenate; the block is compressed once, however often it repeats.
 */
export function repeatedPart(name: string, head: string, block: string, times: number, tail: string): Part {
  const flushed = (s: string) => zlib.deflateRawSync(Buffer.from(s, 'utf8'), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const b = Buffer.from(block, 'utf8');
  const blockDeflated = flushed(block);
  let crc = zlib.crc32(head);
  for (let i = 0; i < times; i++) crc = zlib.crc32(b, crc);
  crc = zlib.crc32(tail, crc);
  const pieces = [flushed(head), ...Array.from({ length: times }, () => blockDeflated), zlib.deflateRawSync(Buffer.from(tail, 'utf8'))];
  return { name, deflated: Buffer.concat(pieces), size: Buffer.byteLength(head) + b.length * times + Buffer.byteLength(tail), crc };
}

/** A zip of `parts` (no data descriptors), as an .xlsx upload's bytes. */
export function zipOf(parts: readonly Part[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const size = Math.min(p.declared ?? p.size, 0xffffffff);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(p.stored ? 0 : 8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.deflated);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(p.stored ? 0 : 8, 10);
    c.writeUInt32LE(p.crc >>> 0, 16);
    c.writeUInt32LE(p.deflated.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="SHEET" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A one-sheet workbook named `sheet` whose sheet XML is `sheetXml` (a Part, so it may be a bomb), with `more` parts beside it. */
export function workbookOf(sheet: string, sheetXml: Part | string, more: Part[] = []): Uint8Array {
  const xml = typeof sheetXml === 'string' ? part('xl/worksheets/sheet1.xml', sheetXml) : sheetXml;
  return zipOf([part('xl/workbook.xml', WORKBOOK.replace('SHEET', sheet)), part('xl/_rels/workbook.xml.rels', RELS), xml, ...more]);
}

/** An inline-string cell. */
export const textCell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A workbook whose one cell (A2 below a header row) holds `chars` letters: tiny compressed. */
export function hugeCellWorkbook(sheet: string, header: readonly string[], chars: number): Uint8Array {
  const head = `${SHEET_HEAD}<row r="1">${header.map((h, i) => textCell(`${String.fromCharCode(65 + i)}1`, h)).join('')}</row><row r="2"><c r="A2" t="inlineStr"><is><t>`;
  const block = 'A'.repeat(1 << 16);
  return workbookOf(sheet, repeatedPart('xl/worksheets/sheet1.xml', head, block, Math.ceil(chars / block.length), `</t></is></c></row>${SHEET_TAIL}`));
}
