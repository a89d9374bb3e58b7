/**
 * A trainer's own totals and a person's 培训记录. Both read sessions by an index bounded by the
 * answer: the caller's sessions of this year (the people are the union of their ticks), and the
 * sessions holding one person's tick.
 */
import { todayBeijing } from '../../../types/dates';
import type { PersonHistory, TrainerTotals } from '../../../types/trainer-work';
import { type Call } from '../platform/port';
import { readPerson } from './person';
import { sessionsAttendedBy, sessionsRecordedBy } from './queries/trainings';

export async function trainerTotals(call: Call): Promise<TrainerTotals> {
  const year = todayBeijing(call.now()).slice(0, 4);
  const sessions = await sessionsRecordedBy(call.store, call.caller._id, year);
  const people = new Set(sessions.flatMap((t) => t.attendees));
  return { year, sessions: sessions.length, people: people.size };
}

/** Whoever may read the person (readPerson's rule) sees the sessions they attended. */
export async function personHistory(call: Call, personId: string): Promise<PersonHistory> {
  const p = await readPerson(call, personId);
  const { items, total } = await sessionsAttendedBy(call.store, p._id);
  return { items: items.map(({ _id, date, topic, category, unitId }) => ({ _id, date, topic, category, unitId })), total };
}
