/** Publicity activities (C.publicity): their filters in one place. */
import { periodRange } from '../../../../types/dates';
import type { Publicity } from '../../../../types/training';
import { C, type Collection, type Doc, type Filter, type Store } from '../../platform/port';

/** Lists show the newest records, as for sessions (queries/trainings.ts). */
const LISTED = 200;

/** An area's dated records (the unit and all below it: activities, 排查 rounds), newest first, optionally of one month. */
export function datedIn<T extends Doc>(store: Store, coll: Collection, areaId: string, month?: string): Promise<T[]> {
  const filter: Filter = { unitPath: areaId, deleted: false };
  if (month) {
    const { from, to } = periodRange(month);
    filter.date = { $gte: from, $lte: to };
  }
  return store.find<T>(coll, filter, { sort: { date: -1 }, limit: LISTED });
}

/** An area's activities, newest first, optionally of one month. */
export const publicityIn = (store: Store, areaId: string, month?: string) => datedIn<Publicity>(store, C.publicity, areaId, month);

export async function getPublicity(store: Store, id: string): Promise<Publicity | null> {
  return store.get<Publicity>(C.publicity, id);
}
