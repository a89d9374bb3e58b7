/** The records behind a figure (domain/figures/trace.ts's criteria): the collection and filter that find them, and one page of them. */
import type { Dispute } from '../../../../types/dispute';
import type { MetricId } from '../../../../types/metrics';
import type { Person, Publicity, Training } from '../../../../types/training';
import { recordsBehind } from '../../domain/figures/trace';
import { C, type Doc, type Filter, type Store } from '../../platform/port';
import { readRollup } from './rollups';

/**
 * The figure that counts a metric's records: the amount (D2), the banners (D4) and the
 * materials and consultations (P2, P3) sum over the records another figure counts.
 */
const COUNTED_BY: Record<MetricId, MetricId> = { D1: 'D1', D2: 'D1', D3: 'D3', D4: 'D3', T1: 'T1', T2: 'T2', P1: 'P1', P2: 'P1', P3: 'P1' };

type RecordSource = { coll: string; filter: Filter; dateField: string } | { coll: typeof C.coverage; prefix: string };

function recordSource(metric: MetricId, unitId: string, period: string): RecordSource {
  const c = recordsBehind(metric, unitId, period);
  if (c.kind === 'coverage') return { coll: C.coverage, prefix: c.prefix };
  const base = { unitPath: c.unitId, deleted: false, [c.dateField]: { $gte: c.from, $lte: c.to } };
  switch (c.kind) {
    case 'disputes':
      return { coll: C.disputes, filter: { ...base, outcome: c.outcome, channel: { $in: [...c.channels] } }, dateField: c.dateField };
    case 'trainings':
      return { coll: C.trainings, filter: { ...base, category: c.category }, dateField: c.dateField };
    default:
      return { coll: C.publicity, filter: base, dateField: c.dateField };
  }
}

export type BehindPage =
  | { kind: 'person'; items: Person[]; total: number }
  | { kind: 'dispute'; items: Dispute[]; total: number }
  | { kind: 'training'; items: Training[]; total: number }
  | { kind: 'publicity'; items: Publicity[]; total: number };

/**
 * One page of the records behind a figure, newest first, and how many there are: the stored
 * figure that counts them (the rollups keep it equal to a count of the records, and reading it
 * costs one document where counting costs every record of the period).
 */
export async function recordsBehindPage(store: Store, metric: MetricId, unitId: string, period: string, page: { skip: number; limit: number }): Promise<BehindPage> {
  const source = recordSource(metric, unitId, period);
  const counted = readRollup(store, unitId, period).then((c) => c[COUNTED_BY[metric]] ?? 0);
  if (!('filter' in source)) {
    // T2: the distinct people behind coverage, found by their coverage keys.
    const range = { _id: { $gte: source.prefix, $lt: `${source.prefix}\uffff` } };
    const [keys, total] = await Promise.all([store.find<Doc>(C.coverage, range, { sort: { _id: 1 }, ...page }), counted]);
    const people = await Promise.all(keys.map((k) => store.get<Person>(C.people, k._id.slice(source.prefix.length))));
    return { kind: 'person', items: people.filter((p): p is Person => !!p), total };
  }
  const [docs, total] = await Promise.all([
    // Many records share a date: the id breaks ties, so pages neither skip nor repeat.
    store.find<Doc>(source.coll, source.filter, { sort: { [source.dateField]: -1, _id: -1 }, ...page }),
    counted,
  ]);
  const kind = source.coll === C.disputes ? 'dispute' : source.coll === C.trainings ? 'training' : 'publicity';
  return { kind, items: docs, total } as BehindPage;
}
