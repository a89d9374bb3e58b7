/** 人员 / 法律明白人 rosters: add and edit people, with duplicate detection; search a roster. */
import { RecordRef } from '../../types/ledger';
import { maskPhones, normalizePhone } from '../../types/phone';
import { PersonInput, RosterQuery, type Person, type PersonSaveResult, type Roster } from '../../types/training';
import { authorize, grantUnits } from '../core/domain/reach';
import { Refusal } from '../core/domain/refusal';
import { mayRecordIn, PERSON_RULES } from '../core/domain/training';
import { planSave } from '../core/domain/versioned';
import { C, containsText, type Filter } from '../core/platform/port';
import { commitRecord, findDuplicate, requireUnit } from '../core/records';
import { parse, type Call, type CloudFunction } from '../core/platform/runtime';
import { RECORDERS } from '../../types/org';


/** Creates or edits a person; a new entry that looks like an existing one is offered back instead. */
export async function savePerson(call: Call, input: PersonInput): Promise<PersonSaveResult> {
  const unit = await requireUnit(call.store, input.unitId);
  authorize(call.caller, RECORDERS.person, unit);
  if (!input.baseVersion && !input.confirmNew && !(await call.store.get(C.people, input.id))) {
    const existing = await findDuplicate(call.store, unit._id, input.name, input.phone);
    if (existing) return { kind: 'duplicate', existing };
  }
  const { baseVersion, confirmNew, ...fields } = input;
  void confirmNew;
  const nowIso = call.now().toISOString();
  const fresh: Person = {
    ...fields,
    _id: input.id,
    unitPath: unit.path,
    phoneKey: normalizePhone(input.phone),
    version: 1,
    deleted: false,
    createdBy: call.caller._id,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  const person = await commitRecord<Person>(call.store, call.caller, {
    coll: C.people,
    id: input.id,
    plan: (existing) => {
      const plan = planSave(PERSON_RULES, existing, fresh, baseVersion, (e) => mayRecordIn(call.caller, 'person', e.unitPath));
      // An edit copies only the rule fields: the phone key derived from a changed phone must follow it.
      return plan.kind === 'write' ? { ...plan, record: { ...plan.record, phoneKey: normalizePhone(plan.record.phone) } } : plan;
    },
    contributions: () => [],
  });
  return { kind: 'saved', person };
}

export const person: CloudFunction = {
  save: (payload, call) => savePerson(call, parse(PersonInput, payload)),

  async roster(payload, call): Promise<Roster> {
    const q = parse(RosterQuery, payload ?? {});
    const areaId = q.unitId ?? grantUnits(call.caller, [...RECORDERS.person, 'supervisor'])[0];
    if (!areaId) throw new Refusal('FORBIDDEN', '您没有查看名册的权限');
    const area = await requireUnit(call.store, q.villageId ?? areaId);
    authorize(call.caller, [...RECORDERS.person, 'supervisor'], area);
    const filter: Filter = { unitPath: area._id, deleted: false };
    if (q.lawPersonOnly) filter.isLawPerson = true;
    if (q.q) filter.name = containsText(q.q);
    const [items, total] = await Promise.all([
      // The id breaks ties between people of the same name, so pages neither skip nor repeat.
      call.store.find<Person>(C.people, filter, { sort: { name: 1, _id: 1 }, skip: q.skip, limit: q.limit }),
      call.store.count(C.people, filter),
    ]);
    return { items: items.map((p) => ({ ...p, phone: maskPhones(p.phone), phoneKey: '' })), total };
  },

  async get(payload, call): Promise<Person> {
    const p = await call.store.get<Person>(C.people, parse(RecordRef, payload).id);
    if (!p || p.deleted) throw new Refusal('NOT_FOUND', '人员不存在');
    if (!mayRecordIn(call.caller, 'person', p.unitPath)) throw new Refusal('FORBIDDEN', '您无权查看此人信息');
    return p;
  },
};
