/**
 * Self check-in: an attendee scans the session's code, which stands in for a login. The code is
 * the session's own random token, valid through the session's day (Beijing).
 */
import { createHash } from 'node:crypto';
import { todayBeijing } from '../../../types/dates';
import type { Unit, User } from '../../../types/org';
import type { CheckinInfo, CheckinInput, CheckinRef, CheckinResult, Person, Training } from '../../../types/training';
import { PERSON_RULES, personKey, personRecord } from '../domain/person';
import { assertOpenFor } from '../domain/tree';
import { Refusal } from '../domain/refusal';
import { checkinProblem } from '../domain/training';
import { planSave } from '../domain/versioned';
import { C, type Deps } from '../platform/port';
import { matchInArea, personMatch } from './person-match';
import { getTraining } from './queries/trainings';
import { requireUnit, subtree } from './queries/units';
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

/** The villages of the session's area (open ones), where a newcomer may say they live. */
async function areaVillages(deps: Deps, t: Training): Promise<Unit[]> {
  const units = await subtree(deps.store, t.unitId);
  return units.filter((u) => u.kind === '村社区' && !u.retired).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

/** What the check-in page shows before the attendee types their name. */
export async function checkinInfo(deps: Deps, ref: CheckinRef): Promise<CheckinInfo> {
  const t = await checkinTraining(deps, ref);
  const unit = await requireUnit(deps.store, t.unitId);
  const villages = (await areaVillages(deps, t)).map((u) => ({ _id: u._id, name: u.name }));
  return { topic: t.topic, date: t.date, category: t.category, unitName: unit.name, villages };
}

/** Where a newcomer joins the roster: the village they picked among the area's, or a village's own session's unit. */
async function newcomerUnit(deps: Deps, t: Training, villageId: string | undefined): Promise<Unit> {
  const villages = await areaVillages(deps, t);
  if (!villages.length) return requireUnit(deps.store, t.unitId);
  const village = villages.find((u) => u._id === villageId);
  if (!village) throw new Refusal('INVALID', '请选择您所在的村(社区)', { villageId: '请选择您所在的村(社区)' });
  return village;
}

/**
 * Finds the attendee in the session's area (by phone, then by name) and ticks them. An entry
 * that is only likely them (same phone, other name; same name, other phone; a mistyped phone;
 * a name one character apart in their village) is asked about first: 是 (`sameAs`) ticks it, 否 (`confirmNew`) adds them at their village.
 */
export async function selfCheckin(deps: Deps, input: CheckinInput): Promise<CheckinResult> {
  const t = await checkinTraining(deps, input);
  const found = await matchInArea(deps.store, t, { name: input.name, phone: input.phone, unitId: input.villageId ?? t.unitId });
  let person = found.exact ?? (input.sameAs && input.sameAs === found.near?._id ? found.near : undefined);
  if (!person && input.sameAs) throw new Refusal('CONFLICT', '名册已变化,请重新签到');
  if (!person && found.near && !input.confirmNew) return { kind: 'match', match: await personMatch(deps.store, found.near) };
  if (!person) {
    const unit = await newcomerUnit(deps, t, input.villageId);
    // Derived id: the same attendee checking in twice creates one roster entry (and one audit entry).
    const id = `ci-${createHash('sha256').update(personKey(unit._id, input.name, input.phone)).digest('base64url').slice(0, 24)}`;
    const fresh = personRecord(
      { id, unitId: unit._id, name: input.name, phone: input.phone, isLawPerson: true },
      { id, unitPath: unit.path, by: SELF_CHECKIN._id, nowIso: deps.now().toISOString() },
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
  const ticked = await tickAttendance(deps, { trainingId: t._id, personId: person._id, present: true });
  return { kind: 'checkedIn', ...ticked, name: person.name };
}
