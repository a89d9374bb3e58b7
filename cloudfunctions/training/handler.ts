/**
 * 培训: sessions, attendance ticked from the roster, walk-ins, and self check-in by
 * scanning the session's code. Attendance moves distinct coverage (T2) in the same
 * transaction as the tick.
 */
import { createHash, randomBytes } from 'node:crypto';
import { todayBeijing } from '../../types/dates';
import { RecordRef, RecordVersionRef } from '../../types/ledger';
import {
  AttendanceInput, CheckinInput, CheckinRef, TrainingInput, TrainingListQuery, WalkInInput,
  type AttendResult, type CheckinInfo, type Person, type Training, type TrainingListItem, type TrainingView,
} from '../../types/training';
import { RECORDERS, type User } from '../../types/org';
import { grantUnits, reaches } from '../../types/reach';
import { authorize } from '../core/domain/reach';
import { Refusal } from '../core/domain/refusal';
import { PERSON_RULES, personKey, personRecord } from '../core/domain/person';
import { checkinProblem, TRAINING_RULES, trainingContributions, trainingRecord } from '../core/domain/training';
import { planDelete, planSave, type Plan } from '../core/domain/versioned';
import { loadTraining, moveCoverage, setAttendanceIn } from '../core/app/attendance';
import { C, type Filter } from '../core/platform/port';
import { commitRecord, requireUnit } from '../core/app/write';
import { parse, type Call, type CloudFunction, type Deps } from '../core/platform/runtime';
import { findSamePerson } from '../core/app/queries/people';
import { savePerson } from '../core/app/save-person';

/** Who the audit trail names for roster entries that self check-in adds: an attendee, not a user, so no roles. */
const SELF_CHECKIN: User = { _id: 'checkin', name: '自助签到', roles: [] };

const mayEdit = (user: User) => (t: Training) => reaches(user, RECORDERS.training, t.unitPath);

function commit(call: Call, id: string, plan: (existing: Training | null) => Plan<Training>): Promise<Training> {
  return commitRecord(call.store, call.caller, {
    coll: C.trainings,
    id,
    plan,
    contributions: trainingContributions,
    also: moveCoverage,
  });
}

/** Ticks or unticks one person; ticking twice is once. Returns the new attendance. */
async function setAttendance(deps: Deps, trainingId: string, personId: string, present: boolean, caller?: User): Promise<AttendResult> {
  return deps.store.transaction(async (tx) => {
    const t = await loadTraining(tx, trainingId);
    if (caller && !mayEdit(caller)(t)) throw new Refusal('FORBIDDEN', '该培训不在您负责的范围内,不能签到');
    const { attendeeCount } = await setAttendanceIn(tx, t, personId, present);
    return { present, attendeeCount };
  });
}

/** The code is the session's own random token, valid through the session's day (Beijing). */
async function checkinTraining(deps: Deps, trainingId: string, token: string): Promise<Training> {
  const t = await deps.store.get<Training>(C.trainings, trainingId);
  const problem = checkinProblem(t, token, todayBeijing(deps.now()));
  if (problem) throw new Refusal('FORBIDDEN', problem);
  return t!;
}

