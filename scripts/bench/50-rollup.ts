/**
 * 汇总 at scale: 10k, 100k and 1M synthetic disputes in a fresh embedded store each.
 * The records go in raw (SQLite transactions of 50k through the store's own transaction(),
 * as a bulk import would; writing 1M through the handlers would take hours), then
 * `recount(store, true)` builds the rollups from them: that is also the "recount at 1M"
 * timing. Then the district × year 汇总 is read through the real function, and the records
 * behind D1 (what tapping the figure opens) a few times.
 *
 * Goals (issue #5): the district × year read costs the same at any size (1M/10k p50 ratio
 * ≤ 2) and p50 ≤ 20 ms at 1M. Only when named (`npm run bench -- rollup`): the 1M load
 * alone takes minutes and about 1 GB of disk under os.tmpdir(), removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { todayBeijing, addDays } from '../../types/dates';
import { CHANNELS, DEFAULT_DISPUTE_TYPES, OUTCOMES, type Dispute } from '../../types/dispute';
import type { SummaryView, RecordsView } from '../../types/metrics';
import type { Unit } from '../../types/org';
import { DEFAULT_REPORT_CONFIG } from '../../cloudfunctions/core/domain/figures/rollup';
import { C } from '../../cloudfunctions/core/platform/port';
import { recount } from '../../cloudfunctions/core/app/recount';
import { invoke } from '../../cloudfunctions/core/platform/runtime';
import { functions } from '../../cloudfunctions/registry';
import { seedDemo } from '../demo';
import { openLocal } from '../local';
import { seededRandom } from '../seeded-random';
import { dataOf, elapsedMs, latencyLine, percentile, type BenchSection } from './common';

/** BENCH_ROLLUP_SIZES=2000,20000 for a quick run. */
const SIZES = (process.env.BENCH_ROLLUP_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const BATCH = 50_000;
const WARMUP = 20;
const READS = 200;
/** The records read scans every case of the year: a few calls are enough to time it (one at 1M: about a minute each). */
const recordReads = (n: number) => (n > 100_000 ? 1 : 3);
const DISTRICT = 'sfq';
const SUPERVISOR = 'demo-district';
/** Dates spread over the last two years up to today, so the year read has a neighbour year. */
const SPAN_DAYS = 730;

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Peak resident memory, sampled every 50 ms, per phase and overall. */
class RssSampler {
  private timer: NodeJS.Timeout;
  private phaseMax = 0;
  overallMax = 0;
  constructor() {
    this.timer = setInterval(() => this.sample(), 50);
    this.timer.unref();
  }
  sample(): number {
    const rss = process.memoryUsage().rss;
    this.phaseMax = Math.max(this.phaseMax, rss);
    this.overallMax = Math.max(this.overallMax, rss);
    return rss;
  }
  /** The peak since the last call, and starts a new phase. */
  phase(): number {
    this.sample();
    const max = this.phaseMax;
    this.phaseMax = 0;
    return max;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

function dirSize(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
    const p = path.join(dir, e.name);
    return n + (e.isDirectory() ? dirSize(p) : fs.statSync(p).size);
  }, 0);
}

interface Generated {
  /** D1 of the district for `year`, counted while generating: what the rollups must say. */
  d1: number;
  d2Fen: number;
}

/** Writes `n` disputes spread over the demo villages (and court cases at 区诉调联动中心) in transactions of BATCH. */
export async function loadDisputes(store: ReturnType<typeof openLocal>['store'], units: Unit[], n: number, year: string): Promise<Generated> {
  const villages = units.filter((u) => u.kind === '村社区');
  const court = units.find((u) => u._id === 'sdzx')!;
  const rnd = seededRandom(n);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const today = todayBeijing();
  const start = addDays(today, -SPAN_DAYS);
  const now = new Date().toISOString();
  const out: Generated = { d1: 0, d2Fen: 0 };
  for (let from = 0; from < n; from += BATCH) {
    const batch: Dispute[] = [];
    for (let i = from; i < Math.min(n, from + BATCH); i++) {
      const isCourt = i % 5 === 0;
      const unit = isCourt ? court : villages[i % villages.length];
      const accepted = addDays(start, Math.floor(rnd() * (SPAN_DAYS - 10)));
      const outcome = isCourt || rnd() < 0.8 ? '调解成功' : pick(OUTCOMES);
      const resolved = outcome === '在办' ? undefined : addDays(accepted, Math.floor(rnd() * 10));
      const channel = isCourt ? '诉调' : pick(CHANNELS.filter((c) => c !== '诉调'));
      const amountFen = Math.floor(rnd() * 5_000_000) * 10;
      const id = `bench-${String(i).padStart(7, '0')}`;
      batch.push({
        _id: id,
        id,
        unitId: unit._id,
        unitPath: unit.path,
        acceptedDate: accepted,
        ...(resolved ? { resolvedDate: resolved } : {}),
        type: pick(DEFAULT_DISPUTE_TYPES),
        channel,
        outcome,
        agreementForm: rnd() < 0.6 ? '书面' : '口头',
        amountFen,
        parties: 2 + Math.floor(rnd() * 3),
        banners: isCourt && rnd() < 0.1 ? 1 : 0,
        summary: `压测案件${i + 1}:因宅基地边界引发争执,经调解双方达成一致`,
        mediatorId: isCourt ? 'demo-court' : `demo-m-${unit._id}`,
        mediatorName: isCourt ? '周调解' : `${unit.name}调解员`,
        version: 1,
        deleted: false,
        createdAt: now,
        updatedAt: now,
      });
      if (outcome === '调解成功' && resolved?.startsWith(year) && DEFAULT_REPORT_CONFIG.caseChannels.includes(channel)) {
        out.d1++;
        out.d2Fen += amountFen;
      }
    }
    await store.transaction(async (tx) => {
      for (const d of batch) await tx.set(C.disputes, d);
    });
  }
  return out;
}

interface SizeResult {
  n: number;
  loadS: number;
  recountS: number;
  checkS: number;
  summaryMs: number[];
  recordsMs: number[];
  diskBytes: number;
  rss: { load: number; recount: number; reads: number };
}

/** Removes the store being filled if the run is interrupted: at 1M it holds about a gigabyte. */
let current: string | undefined;
function removeOnInterrupt(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (current) fs.rmSync(current, { recursive: true, force: true });
      process.exit(130);
    });
  }
}

