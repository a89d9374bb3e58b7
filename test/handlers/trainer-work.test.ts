/**
 * The trainer's work (issue 16): a session dated ahead (up to 90 days) whose code is valid on its
 * day only and is no longer given out after it; nobody ticked before the day; the trainer's totals
 * of the year equal a count of the sessions themselves through ticks, unticks and deletes; a
 * person's 培训记录, to whoever may read the person.
 */
import { recount } from '../../cloudfunctions/core/app/recount';
import { C } from '../../cloudfunctions/core/platform/port';
import { addDays, todayBeijing } from '../../types/dates';
import type { PersonHistory, TrainerTotals } from '../../types/trainer-work';
import { LAW_PERSON_TRAINING, type CheckinResult, type Person, type PersonSaveResult, type Training, type TrainingView, type WalkInAnswer } from '../../types/training';
import { demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const TRAINER = 'demo-trainer';
const STRANGER = 'o-not-registered';

let w: World;
let clock: Date;
beforeEach(async () => {
  clock = new Date();
  w = await demoWorld(6, () => clock);
});
afterEach(() => w.store.close());

const today = () => todayBeijing(new Date());
/** Noon in Beijing on a date: the functions' clock on that day. */
const noonOn = (date: string) => new Date(`${date}T04:00:00Z`);

let serial = 0;
const save = (date: string, overrides: Record<string, unknown> = {}, as = TRAINER) =>
  w.call<Training>(as, 'training', 'save', {
    id: `test-tw-${++serial}`, unitId: 'xhy', category: LAW_PERSON_TRAINING, date, topic: `培训${serial}`, ...overrides,
  });
const tick = (t: Training, personId: string, present = true, as = TRAINER) =>
  w.call(as, 'training', 'attend', { trainingId: t._id, personId, present });
const view = async (t: Training) => expectOk(await w.call<TrainingView>(TRAINER, 'training', 'get', { id: t._id }));

async function person(name: string, unitId = 'xhy-qj'): Promise<Person> {
  const r = expectOk(await w.call<PersonSaveResult>(TRAINER, 'person', 'save', { id: `test-tw-p-${++serial}`, unitId, name, phone: '', isLawPerson: true, confirmNew: true }));
  if (r.kind !== 'saved') throw new Error('expected a new entry');
  return r.person;
}

describe('a session dated ahead', () => {
  test('may be dated up to 90 days ahead; a day more is refused at the date, nothing written', async () => {
    expect(expectOk(await save(addDays(today(), 90))).date).toBe(addDays(today(), 90));
    const before = await snapshot(w.store);
    const refused = expectError(await save(addDays(today(), 91)), 'INVALID');
    expect(refused.fields?.date).toBe('培训日期最多可提前90天安排');
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('its code is given out before the day, refused before it with the day named, works on it, is spent after it', async () => {
    const tomorrow = addDays(today(), 1);
    const t = expectOk(await save(tomorrow));
    const token = (await view(t)).checkinToken!;
    expect(token).toMatch(/^[0-9a-f]{24}$/);
    const checkin = () => w.call<CheckinResult>(STRANGER, 'training', 'checkin', { trainingId: t._id, token, name: '刘明白', phone: '13912345678', villageId: 'xhy-qj' });

    const before = await snapshot(w.store);
    expect(expectError(await checkin(), 'FORBIDDEN').message).toBe(`培训尚未开始,请于 ${tomorrow} 当天签到`);
    expect(expectError(await w.call(STRANGER, 'training', 'checkinInfo', { trainingId: t._id, token }), 'FORBIDDEN').message).toContain('尚未开始');
    // Nor can the trainer tick anyone, from the roster or as a walk-in, before it happens.
    expect(expectError(await tick(t, 'demo-person-0005'), 'FORBIDDEN').message).toContain('尚未开始');
    const walkIn = { trainingId: t._id, person: { id: 'test-tw-walk', unitId: 'xhy-qj', name: '新来的', phone: '', isLawPerson: true, confirmNew: true } };
    expect(expectError(await w.call<WalkInAnswer>(TRAINER, 'training', 'walkIn', walkIn), 'FORBIDDEN').message).toContain('尚未开始');
    expect(await snapshot(w.store)).toEqual(before);

    clock = noonOn(tomorrow);
    expect(expectOk(await checkin())).toMatchObject({ kind: 'checkedIn', attendeeCount: 1 });
    expect(expectOk(await tick(t, 'demo-person-0005'))).toMatchObject({ attendeeCount: 2 });
    expect((await view(t)).checkinToken).toBe(token);

    clock = noonOn(addDays(tomorrow, 1));
    expect(expectError(await checkin(), 'FORBIDDEN').message).toContain('培训已结束');
    // After the day the code is not given out at all; the session stays editable.
    const after = await view(t);
    expect(after.canEdit).toBe(true);
    expect(after.checkinToken).toBeUndefined();
    // An untick is never refused (it undoes a wrong tick).
    expect(expectOk(await tick(t, 'demo-person-0005', false))).toMatchObject({ attendeeCount: 1 });
  });

  test('a session someone attended cannot be moved to a day still to come', async () => {
    const t = expectOk(await save(today()));
    expectOk(await tick(t, 'demo-person-0005'));
    const moved = expectError(await save(addDays(today(), 3), { id: t._id, topic: t.topic, baseVersion: (await view(t)).training.version }), 'INVALID');
    expect(moved.fields?.date).toBe('已有人签到的培训不能改到今天以后');
  });
});

describe('my totals', () => {
  /** The same answer counted from the sessions themselves. */
  async function bruteForce(userId: string): Promise<TrainerTotals> {
    const year = today().slice(0, 4);
    const mine = (await w.store.find<Training>(C.trainings, {})).filter((t) => t.createdBy === userId && !t.deleted && t.date.startsWith(year));
    return { year, sessions: mine.length, people: new Set(mine.flatMap((t) => t.attendees)).size };
  }
  const totals = async (as = TRAINER) => expectOk(await w.call<TrainerTotals>(as, 'training', 'mine', {}));

  test('equal a count of my sessions of this year and the distinct people ticked at them, through ticks, unticks and deletes', async () => {
    const start = await totals();
    expect(start).toEqual(await bruteForce(TRAINER));
    const [a, b] = [await person('甲'), await person('乙')];
    const s1 = expectOk(await save(today()));
    const s2 = expectOk(await save(today(), { category: '专题培训' }));
    const lastYear = expectOk(await save(`${Number(today().slice(0, 4)) - 1}-06-01`));
    const others = expectOk(await save(today(), {}, 'demo-admin'));
    const steps: [Training, Person, boolean, string][] = [
      [s1, a, true, TRAINER], [s2, a, true, TRAINER], [s1, b, true, TRAINER], [lastYear, b, true, TRAINER], [others, b, true, 'demo-admin'],
      [s1, b, false, TRAINER], [s2, b, true, TRAINER], [s1, a, false, TRAINER],
    ];
    for (const [t, p, on, as] of steps) {
      expectOk(await tick(t, p._id, on, as));
      expect(await totals()).toEqual(await bruteForce(TRAINER));
    }
    // One person at two sessions is one: 甲 and 乙 both at s2.
    expect(await totals()).toEqual({ ...start, sessions: start.sessions + 2, people: start.people + 2 });
    expectOk(await w.call(TRAINER, 'training', 'remove', { id: s2._id, baseVersion: (await view(s2)).training.version }));
    expect(await totals()).toEqual({ ...start, sessions: start.sessions + 1 });
    expect(await totals()).toEqual(await bruteForce(TRAINER));
    expect(await totals('demo-admin')).toEqual(await bruteForce('demo-admin'));
    expect((await recount(w.store, false)).differences).toEqual([]);
  });
});

describe('a person’s 培训记录', () => {
  test('lists the sessions they attended, newest first, with the count; a deleted session is not one', async () => {
    const p = await person('丙');
    const dates = [addDays(today(), -30), addDays(today(), -2), addDays(today(), -10)];
    const sessions: Training[] = [];
    for (const date of dates) sessions.push(expectOk(await save(date)));
    const gone = expectOk(await save(addDays(today(), -1)));
    expectOk(await save(addDays(today(), -5))); // not attended
    for (const t of [...sessions, gone]) expectOk(await tick(t, p._id));
    expectOk(await w.call(TRAINER, 'training', 'remove', { id: gone._id, baseVersion: (await view(gone)).training.version }));

    for (const reader of [TRAINER, 'demo-township', 'demo-mediator']) {
      const h = expectOk(await w.call<PersonHistory>(reader, 'person', 'history', { id: p._id }));
      expect(h.total).toBe(3);
      expect(h.items.map((t) => t.date)).toEqual([...dates].sort().reverse());
      expect(h.items[0]).toEqual({ _id: sessions[1]._id, date: dates[1], topic: sessions[1].topic, category: LAW_PERSON_TRAINING, unitId: 'xhy' });
    }
  });

  test('is refused to whoever may not read the person', async () => {
    const p = await person('丁');
    expectOk(await tick(expectOk(await save(today())), p._id));
    expect(expectError(await w.call(('demo-court'), 'person', 'history', { id: p._id }), 'FORBIDDEN').message).toBe('您无权查看此人信息');
  });
});
