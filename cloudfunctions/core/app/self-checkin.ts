/**
 * Self check-in: an attendee scans the session's code, which stands in for a login. The code is
 * the session's own random token, valid through the session's day (Beijing).
 */
import { createHash } from 'node:crypto';
import { todayBeijing } from '../../../types/dates';
import type { User } from '../../../types/org';
import type { AttendResult, CheckinInfo, CheckinInput, CheckinRef, Person, Training } from '../../../types/training';
import { PERSON_RULES, personKey, personRecord } from '../domain/person';
import { assertOpenFor } from '../domain/tree';
import { Refusal } from '../domain/refusal';
import { checkinProblem } from '../domain/training';
import { planSave } from '../domain/versioned';
import { C, type Deps } from '../platform/port';
import { findSamePerson } from './queries/people';
import { getTraining } from './queries/trainings';
import { requireUnit } from './queries/units';
import { tickAttendance } from './training';
import { commitRecord } from './write';

/** Whom the audit trail names for roster entries that self check-in adds: an attendee, not a user, so no roles. */
const SELF_CHECKIN: User = { _id: 'checkin', name: '自助签到', roles: [] };

async function checkinTraining(deps: Deps, { trainingId, token }: CheckinRef): Promise<Training> {
  const t = await getTraining(deps.store, trainingId);
  const problem = checkinProblem(t, token, todayBeijing(deps.now()));
  if (problem) throw new Refusal('FORBIDDEN', problem);
  return t!;
}

/** What the check-in page shows before the attendee types their name. */
export async function checkinInfo(deps: Deps, ref: CheckinRef): Promise<CheckinInfo> {
  const t = await checkinTraining(deps, ref);
  const unit = await requireUnit(deps.store, t.unitId);
  return { topic: t.topic, date: t.date, category: t.category, unitName: unit.name };
}

/** Finds the attendee in the session's area by name and phone, or adds them there, and ticks them. */
export async function selfCheckin(deps: Deps, input: CheckinInput): Promise<AttendResult & { name: string }> {
  const t = await checkinTraining(deps, input);
  let person = await findSamePerson(deps.store, { areaId: t.unitId }, input.name, input.phone);
  if (!person) {
    const unit = await requireUnit(deps.store, t.unitId);
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
      plan: (existing) => {
        if (existing) return { kind: 'unchanged', record: existing };
        // A session of a unit retired since still ticks its roster, but adds no one to it.
        assertOpenFor(unit, null);
        return planSave(PERSON_RULES, null, fresh, undefined, () => false);
      },
      contributions: () => [],
    });
  }
  return { ...(await tickAttendance(deps, { trainingId: t._id, personId: person._id, present: true })), name: person.name };
}
