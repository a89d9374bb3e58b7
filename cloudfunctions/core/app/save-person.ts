/** 人员: add or edit a roster entry, offering back the likely duplicate (the same person in the unit picked). */
import { RECORDERS } from '../../../types/org';
import type { Person, PersonInput, PersonSaveResult } from '../../../types/training';
import { PERSON_RULES, personRecord, withPhoneKey } from '../domain/person';
import { authorize, mayRecord } from '../domain/reach';
import { planSave } from '../domain/versioned';
import { C, type Call } from '../platform/port';
import { commitRecord, requireUnit } from './write';
import { findSamePerson } from './queries/people';

/** Creates or edits a person; a new entry that looks like an existing one is offered back instead. */
export async function savePerson(call: Call, input: PersonInput): Promise<PersonSaveResult> {
  const unit = await requireUnit(call.store, input.unitId);
  authorize(call.caller, RECORDERS.person, unit);
  if (!input.baseVersion && !input.confirmNew && !(await call.store.get(C.people, input.id))) {
    const existing = await findSamePerson(call.store, { unitId: unit._id }, input.name, input.phone);
    if (existing) return { kind: 'duplicate', existing };
  }
  const { baseVersion, ...fields } = input;
  const fresh = personRecord(fields, { id: input.id, unitPath: unit.path, by: call.caller._id, nowIso: call.now().toISOString() });
  const person = await commitRecord<Person>(call.store, call.caller, {
    coll: C.people,
    id: input.id,
    plan: (existing) => {
      const plan = planSave(PERSON_RULES, existing, fresh, baseVersion, (e) => mayRecord(call.caller, 'person', e.unitPath));
      // An edit copies only the rule fields: the phone key derived from a changed phone must follow it.
      return plan.kind === 'write' ? { ...plan, record: withPhoneKey(plan.record) } : plan;
    },
    contributions: () => [],
  });
  return { kind: 'saved', person };
}
