/**
 * Attendance inside a transaction, shared by the 培训 function (ticks, walk-ins, self
 * check-in) and the ledger import (签到 rows): one code path keeps coverage (T2) exact.
 */
import type { Person, Training } from '../../../types/training';
import { rollupsOf } from '../domain/figures/rollup';
import { Refusal } from '../domain/refusal';
import { countsForCoverage, coverageSpot, coversPerson, outsiderMessage, trainingContributions } from '../domain/training';
import { C, type Store, type Tx } from '../platform/port';
import { requireUnit } from './queries/units';
import { applyCoverage, assertUnlocked } from './write';

export async function loadTraining(tx: Pick<Tx, 'get'>, id: string): Promise<Training> {
  const t = await tx.get<Training>(C.trainings, id);
  if (!t || t.deleted) throw new Refusal('NOT_FOUND', '培训不存在或已删除');
  return t;
}

/** A session's `also` on every write: when it moves (date, unit, category), its attendees' coverage moves with it. */
export async function moveCoverage(tx: Tx, before: Training | null, after: Training): Promise<void> {
  if (coverageSpot(before) === coverageSpot(after)) return;
  if (countsForCoverage(before)) await applyCoverage(tx, before, before.attendees, -1);
  if (countsForCoverage(after)) await applyCoverage(tx, after, after.attendees, 1);
}

/** Refuses a person outside session `t`'s area (coversPerson): ticks, walk-ins and 签到 rows alike. */
export async function assertInArea(tx: Store | Tx, t: Training, person: { name: string; unitPath: readonly string[] }): Promise<void> {
  if (!coversPerson(t, person.unitPath)) throw new Refusal('FORBIDDEN', outsiderMessage(person.name, (await requireUnit(tx, t.unitId)).name));
}

/** Ticks or unticks one person at session `t`; ticking twice is once. `changed` is false when it already was so. */
export async function setAttendanceIn(
  tx: Tx,
  t: Training,
  personId: string,
  present: boolean,
): Promise<{ changed: boolean; attendeeCount: number }> {
  const p = await tx.get<Person>(C.people, personId);
  // A tick of an entry merged since (one waiting in a phone's outbox) is the kept entry's.
  if (p?.mergedInto) return setAttendanceIn(tx, t, p.mergedInto, present);
  if (!p || p.deleted) throw new Refusal('NOT_FOUND', '该人员不存在,请先加入名册');
  if (t.attendees.includes(personId) === present) return { changed: false, attendeeCount: t.attendees.length };
  if (present) await assertInArea(tx, t, p);
  // A tick changes the session's coverage: the figures of its date, wherever the session counts.
  await assertUnlocked(tx, rollupsOf({ unitPath: t.unitPath, contributions: trainingContributions(t) }).values());
  const attendees = present ? [...t.attendees, personId] : t.attendees.filter((id) => id !== personId);
  await tx.set(C.trainings, { ...t, attendees });
  if (countsForCoverage(t)) await applyCoverage(tx, t, [personId], present ? 1 : -1);
  return { changed: true, attendeeCount: attendees.length };
}
