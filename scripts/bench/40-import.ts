/**
 * 台账导入 at size: 100k dispute rows (plus a 单位 sheet) as CSV and as .xlsx, each imported by
 * `npm run import` (scripts/import.ts, the real CLI, as a child process) into a fresh DATA_DIR.
 * Wall time of the whole command, rows/s, and its peak RSS (from /usr/bin/time -v when there is
 * one). A 10k run beside it shows whether memory grows with the file, and a run with V8's heap
 * capped at 64 MB that it fits. Then the same CSV again into the same store: everything
 * unchanged. Goal (issue): CSV ≤ 15 s on a 2-core machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHANNELS, DEFAULT_DISPUTE_TYPES, OUTCOMES } from '../../types/dispute';
import { todayBeijing, addDays } from '../../types/dates';
import type { Cell } from '../../cloudfunctions/core/domain/ledger/cells';
import { COLUMNS } from '../../types/import';
import { writeWorkbook } from '../../cloudfunctions/core/files/workbook-write';
import { kb, root, type BenchSection } from './common';

const ROWS = 100_000;
const SMALL = 10_000;
const TSX = require.resolve('tsx/cli');
const TIME = '/usr/bin/time';
const CAPPED_HEAP_MB = 64;

const TOWNS = ['杏花营镇', '金耀街道', '水稻乡', '柳园口乡', '杏花营农场', '城西街道', '仙人庄街道'];
const VILLAGES = TOWNS.flatMap((t, i) => Array.from({ length: 6 }, (_, j) => [t, `${t.slice(0, 2)}${i}${j}村`]));

function unitRows(): Cell[][] {
  return [['示范区', '', '区'], ['区诉调联动中心', '示范区', '区直'], ...TOWNS.map((t) => [t, '示范区', '乡镇街道']), ...VILLAGES.map(([t, v]) => [v, t, '村社区'])];
}

/** Deterministic rows in the spellings ledgers use: slashes and 年月日 dates, thousands separators. */
function* disputeRows(n: number): Generator<Cell[]> {
  const today = todayBeijing();
  for (let i = 0; i < n; i++) {
    const [town, village] = VILLAGES[i % VILLAGES.length];
    const accepted = addDays(today, -(5 + (i % 360)));
    const outcome = OUTCOMES[i % 7 === 0 ? 3 : i % 11 === 0 ? 1 : 0];
    const [y, m, d] = accepted.split('-').map(Number);
    const acceptedText = i % 3 === 0 ? accepted : i % 3 === 1 ? `${y}/${m}/${d}` : `${y}年${m}月${d}日`;
    const amount = (i * 7919) % 2_000_000;
    yield [
      `BJ${String(i).padStart(7, '0')}`, `${town}/${village}`, `调解员${i % 50}`, acceptedText,
      outcome === '在办' ? '' : addDays(accepted, i % 5), DEFAULT_DISPUTE_TYPES[i % DEFAULT_DISPUTE_TYPES.length], CHANNELS[i % CHANNELS.length], outcome,
      i % 2 ? '书面' : '口头', `${amount.toLocaleString('en-US')}.${String(i % 100).padStart(2, '0')}`, 2 + (i % 3), i % 97 === 0 ? 1 : 0,
      `台账压测案件${i}`,
    ];
  }
}

const csvLine = (cells: Cell[]) => `${cells.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')}\n`;

function writeCsv(file: string, columns: readonly string[], rows: Iterable<Cell[]>): void {
  const fd = fs.openSync(file, 'w');
  // With a BOM, as Excel writes "CSV UTF-8".
  let buf = `\uFEFF${csvLine([...columns])}`;
  for (const r of rows) {
    buf += csvLine(r);
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

/** 单位.csv, 矛盾纠纷.csv (n rows) and 台账.xlsx (both sheets) in `dir`. */
export async function writeLedgerFiles(dir: string, n: number): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  writeCsv(path.join(dir, '单位.csv'), COLUMNS.单位, unitRows());
  writeCsv(path.join(dir, '矛盾纠纷.csv'), COLUMNS.矛盾纠纷, disputeRows(n));
  await writeWorkbook({ filename: path.join(dir, '台账.xlsx') }, [
    { name: '单位', columns: COLUMNS.单位, rows: unitRows() },
    { name: '矛盾纠纷', columns: COLUMNS.矛盾纠纷, rows: disputeRows(n) },
  ]);
}

interface Run {
  wallS: number;
  maxRssKb?: number;
  stdout: string;
}

/** The import CLI as a user runs it, on a fresh (or given) data folder; `heapMb` caps V8's heap. */
function runImport(files: string[], dataDir: string, heapMb?: number): Run {
  const timed = fs.existsSync(TIME);
  const cmd = timed ? TIME : process.execPath;
  const args = [...(timed ? ['-v', process.execPath] : []), TSX, 'scripts/import.ts', ...files];
  const t0 = Date.now();
  const env = { ...process.env, DATA_DIR: dataDir, ...(heapMb ? { NODE_OPTIONS: `--max-old-space-size=${heapMb}` } : {}) };
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const wallS = (Date.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`import exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
  return { wallS, maxRssKb: rss ? Number(rss) : undefined, stdout: r.stdout };
}

function report(label: string, rows: number, run: Run, fileBytes: number): void {
  const rss = run.maxRssKb ? `peak RSS ${(run.maxRssKb / 1024).toFixed(0)} MB` : 'peak RSS n/a (no /usr/bin/time)';
  const line = run.stdout.split('\n').find((l) => l.startsWith('矛盾纠纷'))?.replace(/\s+/g, ' ');
  console.log(`  ${label.padEnd(24)} ${run.wallS.toFixed(1).padStart(6)} s  ${Math.round(rows / run.wallS).toString().padStart(6)} rows/s  ${rss}  (file ${kb(fileBytes)}; ${line})`);
}

export const section: BenchSection = {
  name: 'import',
  title: `ledger import CLI: ${ROWS / 1000}k dispute rows as CSV and .xlsx into a fresh store`,
  byDefault: false,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-import-'));
    try {
      const t0 = Date.now();
      for (const n of [SMALL, ROWS]) await writeLedgerFiles(path.join(dir, String(n)), n);
      console.log(`  files generated in ${((Date.now() - t0) / 1000).toFixed(1)} s (${os.cpus().length} CPUs)`);
      for (const n of [SMALL, ROWS]) {
        const d = path.join(dir, String(n));
        // Files in reverse order: the import takes 单位 first whatever the order.
        const csv = [path.join(d, '矛盾纠纷.csv'), path.join(d, '单位.csv')];
        const csvBytes = csv.reduce((s, f) => s + fs.statSync(f).size, 0);
        const csvStore = path.join(d, 'data-csv');
        report(`CSV ${n / 1000}k`, n, runImport(csv, csvStore), csvBytes);
        const xlsx = path.join(d, '台账.xlsx');
        report(`xlsx ${n / 1000}k`, n, runImport([xlsx], path.join(d, 'data-xlsx')), fs.statSync(xlsx).size);
        if (n === ROWS) {
          report(`CSV ${n / 1000}k again (same store)`, n, runImport(csv, csvStore), csvBytes);
          // Memory that does not grow with the file: the whole import within a heap this small.
          report(`CSV ${n / 1000}k, heap ≤ ${CAPPED_HEAP_MB} MB`, n, runImport(csv, path.join(d, 'data-capped'), CAPPED_HEAP_MB), csvBytes);
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