async function runSize(n: number, rss: RssSampler): Promise<SizeResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-rollup-'));
  current = dataDir;
  const deps = openLocal(dataDir);
  const { store } = deps;
  const year = todayBeijing().slice(0, 4);
  try {
    // The demo tree, users, rosters, trainings and publicity, with no cases.
    await seedDemo(deps, 0);
    const units = await store.find<Unit>(C.units, {});
    rss.phase();

    let t = process.hrtime.bigint();
    const expected = await loadDisputes(store, units, n, year);
    const loadS = elapsedMs(t) / 1000;
    const rssLoad = rss.phase();

    t = process.hrtime.bigint();
    const r = await recount(store, true);
    const recountS = elapsedMs(t) / 1000;
    // The same pass without writing is what `rollup.check` runs; after the rebuild it must find nothing.
    t = process.hrtime.bigint();
    const check = await recount(store, false);
    const checkS = elapsedMs(t) / 1000;
    if (check.differences.length) throw new Error(`check after recount: ${check.differences.length} differences`);
    const rssRecount = rss.phase();
    const diskBytes = dirSize(dataDir);
    console.log(
      `  ${n.toLocaleString('en').padStart(9)}: loaded in ${loadS.toFixed(1)} s (${Math.round(n / loadS).toLocaleString('en')}/s), ` +
        `recount ${recountS.toFixed(1)} s (${r.records.toLocaleString('en')} records → ${r.rollupDocs} rollup docs, ${r.differences.length.toLocaleString('en')} counters written), ` +
        `check ${checkS.toFixed(1)} s (0 differences), disk ${MB(diskBytes)}`,
    );

    const summary = () => invoke(functions.rollup, { action: 'summary', payload: { unitId: DISTRICT, period: year } }, SUPERVISOR, deps);
    const first = dataOf(await summary(), 'summary') as SummaryView;
    const d1 = first.scope.figures.D1.value;
    const d2 = first.scope.figures.D2.value;
    if (d1 !== expected.d1 || d2 !== expected.d2Fen) {
      throw new Error(`district ${year} D1/D2 = ${d1}/${d2}, generated ${expected.d1}/${expected.d2Fen}`);
    }
    for (let i = 0; i < WARMUP; i++) dataOf(await summary(), 'summary warm-up');
    const summaryMs: number[] = [];
    for (let i = 0; i < READS; i++) {
      const start = process.hrtime.bigint();
      const res = await summary();
      summaryMs.push(elapsedMs(start));
      dataOf(res, 'summary');
    }
    console.log(`             district × ${year} 汇总 (D1 ${d1.toLocaleString('en')}件, as generated)  ${latencyLine(summaryMs, [50, 95])}`);

    // What tapping the D1 card opens: the first page of the records behind it, and their count.
    const recordsMs: number[] = [];
    for (let i = 0; i < recordReads(n); i++) {
      const start = process.hrtime.bigint();
      const res = await invoke(functions.rollup, { action: 'records', payload: { unitId: DISTRICT, period: year, metric: 'D1', limit: 50 } }, SUPERVISOR, deps);
      recordsMs.push(elapsedMs(start));
      const total = (dataOf(res, 'records') as RecordsView).total;
      if (total !== d1) throw new Error(`records behind D1: ${total}, figure ${d1}`);
    }
    console.log(`             records behind D1 (first 50 + total)  ${latencyLine(recordsMs, [50])}`);
    const rssReads = rss.phase();
    console.log(`             peak RSS: load ${MB(rssLoad)}, recount ${MB(rssRecount)}, reads ${MB(rssReads)}`);
    return { n, loadS, recountS, checkS, summaryMs, recordsMs, diskBytes, rss: { load: rssLoad, recount: rssRecount, reads: rssReads } };
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    current = undefined;
  }
}

