/** Publicity activities (C.publicity): their filters in one place. */
import { periodRange } from '../../../../types/dates';
import type { Publicity } from '../../../../types/training';
import { C, type Filter, type Store } from '../../platform/port';

/** Lists show the newest activities, as for sessions (queries/trainings.ts). */
const LISTED = 200;

/** An area's activities (the unit and all below it), newest first, optionally of one month. */
export function publicityIn(store: Store, areaId: string, month?: string): Promise<Publicity[]> {
  const filter: Filter = { unitPath: areaId, deleted: false };
  if (month) {
    const { from, to } = periodRange(month);
    filter.date = { $gte: from, $lte: to };
  }
  return store.find<Publicity>(C.publicity, filter, { sort: { date: -1 }, limit: LISTED });
}

export async function getPublicity(store: Store, id: string): Promise<Publicity | null> {
  return store.get<Publicity>(C.publicity, id);
}
