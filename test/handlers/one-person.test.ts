/**
 * One person, one entry (issue 16): a walk-in or a self check-in is looked for in the session's
 * whole area, by phone (however it is spelled), then by name; a likely entry is offered before a
 * second one is made; a supervisor merges two entries of one person and 覆盖人群 (T2) stays exact.
 */
import { recount } from '../../cloudfunctions/core/app/recount';
import { C } from '../../cloudfunctions/core/platform/port';
import { todayBeijing } from '../../types/dates';
import type { AuditEntry } from '../../types/ledger';
import type { SummaryView } from '../../types/metrics';
import {
  LAW_PERSON_TRAINING, type CheckinInfo, type CheckinResult, type MergeResult, type Person, type PersonInput, type PersonSaveResult,
  type Roster, type Training, type TrainingView, type WalkInAnswer,
} from '../../types/training';
import { demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const TRAINER = 'demo-trainer'; // 杏花营镇
const TOWNSHIP = 'demo-township'; // supervisor of 杏花营镇
const DISTRICT = 'demo-district';
const STRANGER = 'o-not-registered';

let w: World;
beforeEach(async () => {
  w = await demoWorld(0);
});
afterEach(() => w.store.close());

let serial = 0;
function personInput(overrides: Partial<PersonInput> = {}): PersonInput {
  serial += 1;
  return { id: `one-person-${serial}`, unitId: 'xhy-qj', name: '刘明白', phone: '13800138001', isLawPerson: true, ...overrides };
}

async function rostered(overrides: Partial<PersonInput> = {}, as = TRAINER): Promise<Person> {
  const r = expectOk(await w.call<PersonSaveResult>(as, 'person', 'save', { ...personInput(overrides), confirmNew: true }));
  if (r.kind !== 'saved') throw new Error('expected a new entry');
  return r.person;
}

/** A “法律明白人” session of 杏花营镇 (or `unitId`) today. */
async function session(unitId = 'xhy', as = TRAINER): Promise<Training> {
  serial += 1;
  return expectOk(
    await w.call<Training>(as, 'training', 'save', {
      id: `one-session-${serial}`, unitId, category: LAW_PERSON_TRAINING, date: todayBeijing(), topic: '民法典进乡村',
    }),
  );
}

const walkIn = (t: Training, person: PersonInput) => w.call<WalkInAnswer>(TRAINER, 'training', 'walkIn', { trainingId: t._id, person });
const attendees = async (t: Training) => (await w.store.get<Training>(C.trainings, t._id))!.attendees;
const people = () => w.store.count(C.people, {});

describe('现场补录 looks in the whole area of the session', () => {
  test('the same name and phone (spelled otherwise) on a village roster is ticked as that entry, with the township picked', async () => {
    const liu = await rostered();
    const t = await session();
    const before = await people();
    const r = expectOk(await walkIn(t, personInput({ unitId: 'xhy', phone: '+86 138-0013-8001' })));
    expect(r).toMatchObject({ kind: 'ticked', attendeeCount: 1, person: { _id: liu._id, unitId: 'xhy-qj' } });
    expect(await people()).toBe(before);
    expect(await attendees(t)).toEqual([liu._id]);
  });

  test.each([
    ['the same phone under another name', { name: '刘明', phone: '138 0013 8001' }],
    ['the same name without a phone', { phone: '' }],
    ['the same name with another phone', { phone: '13800138999' }],
  ])('%s is offered back (masked phone, village), nothing written', async (_, typed) => {
    const liu = await rostered();
    const t = await session();
    const before = await snapshot(w.store);
    const r = expectOk(await walkIn(t, personInput({ unitId: 'xhy', ...typed })));
    expect(r).toEqual({ kind: 'match', match: { _id: liu._id, name: '刘明白', phone: '138****8001', isLawPerson: true, unitId: 'xhy-qj', unitName: '前进村' } });
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('the phone wins over the name: with one entry of each, the one with the phone is offered', async () => {
    await rostered({ phone: '13800138555' });
    const byPhone = await rostered({ name: '刘大明', unitId: 'xhy-sl' });
    const r = expectOk(await walkIn(await session(), personInput({ unitId: 'xhy' })));
    expect(r.kind === 'match' && r.match._id).toBe(byPhone._id);
  });

  test('only 否 (confirmNew) adds the second entry, and it is ticked; sending it again is the same entry', async () => {
    const liu = await rostered();
    const t = await session();
    const again = personInput({ unitId: 'xhy-sl', phone: '13800138999', confirmNew: true });
    const r = expectOk(await walkIn(t, again));
    if (r.kind !== 'ticked') throw new Error('expected a tick');
    expect(r.person._id).toBe(again.id);
    expect(r.person._id).not.toBe(liu._id);
    expect(expectOk(await walkIn(t, again))).toMatchObject({ kind: 'ticked', attendeeCount: 1, person: { _id: again.id } });
    expect(await attendees(t)).toEqual([again.id]);
  });

  test('someone of another township is not looked for, and no one is offered', async () => {
    await rostered({ unitId: 'cx-bj' }, 'demo-admin');
    const t = await session();
    const r = expectOk(await walkIn(t, personInput({ unitId: 'xhy-qj' })));
    expect(r.kind).toBe('ticked');
  });
});

describe('near matches (a mistyped phone, a name one character apart, a name spelled otherwise) are offered, not added', () => {
  const offered = (liu: Person, unitName = '前进村') => ({
    kind: 'match', match: { _id: liu._id, name: liu.name, phone: '138****8001', isLawPerson: true, unitId: liu.unitId, unitName },
  });

  test.each([
    // The phone one slip away is found in the whole area: the township picked, the entry at a village.
    ['a phone with one digit wrong, the same name', { name: '刘明白', phone: '13800138007', unitId: 'xhy' }],
    ['a phone with two adjacent digits swapped, a name one character apart', { name: '刘名白', phone: '13800183001', unitId: 'xhy' }],
    // A name one character apart, or spelled otherwise, is looked for in the village picked.
    ['a name one character apart (同音字), another phone, the same village', { name: '刘名白', phone: '13911112222', unitId: 'xhy-qj' }],
    ['a name one character left out, no phone, the same village', { name: '刘白', phone: '', unitId: 'xhy-qj' }],
  ])('%s is offered, nothing written', async (_, typed) => {
    const liu = await rostered();
    const t = await session();
    const before = await snapshot(w.store);
    expect(expectOk(await walkIn(t, personInput(typed)))).toEqual(offered(liu));
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('an entry whose name has spaces or full-width letters is offered for the name typed without them', async () => {
    const liu = await rostered({ name: '刘　明白', phone: '13800138001' });
    const ali = await rostered({ name: 'ＡＬＩ·买买提', phone: '13800138555' });
    const t = await session();
    expect(expectOk(await walkIn(t, personInput({ name: '刘明白', phone: '13911112222', unitId: 'xhy-qj' })))).toEqual(offered(liu));
    expect(expectOk(await walkIn(t, personInput({ name: 'ALI买买提', phone: '', unitId: 'xhy-qj' })))).toMatchObject({ kind: 'match', match: { _id: ali._id } });
  });

  test.each([
    ['a phone one digit away under an unrelated name', { name: '王建国', phone: '13800138002', unitId: 'xhy-qj' }],
    ['two-character names one character apart (another surname)', { name: '李伟', phone: '13911112222', unitId: 'xhy-qj' }, { name: '张伟' }],
    ['a name one character apart in another village', { name: '刘名白', phone: '13911112222', unitId: 'xhy-sl' }],
    ['a phone two digits wrong and a name one character apart, in another village', { name: '刘名白', phone: '13800131101', unitId: 'xhy-sl' }],
  ])('%s is another person: added and ticked without a question', async (_, typed, stored: Partial<PersonInput> = {}) => {
    await rostered(stored);
    const t = await session();
    const input = personInput(typed);
    const r = expectOk(await walkIn(t, input));
    expect(r).toMatchObject({ kind: 'ticked', attendeeCount: 1, person: { _id: input.id } });
  });

  test('否 to a near match adds the new entry as before; 是 (ticking the entry offered) adds no one', async () => {
    const liu = await rostered();
    const t = await session();
    const typed = personInput({ name: '刘名白', phone: '13800183001', unitId: 'xhy-sl' });
    expect(expectOk(await walkIn(t, typed)).kind).toBe('match');
    const before = await people();
    expectOk(await w.call(TRAINER, 'training', 'attend', { trainingId: t._id, personId: liu._id, present: true }));
    expect(await people()).toBe(before);
    expect(await attendees(t)).toEqual([liu._id]);
    expect(expectOk(await walkIn(t, { ...typed, confirmNew: true }))).toMatchObject({ kind: 'ticked', attendeeCount: 2, person: { _id: typed.id, name: '刘名白' } });
    expect(await people()).toBe(before + 1);
  });
});

describe('self check-in looks in the whole area of the session', () => {
  let t: Training;
  let token: string;
  beforeEach(async () => {
    t = await session();
    token = expectOk(await w.call<TrainingView>(TRAINER, 'training', 'get', { id: t._id })).checkinToken!;
  });
  const checkin = (name: string, phone: string, more: Record<string, unknown> = {}) =>
    w.call<CheckinResult>(STRANGER, 'training', 'checkin', { trainingId: t._id, token, name, phone, ...more });

  test('the page is given the area’s villages to pick from', async () => {
    const info = expectOk(await w.call<CheckinInfo>(STRANGER, 'training', 'checkinInfo', { trainingId: t._id, token }));
    expect(info.villages.map((v) => v.name).sort()).toEqual(['前进村', '孙李唐村', '张庄村'].sort());
  });

  test('a village’s entry is found by the phone however spelled, and ticked', async () => {
    const liu = await rostered();
    const before = await people();
    expect(expectOk(await checkin('刘明白', '138-0013-8001'))).toEqual({ kind: 'checkedIn', present: true, attendeeCount: 1, name: '刘明白' });
    expect(await people()).toBe(before);
    expect(await attendees(t)).toEqual([liu._id]);
  });

  test('a mistyped phone with a name on the roster asks first (masked phone), nothing written; 是 ticks that entry', async () => {
    const liu = await rostered();
    const before = await snapshot(w.store);
    const r = expectOk(await checkin('刘明白', '13800138011'));
    expect(r).toEqual({ kind: 'match', match: { _id: liu._id, name: '刘明白', phone: '138****8001', isLawPerson: true, unitId: 'xhy-qj', unitName: '前进村' } });
    expect(await snapshot(w.store)).toEqual(before);

    const peopleBefore = await people();
    expect(expectOk(await checkin('刘明白', '13800138011', { sameAs: liu._id }))).toMatchObject({ kind: 'checkedIn', attendeeCount: 1 });
    expect(await people()).toBe(peopleBefore);
    expect(await attendees(t)).toEqual([liu._id]);
  });

  test('a mistyped phone (two digits swapped) with a name one character apart, from another village, is asked, not silently added', async () => {
    const liu = await rostered();
    const before = await snapshot(w.store);
    const r = expectOk(await checkin('刘名白', '13800183001', { villageId: 'xhy-sl' }));
    expect(r).toEqual({ kind: 'match', match: { _id: liu._id, name: '刘明白', phone: '138****8001', isLawPerson: true, unitId: 'xhy-qj', unitName: '前进村' } });
    expect(await snapshot(w.store)).toEqual(before);
    expect(expectOk(await checkin('刘名白', '13800183001', { villageId: 'xhy-sl', sameAs: liu._id }))).toMatchObject({ kind: 'checkedIn', attendeeCount: 1, name: '刘明白' });
    expect(await attendees(t)).toEqual([liu._id]);
    expect(await w.store.find<Person>(C.people, { phoneKey: '13800183001' })).toEqual([]);
  });

  test('a name one character apart in the village picked is asked; 否 adds them there', async () => {
    const liu = await rostered();
    expect(expectOk(await checkin('刘名白', '13911112222', { villageId: 'xhy-qj' }))).toMatchObject({ kind: 'match', match: { _id: liu._id } });
    expect(expectOk(await checkin('刘名白', '13911112222', { villageId: 'xhy-qj', confirmNew: true }))).toMatchObject({ kind: 'checkedIn', name: '刘名白' });
    const [added] = await w.store.find<Person>(C.people, { phoneKey: '13911112222' });
    expect(added).toMatchObject({ unitId: 'xhy-qj', name: '刘名白' });
  });

  test('是 naming an entry that is not the one offered is refused, nothing written', async () => {
    await rostered();
    const other = await rostered({ name: '王五', phone: '13800138222' });
    const before = await snapshot(w.store);
    expect(expectError(await checkin('刘明白', '13800138011', { sameAs: other._id }), 'CONFLICT').message).toBe('名册已变化,请重新签到');
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('否 adds the attendee at the village they picked; without a village it is refused at the field', async () => {
    const liu = await rostered();
    const before = await snapshot(w.store);
    const err = expectError(await checkin('刘明白', '13800138011', { confirmNew: true }), 'INVALID');
    expect(err.fields?.villageId).toBe('请选择您所在的村(社区)');
    expect(expectError(await checkin('刘明白', '13800138011', { confirmNew: true, villageId: 'cx-bj' }), 'INVALID').fields?.villageId).toBeDefined();
    expect(await snapshot(w.store)).toEqual(before);

    expect(expectOk(await checkin('刘明白', '13800138011', { confirmNew: true, villageId: 'xhy-sl' }))).toMatchObject({ kind: 'checkedIn', attendeeCount: 1 });
    const added = await w.store.find<Person>(C.people, { phoneKey: '13800138011' });
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ unitId: 'xhy-sl', unitPath: ['sfq', 'xhy', 'xhy-sl'], name: '刘明白' });
    expect(added[0]._id).not.toBe(liu._id);
  });

  test('a newcomer (no phone or name like theirs) joins at their village without being asked', async () => {
    expect(expectError(await checkin('新来人', '13912340000'), 'INVALID').fields?.villageId).toBeDefined();
    expect(expectOk(await checkin('新来人', '13912340000', { villageId: 'xhy-qj' })).kind).toBe('checkedIn');
    const [added] = await w.store.find<Person>(C.people, { phoneKey: '13912340000' });
    expect(added.unitId).toBe('xhy-qj');
  });
});

describe('merging two entries of one person', () => {
  /** 刘明白 twice (前进村, 孙李唐村) and three sessions: both attended the first, each one other. */
  async function twoEntries() {
    const keep = await rostered();
    const duplicate = await rostered({ unitId: 'xhy-sl', phone: '13800138011' });
    const [both, dupOnly, keepOnly] = [await session(), await session(), await session('xhy-qj')];
    const tick = async (s: Training, p: Person) =>
      expectOk(await w.call(TRAINER, 'training', 'attend', { trainingId: s._id, personId: p._id, present: true }));
    await tick(both, keep);
    await tick(both, duplicate);
    await tick(dupOnly, duplicate);
    await tick(keepOnly, keep);
    return { keep, duplicate, both, dupOnly, keepOnly };
  }

  const year = () => todayBeijing().slice(0, 4);
  const t2 = async (unitId: string) =>
    expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { unitId, period: year() })).scope.figures.T2.value;
  /** Distinct people at the area's “法律明白人” sessions of the year: what T2 must be. */
  async function distinctAttendees(unitId: string): Promise<number> {
    const ts = await w.store.find<Training>(C.trainings, { unitPath: unitId, deleted: false, category: LAW_PERSON_TRAINING });
    return new Set(ts.filter((s) => s.date.startsWith(year())).flatMap((s) => s.attendees)).size;
  }
  const merge = (keepId: string, duplicateId: string, as = TOWNSHIP) => w.call<MergeResult>(as, 'person', 'merge', { keepId, duplicateId });

  test('the duplicate’s attendance moves to the kept entry, a session both attended counts once, T2 exact', async () => {
    const { keep, duplicate, both, dupOnly, keepOnly } = await twoEntries();
    const before = await t2('xhy');
    expect(before).toBe(await distinctAttendees('xhy'));

    const r = expectOk(await merge(keep._id, duplicate._id));
    expect(r.sessions).toBe(2);
    expect(r.kept._id).toBe(keep._id);
    expect(await attendees(both)).toEqual([keep._id]);
    expect(await attendees(dupOnly)).toEqual([keep._id]);
    expect(await attendees(keepOnly)).toEqual([keep._id]);

    expect((await recount(w.store, false)).differences).toEqual([]);
    expect(await t2('xhy')).toBe(before - 1);
    expect(await t2('xhy')).toBe(await distinctAttendees('xhy'));
    expect(await t2('xhy-sl')).toBe(await distinctAttendees('xhy-sl'));
    expect(await t2('xhy-qj')).toBe(await distinctAttendees('xhy-qj'));
  });

  test('the duplicate is kept, marked merged and hidden from rosters; both trails say so', async () => {
    const { keep, duplicate } = await twoEntries();
    expectOk(await merge(keep._id, duplicate._id));
    expect(await w.store.get<Person>(C.people, duplicate._id)).toMatchObject({ deleted: true, mergedInto: keep._id, version: 2 });
    const roster = expectOk(await w.call<Roster>(TRAINER, 'person', 'roster', { q: '刘明白' }));
    expect(roster.items.map((p) => p._id)).toEqual([keep._id]);
    expectError(await w.call(TRAINER, 'person', 'get', { id: duplicate._id }), 'NOT_FOUND');

    const trail = (id: string) => w.store.find<AuditEntry>(C.audit, { coll: C.people, recordId: id, action: 'merge' });
    expect(await trail(duplicate._id)).toEqual([expect.objectContaining({ by: TOWNSHIP, changes: { mergedInto: [null, keep._id] } })]);
    expect(await trail(keep._id)).toEqual([expect.objectContaining({ by: TOWNSHIP, changes: { mergedFrom: [null, duplicate._id] } })]);
  });

  test('a tick of the merged entry sent afterwards (from an outbox) ticks the kept one', async () => {
    const { keep, duplicate } = await twoEntries();
    expectOk(await merge(keep._id, duplicate._id));
    const later = await session();
    expectOk(await w.call(TRAINER, 'training', 'attend', { trainingId: later._id, personId: duplicate._id, present: true }));
    expect(await attendees(later)).toEqual([keep._id]);
    expect((await recount(w.store, false)).differences).toEqual([]);
  });

  test('sent again, the merge changes nothing', async () => {
    const { keep, duplicate } = await twoEntries();
    expectOk(await merge(keep._id, duplicate._id));
    const before = await snapshot(w.store);
    expect(expectOk(await merge(keep._id, duplicate._id)).kept._id).toBe(keep._id);
    expect(await snapshot(w.store)).toEqual(before);
    // A merged entry is not kept in another merge.
    expectError(await merge(duplicate._id, keep._id), 'INVALID');
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('refused, with nothing written, for a trainer, for a supervisor not above both, and for an entry with itself', async () => {
    const { keep, duplicate } = await twoEntries();
    const elsewhere = await rostered({ unitId: 'cx-bj' }, 'demo-admin');
    const before = await snapshot(w.store);
    expectError(await merge(keep._id, duplicate._id, TRAINER), 'FORBIDDEN');
    expectError(await merge(keep._id, duplicate._id, 'demo-mediator'), 'FORBIDDEN');
    expect(expectError(await merge(keep._id, elsewhere._id), 'FORBIDDEN').message).toContain('只有其上级主管可以合并');
    expectError(await merge(keep._id, keep._id), 'INVALID');
    expect(await snapshot(w.store)).toEqual(before);
    // The district's supervisor is above both.
    expect(expectOk(await merge(keep._id, elsewhere._id, DISTRICT)).kept._id).toBe(keep._id);
  });
});
