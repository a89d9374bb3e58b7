/**
 * 培训 use cases: sessions (save, remove, list an area's, read one), attendance ticked from the
 * roster, and walk-ins. Attendance moves distinct coverage (T2) in the same transaction as the
 * tick (attendance.ts); self check-in by a session's code is self-checkin.ts.
 */
import { randomBytes } from 'node:crypto';
import { todayBeijing } from '../../../types/dates';
import { listersOf, RECORDERS, type User } from '../../../types/org';
import { reaches } from '../../../types/reach';
import type {
  AttendanceInput, AttendResult, Training, TrainingInput, TrainingListItem, TrainingListQuery, TrainingView, WalkInAnswer, WalkInInput,
} from '../../../types/training';
import { authorize } from '../domain/reach';
import { Refusal } from '../domain/refusal';
import { datedAheadProblem, TRAINING_RULES, tickProblem, trainingContributions, trainingRecord } from '../domain/training';
import { assertOpenFor } from '../domain/tree';
import { planDelete, planSave, type Plan } from '../domain/versioned';
import { C, type Call, type Deps, type Tx } from '../platform/port';
import { assertInArea, loadTraining, moveCoverage, setAttendanceIn } from './attendance';
import { photoUrls } from './kept-file';
import { savePerson } from './person';
import { matchInArea, personMatch } from './person-match';
import { getPerson } from './queries/people';
import { trainingsIn } from './queries/trainings';
import { requireUnit } from './queries/units';
import { unitInView } from './unit-in-view';
import { commitRecord } from './write';

export const mayEdit = (user: User) => (t: Training) => reaches(user, RECORDERS.training, t.unitPath);

/** A session's one write: its rollups, its attendees' coverage, and `also` (writes that land with it). */
export function commit(call: Call, id: string, plan: (existing: Training | null) => Plan<Training>, also?: (tx: Tx, before: Training | null, after: Training) => Promise<void>): Promise<Training> {
  const alsoMove = async (tx: Tx, before: Training | null, after: Training) => {
    await moveCoverage(tx, before, after);
    await also?.(tx, before, after);
  };
  return commitRecord(call.store, call.caller, { coll: C.trainings, id, plan, contributions: trainingContributions, also: alsoMove });
}

export async function saveTraining(call: Call, input: TrainingInput): Promise<Training> {
  const unit = await requireUnit(call.store, input.unitId);
  authorize(call.caller, RECORDERS.training, unit);
  const { baseVersion, ...fields } = input;
  const at = { id: input.id, unitPath: unit.path, by: call.caller._id, nowIso: call.now().toISOString() };
  const fresh = trainingRecord(fields, at, randomBytes(12).toString('hex'));
  return commit(call, input.id, (existing) => {
    assertOpenFor(unit, existing);
    const ahead = datedAheadProblem(existing, fresh, todayBeijing(call.now()));
    if (ahead) throw new Refusal('INVALID', ahead, { date: ahead });
    return planSave(TRAINING_RULES, existing, fresh, baseVersion, mayEdit(call.caller));
  });
}

export async function removeTraining(call: Call, { id, baseVersion }: { id: string; baseVersion: number }): Promise<{ id: string }> {
  await commit(call, id, (existing) => planDelete(TRAINING_RULES, existing, baseVersion, mayEdit(call.caller), call.now().toISOString()));
  return { id };
}

/** Who attended and the check-in token are for the session page (readTraining); the list shows a count. */
export async function listTrainings(call: Call, q: TrainingListQuery): Promise<TrainingListItem[]> {
  const area = await unitInView(call, listersOf('training'), q.unitId, '您没有查看培训的权限');
  const items = await trainingsIn(call.store, area._id, q.year);
  return items.map(({ attendees, checkinToken, ...t }) => ({ ...t, attendeeCount: attendees.length }));
}

/** The session; its check-in token only for those who may edit it (they show the code), and never after the day (it is spent). */
export async function readTraining(call: Call, id: string): Promise<TrainingView> {
  const t = await loadTraining(call.store, id);
  const canEdit = mayEdit(call.caller)(t);
  if (!canEdit && !reaches(call.caller, ['supervisor'], t.unitPath)) throw new Refusal('FORBIDDEN', '您无权查看该培训');
  const showCode = canEdit && todayBeijing(call.now()) <= t.date;
  return { training: { ...t, checkinToken: '' }, canEdit, ...(showCode ? { checkinToken: t.checkinToken } : {}), photoUrls: await photoUrls(call, t) };
}

/** Ticks or unticks one person; ticking twice is once. Without a caller (self check-in) the session's code stood for them. */
export async function tickAttendance(deps: Deps, { trainingId, personId, present }: AttendanceInput, caller?: User): Promise<AttendResult> {
  return deps.store.transaction(async (tx) => {
    const t = await loadTraining(tx, trainingId);
    if (caller && !mayEdit(caller)(t)) throw new Refusal('FORBIDDEN', '该培训不在您负责的范围内,不能签到');
    const notYet = tickProblem(t, present, todayBeijing(deps.now()));
    if (notYet) throw new Refusal('FORBIDDEN', notYet);
    const { attendeeCount } = await setAttendanceIn(tx, t, personId, present);
    return { present, attendeeCount };
  });
}

/**
 * A walk-in is ticked as the entry that is the same person anywhere in the session's area, or
 * joins the roster and is ticked; a likely entry (same phone, or same name) is offered back
 * first, and only `confirmNew` (the trainer's 否) adds a second one.
 */
export async function walkIn(call: Call, { trainingId, person: input }: WalkInInput): Promise<WalkInAnswer> {
  const t = await loadTraining(call.store, trainingId);
  if (!mayEdit(call.caller)(t)) throw new Refusal('FORBIDDEN', '该培训不在您负责的范围内,不能签到');
  const notYet = tickProblem(t, true, todayBeijing(call.now()));
  if (notYet) throw new Refusal('FORBIDDEN', notYet);
  // Before the roster entry is written: refused, the walk-in changes nothing.
  await assertInArea(call.store, t, { name: input.name, unitPath: (await requireUnit(call.store, input.unitId)).path });
  // A resent walk-in (its entry already made) is that entry again.
  const found = (await getPerson(call.store, input.id)) ? {} : await matchInArea(call.store, t, input);
  if (!found.exact && found.near && !input.confirmNew) return { kind: 'match', match: await personMatch(call.store, found.near) };
  let person = found.exact;
  if (!person) {
    const saved = await savePerson(call, input);
    person = saved.kind === 'saved' ? saved.person : saved.existing;
  }
  return { kind: 'ticked', ...(await tickAttendance(call, { trainingId, personId: person._id, present: true }, call.caller)), person };
}
