/**
 * Recount: every rollup and coverage count rebuilt from the raw records, compared with
 * what is stored, and (when asked) written back. The proof that the figures equal the
 * records behind them, and the repair if they ever do not.
 */
import type { Dispute } from '../../../types/dispute';
import type { Screening } from '../../../types/screening';
import type { Publicity, Training } from '../../../types/training';
import { coverageKeys, type CoverageDoc } from '../domain/figures/coverage';
import { disputeContributions, mergeShards, RollupSums, type Contribution, type RollupDoc } from '../domain/figures/rollup';
import { publicityContributions } from '../domain/publicity';
import { screeningContributions } from '../domain/screening';
import { countsForCoverage, trainingContributions } from '../domain/training';
import { C, type Doc, type Store } from '../platform/port';
import { forEachDoc } from './queries/paging';

/** Every collection whose records feed the rollups, with what each record adds (a move in the tree carries these too). */
export const COUNTED: { coll: string; contributions: (r: Doc) => Contribution[] }[] = [
  { coll: C.disputes, contributions: (r) => disputeContributions(r as Dispute) },
  { coll: C.trainings, contributions: (r) => trainingContributions(r as Training) },
  { coll: C.publicity, contributions: (r) => publicityContributions(r as Publicity) },
  { coll: C.screenings, contributions: (r) => screeningContributions(r as Screening) },
];

export interface Difference {
  coll: 'rollups' | 'coverage';
  id: string;
  key: string;
  stored: number;
  recounted: number;
}

export interface RecountResult {
  records: number;
  rollupDocs: number;
  coverageDocs: number;
  differences: Difference[];
  written: boolean;
}

/** What the stored rollups and coverage should be, from the raw records alone. */
export async function recountFromRecords(store: Store) {
  const sums = new RollupSums();
  const coverage = new Map<string, CoverageDoc>();
  let records = 0;
  for (const { coll, contributions } of COUNTED) {
    records += await forEachDoc<Doc & { unitPath: string[] }>(store, coll, (r) => {
      sums.add({ unitPath: r.unitPath, contributions: contributions(r) }, 1);
    });
  }
  const rollups = sums.delta();
  await forEachDoc<Training>(store, C.trainings, (t) => {
    if (!countsForCoverage(t)) return;
    for (const personId of t.attendees) {
      for (const k of coverageKeys(t.unitPath, t.date, personId)) {
        const seen = coverage.get(k.coverageId);
        if (seen) {
          seen.n++;
          continue;
        }
        coverage.set(k.coverageId, { _id: k.coverageId, n: 1 });
        // Their first session at this unit × period: one more distinct attendee.
        let doc = rollups.get(k.rollupId);
        if (!doc) rollups.set(k.rollupId, (doc = { _id: k.rollupId, unitId: k.unitId, period: k.period, c: {} }));
        doc.c.T2 = (doc.c.T2 ?? 0) + 1;
      }
    }
  });
  return { rollups, coverage, records };
}

function compare<T extends Doc>(
  coll: Difference['coll'],
  stored: Map<string, T>,
  recounted: Map<string, T>,
  counters: (d: T | undefined) => Record<string, number>,
): Difference[] {
  const out: Difference[] = [];
  for (const id of new Set([...stored.keys(), ...recounted.keys()])) {
    const a = counters(stored.get(id));
    const b = counters(recounted.get(id));
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if ((a[key] ?? 0) !== (b[key] ?? 0)) out.push({ coll, id, key, stored: a[key] ?? 0, recounted: b[key] ?? 0 });
    }
  }
  return out;
}

/**
 * Compares stored rollups and coverage with a recount; with `write`, replaces them.
 * Writing is document by document (CloudBase transactions cannot hold thousands), and
 * running it again finishes an interrupted run: it is idempotent.
 */
export async function recount(store: Store, write: boolean): Promise<RecountResult> {
  const fresh = await recountFromRecords(store);
  // Stored as shards (see rollup.ts): compared as their sums, rewritten as one document each.
  const rollupShards = new Map<string, RollupDoc>();
  await forEachDoc<RollupDoc>(store, C.rollups, (d) => rollupShards.set(d._id, d));
  const storedCoverage = new Map<string, CoverageDoc>();
  await forEachDoc<CoverageDoc>(store, C.coverage, (d) => storedCoverage.set(d._id, d));
  const differences = [
    ...compare('rollups', mergeShards(rollupShards.values()), fresh.rollups, (d) => d?.c ?? {}),
    ...compare('coverage', storedCoverage, fresh.coverage, (d): Record<string, number> => (d ? { n: d.n } : {})),
  ];
  if (write && differences.length) {
    for (const [coll, stored, next] of [
      [C.rollups, rollupShards, fresh.rollups],
      [C.coverage, storedCoverage, fresh.coverage],
    ] as const) {
      for (const doc of next.values()) await store.set(coll, doc);
      for (const id of stored.keys()) if (!next.has(id)) await store.remove(coll, id);
    }
  }
  return {
    records: fresh.records,
    rollupDocs: fresh.rollups.size,
    coverageDocs: fresh.coverage.size,
    differences,
    written: write && differences.length > 0,
  };
}
