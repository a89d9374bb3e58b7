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

/**
 * The first year anything was recorded under the top of the tree (every record counts there),
 * or null: 在办 at a period's end sums the years from it. One document, through (unitId, period).
 */
export async function firstYear(store: Store, rootId: string): Promise<number | null> {
  const [first] = await store.find<RollupDoc>(C.rollups, { unitId: rootId }, { sort: { period: 1 }, limit: 1 });
  return first ? Number(first.period.slice(0, 4)) : null;
}
