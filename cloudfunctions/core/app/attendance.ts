/**
 * Attendance inside a transaction, shared by the 培训 function (ticks, walk-ins, self
 * check-in) and the ledger import (签到 rows): one code path keeps coverage (T2) exact.
 */
import type { Person, Training } from '../../../types/training';
import { Refusal } from '../domain/refusal';
import { countsForCoverage, trainingContributions } from '../domain/training';
import { C, type Tx } from '../platform/port';
import { applyCoverage, assertUnlocked } from './write';

export async function loadTraining(tx: Pick<Tx, 'get'>, id: string): Promise<Training> {
  const t = await tx.get<Training>(C.trainings, id);
  if (!t || t.deleted) throw new Refusal('NOT_FOUND', '培训不存在或已删除');
  return t;
}

/** Where a session counts for coverage; a change of any part moves its attendees' coverage. */
function coverageSpot(t: Training | null): string | null {
  return countsForCoverage(t) ? `${t.date}|${t.unitPath.join('/')}` : null;
}

/** A session's `also` on every write: when it moves (date, unit, category), its attendees' coverage moves with it. */
export async function moveCoverage(tx: Tx, before: Training | null, after: Training): Promise<void> {
  if (coverageSpot(before) === coverageSpot(after)) return;
  if (countsForCoverage(before)) await applyCoverage(tx, before, before.attendees, -1);
  if (countsForCoverage(after)) await applyCoverage(tx, after, after.attendees, 1);
}

/** Ticks or unticks one person at session `t`; ticking twice is once. `changed` is false when it already was so. */
export async function setAttendanceIn(
  tx: Tx,
  t: Training,
  personId: string,
  present: boolean,
): Promise<{ changed: boolean; attendeeCount: number }> {
  const p = await tx.get<Person>(C.people, personId);
  if (!p || p.deleted) throw new Refusal('NOT_FOUND', '该人员不存在,请先加入名册');
  if (t.attendees.includes(personId) === present) return { changed: false, attendeeCount: t.attendees.length };
  await assertUnlocked(tx, [{ unitPath: t.unitPath, contributions: trainingContributions(t) }]);
  const attendees = present ? [...t.attendees, personId] : t.attendees.filter((id) => id !== personId);
  await tx.set(C.trainings, { ...t, attendees });
  if (countsForCoverage(t)) await applyCoverage(tx, t, [personId], present ? 1 : -1);
  return { changed: true, attendeeCount: attendees.length };
}
