/**
 * 培训 and coverage through the functions: T1 counts “法律明白人”培训 sessions, T2 counts
 * each attendee once per period however many sessions they attended, and both stay equal
 * to a recount from the raw sessions through ticks, unticks, moves and deletes.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { todayBeijing } from '../../types/dates';
import type { SummaryView } from '../../types/metrics';
import type { Unit } from '../../types/org';
import {
  LAW_PERSON_TRAINING, type AttendResult, type Person, type PersonInput, type PersonSaveResult, type Training, type TrainingInput, type TrainingListItem,
} from '../../types/training';
import { demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const TRAINER = 'demo-trainer';
const ADMIN = 'demo-admin';
const DISTRICT = 'demo-district';

let w: World;
beforeEach(async () => {
  w = await demoWorld(6);
});
afterEach(() => w.store.close());

const today = todayBeijing();
const year = today.slice(0, 4);
const lastYear = String(Number(year) - 1);

let serial = 0;
function sessionInput(overrides: Partial<TrainingInput> = {}): TrainingInput {
  serial += 1;
  return {
    id: `test-training-${serial}`,
    unitId: 'xhy',
    category: LAW_PERSON_TRAINING,
    date: today,
    topic: '民法典进乡村',
    trainer: '王培训',
    place: '镇司法所会议室',
    hours: 2,
    ...overrides,
  };
}

function personInput(name: string, overrides: Partial<PersonInput> = {}): PersonInput {
  serial += 1;
  return { id: `test-person-${serial}`, unitId: 'xhy-qj', name, phone: `1370000${String(serial).padStart(4, '0')}`, isLawPerson: true, ...overrides };
}

async function addPerson(name: string): Promise<Person> {
  const r = expectOk(await w.call<PersonSaveResult>(TRAINER, 'person', 'save', personInput(name)));
  if (r.kind !== 'saved') throw new Error(`${name} was taken for a duplicate`);
  return r.person;
}

async function saveSession(input: TrainingInput, as = TRAINER): Promise<Training> {
  return expectOk(await w.call<Training>(as, 'training', 'save', input));
}

async function attend(trainingId: string, personId: string, present: boolean): Promise<AttendResult> {
  return expectOk(await w.call<AttendResult>(TRAINER, 'training', 'attend', { trainingId, personId, present }));
}

async function figures(unitId: string, period = year) {
  const s = expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { unitId, period }));
  return { T1: s.scope.figures.T1.value, T2: s.scope.figures.T2.value };
}

/** T2 recounted from the raw sessions: distinct attendees of counted sessions under the unit in the period. */
async function recountT2(unitId: string, period: string): Promise<number> {
  const sessions = await w.store.find<Training>(C.trainings, { deleted: false, category: LAW_PERSON_TRAINING });
  const people = new Set(
    sessions.filter((t) => t.unitPath.includes(unitId) && t.date.startsWith(period)).flatMap((t) => t.attendees),
  );
  return people.size;
}

/** Every unit's T2 for this year and last year equals its recount. */
async function expectRecountMatches(): Promise<void> {
  const units = await w.store.find<Unit>(C.units, {});
  for (const period of [year, lastYear, today.slice(0, 7)]) {
    for (const u of units) {
      const stored = (await figures(u._id, period)).T2;
      expect({ unit: u._id, period, T2: stored }).toEqual({ unit: u._id, period, T2: await recountT2(u._id, period) });
    }
  }
}

