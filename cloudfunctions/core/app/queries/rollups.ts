/** The figures' stored counters (C.rollups): read by unit × period, their shards summed. */
import { mergeShards, rollupId, type Counters, type RollupDoc } from '../../domain/figures/rollup';
import { C, type Store } from '../../platform/port';

/**
 * The counters of each unit × period asked for, in one query. Costs the documents of the
 * units and periods in view, whatever the number of records.
 */
export async function readRollups(
  store: Store,
  unitIds: readonly string[],
  periods: readonly string[],
): Promise<(unitId: string, period: string) => Counters> {
  const docs = await store.find<RollupDoc>(C.rollups, {
    unitId: unitIds.length === 1 ? unitIds[0] : { $in: unitIds },
    period: periods.length === 1 ? periods[0] : { $in: periods },
  });
  const merged = mergeShards(docs);
  return (unitId, period) => merged.get(rollupId(unitId, period))?.c ?? {};
}

export async function readRollup(store: Store, unitId: string, period: string): Promise<Counters> {
  return (await readRollups(store, [unitId], [period]))(unitId, period);
}

/** The first (order 1) or last (-1) year anything counts in at `unitId`, or null. One document, through (unitId, period). */
async function edgeYear(store: Store, unitId: string, order: 1 | -1): Promise<number | null> {
  const [edge] = await store.find<RollupDoc>(C.rollups, { unitId }, { sort: { period: order }, limit: 1 });
  return edge ? Number(edge.period.slice(0, 4)) : null;
}

/**
 * The first year anything was recorded under the top of the tree (every record counts there),
 * or null: 在办 at a period's end sums the years from it.
 */
export function firstYear(store: Store, rootId: string): Promise<number | null> {
  return edgeYear(store, rootId, 1);
}

/** Every year from the first to the last anything counts in at `unitId` (a unit, or a tally's place). */
export async function yearsCounted(store: Store, unitId: string): Promise<string[]> {
  const [first, last] = await Promise.all([edgeYear(store, unitId, 1), edgeYear(store, unitId, -1)]);
  const years: string[] = [];
  if (first !== null && last !== null) for (let y = first; y <= last; y++) years.push(String(y));
  return years;
}
