/** 排查 rounds (C.screenings): their filters in one place. */
import { periodRange } from '../../../../types/dates';
import type { Screening } from '../../../../types/screening';
import { C, type Filter, type Store } from '../../platform/port';

/** Lists show the newest rounds, as for activities (queries/publicity.ts). */
const LISTED = 200;

/** An area's rounds (the unit and all below it), newest first, optionally of one month. */
export function screeningsIn(store: Store, areaId: string, month?: string): Promise<Screening[]> {
  const filter: Filter = { unitPath: areaId, deleted: false };
  if (month) {
    const { from, to } = periodRange(month);
    filter.date = { $gte: from, $lte: to };
  }
  return store.find<Screening>(C.screenings, filter, { sort: { date: -1 }, limit: LISTED });
}

export function getScreening(store: Store, id: string): Promise<Screening | null> {
  return store.get<Screening>(C.screenings, id);
}
