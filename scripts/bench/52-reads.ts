/**
 * Reads that must not grow with the store (issue 14): at 10k and 1M synthetic disputes (the
 * rollup bench's generator, rollups rebuilt by recount), the p50 of each read a user waits for,
 * through the real functions, and the 1M/10k ratio (goal ≤ 2 each):
 *   - 统计报表 (report.statistics) for the district × last month, with township rows;
 *   - the records behind D1 for the district × year and for one village × year (first page and total);
 *   - 我的台账 of one village's mediator: first page, with a 受理月份 filter, with a search.
 *
 * Only when named (`npm run bench -- reads`). BENCH_READS_SIZES=10000,300000 to change the
 * sizes; BENCH_READS_DIR=/some/dir keeps each size's store there (DIR/<size>) and reuses it on
 * the next run, since loading 1M takes minutes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, todayBeijing } from '../../types/dates';
import type { DisputeList } from '../../types/ledger';
import type { RecordsView } from '../../types/metrics';
import type { Unit } from '../../types/org';
import { C } from '../../cloudfunctions/core/platform/port';
import { recount } from '../../cloudfunctions/core/app/recount';
import { invoke } from '../../cloudfunctions/core/platform/runtime';
import { functions } from '../../cloudfunctions/registry';
import type { FunctionName } from '../../types/api';
import { seedDemo } from '../demo';
import { openLocal, type LocalDeps } from '../local';
import { dataOf, elapsedMs, percentile, type BenchSection } from './common';
import { loadDisputes } from './50-rollup';

const SIZES = (process.env.BENCH_READS_SIZES ?? '10000,1000000').split(',').map(Number);
const KEEP = process.env.BENCH_READS_DIR;
/** Each read is repeated until this many samples or this much time, whichever comes first (at least MIN_READS). */
const MAX_READS = 100;
const MIN_READS = 5;
const BUDGET_MS = 3000;
const WARMUP = 3;
const DISTRICT = 'sfq';
const VILLAGE = 'xhy-qj';
const SUPERVISOR = 'demo-district';
/** The generator gives each village's cases to that village's mediator. */
const MEDIATOR = `demo-m-${VILLAGE}`;
/** Every generated summary reads '压测案件N:…': this matches about one case in nine. */
const SEARCH = '案件1';
const READY = 'bench-reads-ready';

interface Read {
  name: string;
  fn: FunctionName;
  action: string;
  payload: unknown;
  user: string;
  /** What the answer holds, printed beside the time: how much the read had to find. */
  size: (data: unknown) => string;
}

function readsOf(year: string, month: string, listMonth: string): Read[] {
  const records = (unitId: string, name: string): Read => ({
    name,
    fn: 'rollup',
    action: 'records',
    payload: { unitId, period: year, metric: 'D1', limit: 50 },
    user: SUPERVISOR,
    size: (d) => `total ${(d as RecordsView).total.toLocaleString('en')}`,
  });
  const ledger = (name: string, payload: Record<string, unknown>): Read => ({
    name,
    fn: 'dispute',
    action: 'list',
    payload: { limit: 50, ...payload },
    user: MEDIATOR,
    size: (d) => {
      const { items, total, more } = d as DisputeList;
      return `${items.length} shown of ${total?.toLocaleString('en') ?? (more ? 'more (a search is not counted)' : items.length)}`;
    },
  });
  return [
    {
      name: `统计报表 district × ${month}`,
      fn: 'report',
      action: 'statistics',
      payload: { unitId: DISTRICT, period: month },
      user: SUPERVISOR,
      size: (d) => `${((d as { rows?: unknown[] }).rows ?? []).length} rows`,
    },
    records(DISTRICT, `records behind D1, district × ${year}`),
    records(VILLAGE, `records behind D1, ${VILLAGE} × ${year}`),
    ledger('我的台账 first page', {}),
    ledger(`我的台账 受理月份 ${listMonth}`, { month: listMonth }),
    ledger(`我的台账 search '${SEARCH}'`, { q: SEARCH }),
  ];
}