export const training: CloudFunction = {
  async save(payload, call): Promise<Training> {
    const input = parse(TrainingInput, payload);
    const unit = await requireUnit(call.store, input.unitId);
    authorize(call.caller, RECORDERS.training, unit);
    const { baseVersion, ...fields } = input;
    const at = { id: input.id, unitPath: unit.path, by: call.caller._id, nowIso: call.now().toISOString() };
    const fresh = trainingRecord(fields, at, randomBytes(12).toString('hex'));
    return commit(call, input.id, (existing) => planSave(TRAINING_RULES, existing, fresh, baseVersion, mayEdit(call.caller)));
  },

  async remove(payload, call) {
    const { id, baseVersion } = parse(RecordVersionRef, payload);
    await commit(call, id, (existing) =>
      planDelete(TRAINING_RULES, existing, baseVersion, mayEdit(call.caller), call.now().toISOString()),
    );
    return { id };
  },

  async list(payload, call): Promise<TrainingListItem[]> {
    const q = parse(TrainingListQuery, payload ?? {});
    const areaId = q.unitId ?? grantUnits(call.caller, [...RECORDERS.training, 'supervisor'])[0];
    if (!areaId) throw new Refusal('FORBIDDEN', '您没有查看培训的权限');
    authorize(call.caller, [...RECORDERS.training, 'supervisor'], await requireUnit(call.store, areaId));
    const filter: Filter = { unitPath: areaId, deleted: false };
    if (q.year) filter.date = { $gte: `${q.year}-01-01`, $lte: `${q.year}-12-31` };
    const items = await call.store.find<Training>(C.trainings, filter, { sort: { date: -1 }, limit: 200 });
    // Who attended and the check-in token are for the session page (see `get`); the list shows a count.
    return items.map(({ attendees, checkinToken, ...t }) => ({ ...t, attendeeCount: attendees.length }));
  },

  async get(payload, call): Promise<TrainingView> {
    const t = await loadTraining(call.store, parse(RecordRef, payload).id);
    const canEdit = mayEdit(call.caller)(t);
    if (!canEdit && !reaches(call.caller, ['supervisor'], t.unitPath)) throw new Refusal('FORBIDDEN', '您无权查看该培训');
    return { training: { ...t, checkinToken: '' }, canEdit, ...(canEdit ? { checkinToken: t.checkinToken } : {}) };
  },

  async attend(payload, call): Promise<AttendResult> {
    const { trainingId, personId, present } = parse(AttendanceInput, payload);
    return setAttendance(call, trainingId, personId, present, call.caller);
  },

  /** A walk-in joins the roster (or is matched to the entry already there) and is ticked. */
  async walkIn(payload, call): Promise<AttendResult & { person: Person }> {
    const { trainingId, person: input } = parse(WalkInInput, payload);
    const t = await loadTraining(call.store, trainingId);
    if (!mayEdit(call.caller)(t)) throw new Refusal('FORBIDDEN', '该培训不在您负责的范围内,不能签到');
    const saved = await savePerson(call, input);
    const person = saved.kind === 'saved' ? saved.person : saved.existing;
    return { ...(await setAttendance(call, trainingId, person._id, true, call.caller)), person };
  },

  checkinInfo: {
    public: true,
    async run(payload, deps): Promise<CheckinInfo> {
      const { trainingId, token } = parse(CheckinRef, payload);
      const t = await checkinTraining(deps, trainingId, token);
      const unit = await requireUnit(deps.store, t.unitId);
      return { topic: t.topic, date: t.date, category: t.category, unitName: unit.name };
    },
  },

  /** Self check-in: finds the attendee in the session's area by name and phone, or adds them there. */
  checkin: {
    public: true,
    async run(payload, deps): Promise<AttendResult & { name: string }> {
      const input = parse(CheckinInput, payload);
      const t = await checkinTraining(deps, input.trainingId, input.token);
      let person = await findSamePerson(deps.store, { areaId: t.unitId }, input.name, input.phone);
      if (!person) {
        // Derived id: the same attendee checking in twice creates one roster entry (and one audit entry).
        const id = `ci-${createHash('sha256').update(personKey(t.unitId, input.name, input.phone)).digest('base64url').slice(0, 24)}`;
        const fresh = personRecord(
          { id, unitId: t.unitId, name: input.name, phone: input.phone, isLawPerson: true },
          { id, unitPath: t.unitPath, by: SELF_CHECKIN._id, nowIso: deps.now().toISOString() },
        );
        // An entry already under that id stands as it is (a trainer may have edited it since).
        person = await commitRecord<Person>(deps.store, SELF_CHECKIN, {
          coll: C.people,
          id,
          plan: (existing) =>
            existing ? { kind: 'unchanged', record: existing } : planSave(PERSON_RULES, null, fresh, undefined, () => false),
          contributions: () => [],
        });
      }
      return { ...(await setAttendance(deps, t._id, person._id, true)), name: person.name };
    },
  },
};
