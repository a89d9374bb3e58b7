/**
 * The ledger readers against hostile files (issue 13, defect 2), in this process: how long a
 * refusal takes and how much memory it costs, whether scanning is linear (the same MB/s for a
 * 16 MB and a 64 MB sheet of the longest cells Excel allows), and how long reading holds the
 * event loop (the latest a 1 ms timer fired while a 200,000-row upload was read from memory).
 */
import { openLedger, type LedgerFile } from '../../cloudfunctions/core/files/ledger-read';
import { LIMITS } from '../../cloudfunctions/core/files/limits';
import { COLUMNS } from '../../types/import';
import { hugeCellWorkbook, part, repeatedPart, SHEET_HEAD, SHEET_TAIL, textCell, workbookOf } from '../../test/support/hostile-xlsx';
import { kb, latencyLine, type BenchSection } from './common';

const MB = 1 << 20;
const HEADER = `<row r="1">${COLUMNS.宣传活动.map((h, i) => textCell(`${String.fromCharCode(65 + i)}1`, h)).join('')}</row>`;

/** Reads every row; answers the row count, or the refusal's message. */
async function readAll(files: LedgerFile[]): Promise<string> {
  try {
    const ledger = await openLedger(files);
    let n = 0;
    try {
      for (const s of ledger.sheets.values()) for await (const _ of s.rows()) n++;
    } finally {
      await ledger.close();
    }
    return `read ${n} rows`;
  } catch (err) {
    return `refused: ${(err as Error).message}`;
  }
}

/** Wall time, the peak RSS seen (sampled every 5 ms) and the outcome of `run`. */
async function measured(run: () => Promise<string[]>): Promise<string> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  const out = await run();
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return `${(ms / 1000).toFixed(2)} s, RSS +${((peak - base) / MB).toFixed(0)} MB: ${[...new Set(out)].join(' / ')}`;
}

const xlsx = (bytes: Uint8Array): LedgerFile[] => [{ name: '台账.xlsx', bytes }];

/** Shared strings that inflate to `mb` MB (1 MB: 37,449 strings), `declared` as the directory says. */
function stringsBomb(mb: number, declared?: number): Uint8Array {
  const one = '<si><t>法治台账</t></si>';
  const strings = repeatedPart('xl/sharedStrings.xml', '<sst>', one.repeat(Math.floor(MB / Buffer.byteLength(one))), mb, '</sst>');
  return workbookOf('宣传活动', `${SHEET_HEAD}${HEADER}${SHEET_TAIL}`, [{ ...strings, declared }]);
}

/** A sheet of `mb` MB of rows whose one cell is `chars` long: long tokens that span chunks. */
function longCellsBook(mb: number, chars: number): Uint8Array {
  const row = `<row>${textCell('A2', 'x'.repeat(chars))}</row>`;
  return workbookOf('宣传活动', repeatedPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${HEADER}`, row, Math.round((mb * MB) / row.length), SHEET_TAIL));
}

export const section: BenchSection = {
  name: 'hostile',
  title: 'ledger readers against hostile files: refusal time and memory, linear scanning, event-loop holds',
  byDefault: false,
  async run() {
    for (const mb of [8, 64]) {
      const bytes = hugeCellWorkbook('宣传活动', COLUMNS.宣传活动, mb * MB);
      console.log(`  one ${mb} MB cell (upload ${kb(bytes.length)}):`.padEnd(44), await measured(async () => [await readAll(xlsx(bytes))]));
    }
    const bomb = stringsBomb(1600);
    const lying = stringsBomb(1600, 1024);
    console.log(`  2 concurrent bombs, 1.6 GB each (${kb(bomb.length)}):`.padEnd(44), await measured(() => Promise.all([readAll(xlsx(bomb)), readAll(xlsx(bomb))])));
    console.log('  the same, directory understating the size:'.padEnd(44), await measured(() => Promise.all([readAll(xlsx(lying)), readAll(xlsx(lying))])));
    const under = stringsBomb(60);
    console.log('  2 concurrent, 60 MB shared strings (accepted):'.padEnd(44), await measured(() => Promise.all([readAll(xlsx(under)), readAll(xlsx(under))])));

    // Linear: the same rate at 16 and 64 MB, with the longest cells allowed (each spans chunks).
    for (const mb of [16, 64]) {
      const bytes = longCellsBook(mb, LIMITS.cellChars);
      const t0 = performance.now();
      const out = await readAll(xlsx(bytes));
      const s = (performance.now() - t0) / 1000;
      console.log(`  ${mb} MB sheet of ${LIMITS.cellChars}-character cells:`.padEnd(44), `${s.toFixed(2)} s, ${(mb / s).toFixed(1)} MB/s, ${out}`);
    }

    // Event-loop holds: how late a 1 ms timer fires while 200,000 rows are read from memory.
    const rows = Array.from({ length: LIMITS.rows }, (_, i) => `<row r="${i + 2}">${textCell(`A${i + 2}`, `P-${i}`)}${textCell(`B${i + 2}`, '杏花营镇')}${textCell(`D${i + 2}`, '宪法宣传日活动')}</row>`);
    const stored = workbookOf('宣传活动', part('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${HEADER}${rows.join('')}${SHEET_TAIL}`, true));
    const csv = new TextEncoder().encode(`${COLUMNS.宣传活动.join(',')}\n${Array.from({ length: LIMITS.rows }, (_, i) => `P-${i},杏花营镇,2024-03-01,宪法宣传日活动,100,3`).join('\n')}\n`);
    const uploads: [string, LedgerFile[]][] = [
      ['200k rows, .xlsx stored uncompressed', xlsx(stored)],
      ['200k rows, CSV', [{ name: '宣传活动.csv', bytes: csv }]],
    ];
    for (const [label, files] of uploads) {
      const lateness: number[] = [];
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        lateness.push(now - last);
        last = now;
      }, 1);
      const t0 = performance.now();
      const out = await readAll(files);
      const s = (performance.now() - t0) / 1000;
      clearInterval(timer);
      console.log(`  ${label}: read in ${s.toFixed(2)} s (${out}); gaps between 1 ms ticks: ${latencyLine(lateness)}`);
    }
  },
};
