/** 人员 / 法律明白人 rosters: add and edit people, with duplicate detection; search a roster. */
import { RecordRef } from '../../types/ledger';
import { maskPhones } from '../../types/phone';
import { PersonInput, RosterQuery, type Person, type Roster } from '../../types/training';
import { grantUnits } from '../../types/reach';
import { authorize, mayRecord } from '../core/domain/reach';
import { Refusal } from '../core/domain/refusal';
import { C, containsText, type Filter } from '../core/platform/port';
import { savePerson } from '../core/app/save-person';
import { requireUnit } from '../core/app/write';
import { parse, type CloudFunction } from '../core/platform/runtime';
import { RECORDERS } from '../../types/org';

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
    if (!mayRecord(call.caller, 'person', p.unitPath)) throw new Refusal('FORBIDDEN', '您无权查看此人信息');
    return p;
  },
};