describe('the issue’s scenario: two sessions, one shared attendee, a walk-in', () => {
  test('T1 + 2, T2 + 4 (not 5); unticking a shared tick leaves T2, unticking the walk-in lowers it', async () => {
    const before = { sfq: await figures('sfq'), xhy: await figures('xhy') };
    const [a, b, c] = [await addPerson('甲一'), await addPerson('乙二'), await addPerson('丙三')];
    const s1 = await saveSession(sessionInput());
    const s2 = await saveSession(sessionInput({ topic: '土地承包纠纷调处' }));

    for (const p of [a, b, c]) await attend(s1._id, p._id, true);
    const shared = await attend(s2._id, a._id, true);
    expect(shared).toEqual({ present: true, attendeeCount: 1 });
    const walkIn = expectOk(
      await w.call<AttendResult & { person: Person }>(TRAINER, 'training', 'walkIn', { trainingId: s1._id, person: personInput('丁四') }),
    );
    expect(walkIn.attendeeCount).toBe(4);
    // The walk-in is on the roster now.
    expect((await w.store.get<Person>(C.people, walkIn.person._id))?.name).toBe('丁四');

    for (const unit of ['sfq', 'xhy'] as const) {
      expect(await figures(unit)).toEqual({ T1: before[unit].T1 + 2, T2: before[unit].T2 + 4 });
    }
    await expectRecountMatches();

    // Ticking again is once.
    expect(await attend(s1._id, a._id, true)).toEqual({ present: true, attendeeCount: 4 });
    expect((await figures('sfq')).T2).toBe(before.sfq.T2 + 4);

    expect(await attend(s2._id, a._id, false)).toEqual({ present: false, attendeeCount: 0 });
    expect(await figures('sfq')).toEqual({ T1: before.sfq.T1 + 2, T2: before.sfq.T2 + 4 });

    await attend(s1._id, walkIn.person._id, false);
    expect(await figures('sfq')).toEqual({ T1: before.sfq.T1 + 2, T2: before.sfq.T2 + 3 });
    expect(await figures('xhy')).toEqual({ T1: before.xhy.T1 + 2, T2: before.xhy.T2 + 3 });
    await expectRecountMatches();
  });

  test('a session moved to another unit or date, recategorised, or deleted takes its coverage with it', async () => {
    const before = { sfq: await figures('sfq'), xhy: await figures('xhy'), jy: await figures('jy'), last: await figures('sfq', lastYear) };
    const people = [await addPerson('甲一'), await addPerson('乙二'), await addPerson('丙三')];
    let s1 = await saveSession(sessionInput());
    for (const p of people) await attend(s1._id, p._id, true);
    expect((await figures('xhy')).T2).toBe(before.xhy.T2 + 3);

    // To another township (only the district admin reaches both).
    const { _id: id, version } = s1;
    s1 = await saveSession({ ...sessionInput(), id, unitId: 'jy', baseVersion: version }, ADMIN);
    expect(s1.attendees).toHaveLength(3);
    expect((await figures('xhy')).T2).toBe(before.xhy.T2);
    expect((await figures('jy')).T2).toBe(before.jy.T2 + 3);
    expect((await figures('sfq')).T2).toBe(before.sfq.T2 + 3);
    await expectRecountMatches();

    // To last year: this year's figures lose it, last year's gain it.
    s1 = await saveSession({ ...sessionInput(), id, unitId: 'jy', date: `${lastYear}-06-15`, baseVersion: s1.version }, ADMIN);
    expect(await figures('sfq')).toEqual(before.sfq);
    expect(await figures('sfq', lastYear)).toEqual({ T1: before.last.T1 + 1, T2: before.last.T2 + 3 });
    await expectRecountMatches();

    // Another category does not count for T1/T2.
    const recat = { ...sessionInput(), id, unitId: 'jy', date: `${lastYear}-06-15`, category: '专题培训' };
    s1 = await saveSession({ ...recat, baseVersion: s1.version }, ADMIN);
    expect(await figures('sfq', lastYear)).toEqual(before.last);
    s1 = await saveSession({ ...recat, category: LAW_PERSON_TRAINING, baseVersion: s1.version }, ADMIN);
    expect((await figures('sfq', lastYear)).T2).toBe(before.last.T2 + 3);

    expectOk(await w.call(ADMIN, 'training', 'remove', { id, baseVersion: s1.version }));
    expect(await figures('sfq', lastYear)).toEqual(before.last);
    expect(await figures('sfq')).toEqual(before.sfq);
    await expectRecountMatches();
  });

  test('the demo district’s seeded coverage equals its recount', async () => {
    await expectRecountMatches();
  });
});

test('the list carries each session’s attendee count, not who attended nor its check-in token', async () => {
  const s1 = await saveSession(sessionInput());
  for (const p of [await addPerson('甲一'), await addPerson('乙二')]) await attend(s1._id, p._id, true);
  const list = expectOk(await w.call<TrainingListItem[]>(TRAINER, 'training', 'list', { year }));
  expect(list.find((t) => t._id === s1._id)).toMatchObject({ topic: s1.topic, date: s1.date, attendeeCount: 2 });
  for (const t of list) {
    expect(t).not.toHaveProperty('attendees');
    expect(t).not.toHaveProperty('checkinToken');
    expect(typeof t.attendeeCount).toBe('number');
  }
});