export const section: BenchSection = {
  name: 'rollup',
  title: `汇总 at ${SIZES.map((n) => n.toLocaleString('en')).join(' / ')} disputes: raw load, recount (rollups rebuilt), district × year read (${READS} calls), records behind D1`,
  byDefault: false,
  async run() {
    removeOnInterrupt();
    const rss = new RssSampler();
    const results: SizeResult[] = [];
    try {
      for (const n of SIZES) {
        results.push(await runSize(n, rss));
        if (global.gc) global.gc();
      }
    } finally {
      rss.stop();
    }
    const p50 = (r: SizeResult) => percentile([...r.summaryMs].sort((a, b) => a - b), 50);
    const p95 = (r: SizeResult) => percentile([...r.summaryMs].sort((a, b) => a - b), 95);
    const small = results[0];
    const large = results[results.length - 1];
    const ratio = p50(large) / p50(small);
    console.log('\n  size        load s   recount s   check s   汇总 p50 ms   p95 ms   records p50 ms   disk     peak RSS');
    for (const r of results) {
      console.log(
        `  ${r.n.toLocaleString('en').padEnd(10)} ${r.loadS.toFixed(1).padStart(7)} ${r.recountS.toFixed(1).padStart(11)} ${r.checkS.toFixed(1).padStart(9)} ` +
          `${p50(r).toFixed(2).padStart(13)} ${p95(r).toFixed(2).padStart(8)} ${percentile([...r.recordsMs].sort((a, b) => a - b), 50).toFixed(0).padStart(16)}   ` +
          `${MB(r.diskBytes).padStart(7)}  ${MB(Math.max(r.rss.load, r.rss.recount, r.rss.reads)).padStart(8)}`,
      );
    }
    console.log(`\n  汇总 p50 ${large.n.toLocaleString('en')} / ${small.n.toLocaleString('en')} = ${ratio.toFixed(2)}  (goal ≤ 2: ${ratio <= 2 ? 'met' : 'NOT met'})`);
    console.log(`  汇总 p50 at ${large.n.toLocaleString('en')} = ${p50(large).toFixed(2)} ms  (goal ≤ 20 ms: ${p50(large) <= 20 ? 'met' : 'NOT met'})`);
    console.log(`  recount at ${large.n.toLocaleString('en')} = ${large.recountS.toFixed(1)} s;  peak RSS over the run ${MB(rss.overallMax)}`);
  },
};
