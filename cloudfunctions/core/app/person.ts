/** 人员 / 法律明白人 use cases: add or edit a roster entry (offering back the likely duplicate), a roster page, one entry. */
import { listersOf, RECORDERS } from '../../../types/org';
import { maskPhones } from '../../../types/phone';
import { reaches } from '../../../types/reach';
import type { Person, PersonInput, PersonSaveResult, Roster, RosterQuery } from '../../../types/training';
import { PERSON_RULES, personRecord, withPhoneKey } from '../domain/person';
import { authorize, mayRecord } from '../domain/reach';
import { Refusal } from '../domain/refusal';
import { assertOpenFor } from '../domain/tree';
import { planSave } from '../domain/versioned';
import { C, type Call } from '../platform/port';
import { findSamePerson, getPerson, rosterPage } from './queries/people';
import { requireUnit } from './queries/units';
import { unitInView } from './unit-in-view';
import { commitRecord } from './write';

/** Creates or edits a person; a new entry that looks like an existing one (in the unit picked) is offered back instead. */
export async function savePerson(call: Call, input: PersonInput): Promise<PersonSaveResult> {
  const unit = await requireUnit(call.store, input.unitId);
  authorize(call.caller, RECORDERS.person, unit);
  if (!input.baseVersion && !input.confirmNew && !(await getPerson(call.store, input.id))) {
    const existing = await findSamePerson(call.store, { unitId: unit._id }, input.name, input.phone);
    if (existing) return { kind: 'duplicate', existing };
  }
  const { baseVersion, ...fields } = input;
  const fresh = personRecord(fields, { id: input.id, unitPath: unit.path, by: call.caller._id, nowIso: call.now().toISOString() });
  const person = await commitRecord<Person>(call.store, call.caller, {
    coll: C.people,
    id: input.id,
    plan: (existing) => {
      assertOpenFor(unit, existing);
      const plan = planSave(PERSON_RULES, existing, fresh, baseVersion, (e) => mayRecord(call.caller, 'person', e.unitPath));
      // An edit copies only the rule fields: the phone key derived from a changed phone must follow it.
      return plan.kind === 'write' ? { ...plan, record: withPhoneKey(plan.record) } : plan;
    },
    contributions: () => [],
  });
  return { kind: 'saved', person };
}

/** An area's roster (or one village of it), by name. Lines carry masked phones; the full number is on the edit form. */
export async function listRoster(call: Call, q: RosterQuery): Promise<Roster> {
  const area = await unitInView(call, listersOf('person'), q.villageId ?? q.unitId, '您没有查看名册的权限');
  const { items, total } = await rosterPage(call.store, area._id, q);
  return { items: items.map((p) => ({ ...p, phone: maskPhones(p.phone), phoneKey: '' })), total };
}

export async function readPerson(call: Call, id: string): Promise<Person> {
  const p = await getPerson(call.store, id);
  if (!p || p.deleted) throw new Refusal('NOT_FOUND', '人员不存在');
  // Supervisors read an entry too: they merge duplicates from its page.
  if (!reaches(call.caller, listersOf('person'), p.unitPath)) throw new Refusal('FORBIDDEN', '您无权查看此人信息');
  return p;
}
