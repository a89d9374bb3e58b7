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