describe('bad input is refused with a clear message and nothing is written', () => {
  test('attendance for a session outside the trainer’s area → FORBIDDEN', async () => {
    // demo-training-1 is 金耀街道's, outside 杏花营镇.
    const other = (await w.store.get<Training>(C.trainings, 'demo-training-1'))!;
    expect(other.unitPath).not.toContain('xhy');
    const person = await addPerson('甲一');
    const before = await snapshot(w.store);
    const err = expectError(await w.call(TRAINER, 'training', 'attend', { trainingId: other._id, personId: person._id, present: true }), 'FORBIDDEN');
    expect(err.message).toContain('不在您负责的范围内');
    expectError(await w.call(TRAINER, 'training', 'walkIn', { trainingId: other._id, person: personInput('戊五') }), 'FORBIDDEN');
    expectError(await w.call(TRAINER, 'training', 'save', sessionInput({ unitId: 'jy' })), 'FORBIDDEN');
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('a person id that does not exist → NOT_FOUND', async () => {
    const s = await saveSession(sessionInput());
    const before = await snapshot(w.store);
    const err = expectError(await w.call(TRAINER, 'training', 'attend', { trainingId: s._id, personId: 'no-such-person', present: true }), 'NOT_FOUND');
    expect(err.message).toContain('该人员不存在');
    expectError(await w.call(TRAINER, 'training', 'attend', { trainingId: 'no-such-session', personId: 'demo-person-0000', present: true }), 'NOT_FOUND');
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('negative materials → INVALID, named at the field', async () => {
    const before = await snapshot(w.store);
    const input = { id: 'test-publicity-1', unitId: 'xhy-qj', date: today, title: '宪法宣传日', materials: -5, consulted: 3 };
    const err = expectError(await w.call(TRAINER, 'publicity', 'save', input), 'INVALID');
    expect(err.message).toBe('发放资料不能为负数');
    expect(err.fields).toEqual({ materials: '发放资料不能为负数' });
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('other refusals: a mediator creating a session, a future date, a photo that was not uploaded', async () => {
    const before = await snapshot(w.store);
    expectError(await w.call('demo-mediator', 'training', 'save', sessionInput({ unitId: 'xhy-qj' })), 'FORBIDDEN');
    // A session may be prepared up to 90 days ahead (trainer-work.test.ts), not further.
    const future = new Date(Date.parse(`${today}T00:00:00Z`) + 91 * 86400_000).toISOString().slice(0, 10);
    expect(expectError(await w.call(TRAINER, 'training', 'save', sessionInput({ date: future })), 'INVALID').message).toBe('培训日期最多可提前90天安排');
    const photo = { id: 'test-publicity-2', unitId: 'xhy-qj', date: today, title: '普法', materials: 1, consulted: 0, photos: ['local://exports/2024/report.xlsx'] };
    expect(expectError(await w.call(TRAINER, 'publicity', 'save', photo), 'INVALID').message).toBe('照片须为本应用上传的图片');
    expect(await snapshot(w.store)).toEqual(before);
  });
});

describe('publicity activities', () => {
  test('P1–P3 count activities, materials and consultations; an edit replaces, a delete removes', async () => {
    const before = expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { period: year })).scope.figures;
    const input = {
      id: 'test-publicity-3', unitId: 'xhy-qj', date: today, title: '民法典进乡村', materials: 120, consulted: 7,
      photos: ['local://uploads/2024-03-07/abc-photo.jpg'],
    };
    const saved = expectOk(await w.call<{ version: number }>('demo-mediator', 'publicity', 'save', input));
    const after = async () => expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { period: year })).scope.figures;
    let f = await after();
    expect([f.P1.value - before.P1.value, f.P2.value - before.P2.value, f.P3.value - before.P3.value]).toEqual([1, 120, 7]);
    const view = expectOk(await w.call<{ photoUrls: string[] }>(TRAINER, 'publicity', 'get', { id: input.id }));
    expect(view.photoUrls).toEqual(['/files/uploads/2024-03-07/abc-photo.jpg']);

    expectOk(await w.call(TRAINER, 'publicity', 'save', { ...input, materials: 100, baseVersion: saved.version }));
    f = await after();
    expect(f.P2.value - before.P2.value).toBe(100);
    expectOk(await w.call(TRAINER, 'publicity', 'remove', { id: input.id, baseVersion: saved.version + 1 }));
    f = await after();
    expect([f.P1.value, f.P2.value, f.P3.value]).toEqual([before.P1.value, before.P2.value, before.P3.value]);
  });
});