/** A store of `n` generated disputes with its rollups: built in a temporary folder, or kept (and reused) under KEEP. */
async function storeOf(n: number, year: string): Promise<{ deps: LocalDeps; dispose: () => Promise<void> }> {
  const dir = KEEP ? path.join(KEEP, String(n)) : fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-reads-'));
  const ready = fs.existsSync(path.join(dir, READY));
  if (KEEP && !ready) fs.rmSync(dir, { recursive: true, force: true });
  const t = process.hrtime.bigint();
  const deps = openLocal(dir);
  const dispose = async () => {
    await deps.store.close();
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (ready) {
      console.log(`  ${n.toLocaleString('en').padStart(9)}: reusing ${dir} (opened in ${(elapsedMs(t) / 1000).toFixed(1)} s)`);
    } else {
      await seedDemo(deps, 0);
      const units = await deps.store.find<Unit>(C.units, {});
      await loadDisputes(deps.store, units, n, year);
      const loadS = elapsedMs(t) / 1000;
      const r = await recount(deps.store, true);
      console.log(`  ${n.toLocaleString('en').padStart(9)}: loaded in ${loadS.toFixed(1)} s, recount ${(elapsedMs(t) / 1000 - loadS).toFixed(1)} s (${r.rollupDocs} rollup docs)`);
      if (KEEP) fs.writeFileSync(path.join(dir, READY), `${n}\n`);
    }
    return { deps, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

async function timeRead(deps: LocalDeps, r: Read): Promise<{ ms: number[]; size: string }> {
  const call = () => invoke(functions[r.fn], { action: r.action, payload: r.payload }, r.user, deps);
  let size = '';
  for (let i = 0; i < WARMUP; i++) size = r.size(dataOf(await call(), r.name));
  const ms: number[] = [];
  const started = Date.now();
  while (ms.length < MAX_READS && (ms.length < MIN_READS || Date.now() - started < BUDGET_MS)) {
    const t = process.hrtime.bigint();
    const res = await call();
    ms.push(elapsedMs(t));
    dataOf(res, r.name);
  }
  return { ms: ms.sort((a, b) => a - b), size };
}

export const section: BenchSection = {
  name: 'reads',
  title: `reads at ${SIZES.map((n) => n.toLocaleString('en')).join(' / ')} disputes: 统计报表, records behind D1, 我的台账 (p50 and ratio, goal ≤ 2)`,
  byDefault: false,
  async run() {
    const today = todayBeijing();
    const year = today.slice(0, 4);
    // Last month: the one filed upward now. The list's month: one that has cases (the generator stops 10 days before today).
    const month = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
    const listMonth = addDays(today, -40).slice(0, 7);
    const reads = readsOf(year, month, listMonth);
    const p50s: number[][] = [];
    for (const n of SIZES) {
      const { deps, dispose } = await storeOf(n, year);
      try {
        const row: number[] = [];
        for (const r of reads) {
          const { ms, size } = await timeRead(deps, r);
          row.push(percentile(ms, 50));
          console.log(`             ${r.name.padEnd(40)} p50 ${percentile(ms, 50).toFixed(2).padStart(9)} ms  p95 ${percentile(ms, 95).toFixed(2).padStart(9)} ms  (n=${ms.length}; ${size})`);
        }
        p50s.push(row);
      } finally {
        await dispose();
      }
      if (global.gc) global.gc();
    }
    const small = SIZES[0];
    const large = SIZES[SIZES.length - 1];
    console.log(`\n  read${' '.repeat(37)}${SIZES.map((n) => `${n.toLocaleString('en')} p50 ms`.padStart(18)).join('')}   ${large.toLocaleString('en')}/${small.toLocaleString('en')}`);
    reads.forEach((r, i) => {
      const ratio = p50s[p50s.length - 1][i] / p50s[0][i];
      console.log(
        `  ${r.name.padEnd(40)}${p50s.map((row) => row[i].toFixed(2).padStart(18)).join('')}   ${ratio.toFixed(2).padStart(6)}  (goal ≤ 2: ${ratio <= 2 ? 'met' : 'NOT met'})`,
      );
    });
  },
};
