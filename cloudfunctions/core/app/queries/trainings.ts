/** Training sessions (C.trainings): their filters in one place. */
import type { Training } from '../../../../types/training';
import { C, type Filter, type Store } from '../../platform/port';

/** Lists show the newest sessions; an area's year rarely holds more, and the figures never read this list. */
const LISTED = 200;

/** An area's sessions (the unit and all below it), newest first, optionally of one year. */
export function trainingsIn(store: Store, areaId: string, year?: string): Promise<Training[]> {
  const filter: Filter = { unitPath: areaId, deleted: false };
  if (year) filter.date = { $gte: `${year}-01-01`, $lte: `${year}-12-31` };
  return store.find<Training>(C.trainings, filter, { sort: { date: -1 }, limit: LISTED });
}

export function getTraining(store: Store, id: string): Promise<Training | null> {
  return store.get<Training>(C.trainings, id);
}

/** The sessions one user recorded dated in a year (their totals: every one of them is in the answer). */
export function sessionsRecordedBy(store: Store, userId: string, year: string): Promise<Training[]> {
  return store.find<Training>(C.trainings, { createdBy: userId, deleted: false, date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } });
}

/** The sessions a person was ticked at, newest first (a page of them), and how many in all. */
export async function sessionsAttendedBy(store: Store, personId: string): Promise<{ items: Training[]; total: number }> {
  const filter: Filter = { attendees: personId, deleted: false };
  const items = await store.find<Training>(C.trainings, filter, { sort: { date: -1 }, limit: LISTED });
  return { items, total: items.length < LISTED ? items.length : await store.count(C.trainings, filter) };
}
