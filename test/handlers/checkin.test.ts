/**
 * Self check-in by scanning a session's code: open to callers who are not users, bounded
 * by the session's token, valid through the session's day (Beijing), recorded once.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { todayBeijing } from '../../types/dates';
import type { AuditEntry } from '../../types/ledger';
import type { SummaryView } from '../../types/metrics';
import { LAW_PERSON_TRAINING, type CheckinInfo, type CheckinResult, type Person, type Training, type TrainingListItem, type TrainingView } from '../../types/training';
import { demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const TRAINER = 'demo-trainer';
/** Nobody: an OPENID with no user behind it, as a villager scanning the code is. */
const STRANGER = 'o-not-registered';

let w: World;
let clock: Date;
let session: Training;
let token: string;

beforeEach(async () => {
  clock = new Date();
  w = await demoWorld(6, () => clock);
  session = expectOk(
    await w.call<Training>(TRAINER, 'training', 'save', {
      id: 'test-checkin-session', unitId: 'xhy', category: LAW_PERSON_TRAINING, date: todayBeijing(clock), topic: '法律明白人履职',
    }),
  );
  token = expectOk(await w.call<TrainingView>(TRAINER, 'training', 'get', { id: session._id })).checkinToken!;
});
afterEach(() => w.store.close());

/** The attendee picks 前进村 (a village's own session offers no choice, and ignores it). */
const checkin = (name: string, phone: string, k = token, trainingId = session._id) =>
  w.call<CheckinResult>(STRANGER, 'training', 'checkin', { trainingId, token: k, name, phone, villageId: 'xhy-qj' });

test('the token is shown only to those who run the session', async () => {
  expect(token).toMatch(/^[0-9a-f]{24}$/);
  const asSupervisor = expectOk(await w.call<TrainingView>('demo-township', 'training', 'get', { id: session._id }));
  expect(asSupervisor.canEdit).toBe(false);
  expect(asSupervisor.checkinToken).toBeUndefined();
  expect(asSupervisor.training.checkinToken).toBe('');
  const list = expectOk(await w.call<TrainingListItem[]>(TRAINER, 'training', 'list', {}));
  expect(list.find((t) => t._id === session._id)).not.toHaveProperty('checkinToken');
});

test('a stranger with a valid code sees the session and is recorded once, however often they check in', async () => {
  const info = expectOk(await w.call<CheckinInfo>(STRANGER, 'training', 'checkinInfo', { trainingId: session._id, token }));
  expect(info).toEqual({
    topic: '法律明白人履职', date: todayBeijing(clock), category: LAW_PERSON_TRAINING, unitName: '杏花营镇',
    villages: [{ _id: 'xhy-qj', name: '前进村' }, { _id: 'xhy-sl', name: '孙李唐村' }, { _id: 'xhy-zz', name: '张庄村' }],
  });
  const t2 = async () => expectOk(await w.call<SummaryView>('demo-district', 'rollup', 'summary', {})).scope.figures.T2.value;
  const before = await t2();

  expect(expectOk(await checkin('刘明白', '13912345678'))).toEqual({ kind: 'checkedIn', present: true, attendeeCount: 1, name: '刘明白' });
  expect(expectOk(await checkin('刘明白', '139 1234 5678'))).toEqual({ kind: 'checkedIn', present: true, attendeeCount: 1, name: '刘明白' });
  expect(expectOk(await checkin('刘 明白', '+86 13912345678'))).toMatchObject({ attendeeCount: 1 });

  const added = await w.store.find<Person>(C.people, { phoneKey: '13912345678' });
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ unitId: 'xhy-qj', name: '刘明白', createdBy: 'checkin' });
  expect((await w.store.get<Training>(C.trainings, session._id))!.attendees).toEqual([added[0]._id]);
  expect(await t2()).toBe(before + 1);
});

test('a person added by check-in is audited once, by 自助签到, however often they check in', async () => {
  await checkin('刘明白', '13912345678');
  await checkin('刘明白', '13912345678');
  const [added] = await w.store.find<Person>(C.people, { phoneKey: '13912345678' });
  const trail = await w.store.find<AuditEntry>(C.audit, { coll: C.people, recordId: added._id });
  expect(trail).toHaveLength(1);
  expect(trail[0]).toMatchObject({ action: 'create', version: 1, by: 'checkin', byName: '自助签到', at: added.createdAt });
  // The audit trail says a phone was given, never which.
  expect(trail[0].changes.phone).toEqual(['(已隐去)', '(已隐去)']);
});

test('someone already on the area’s roster is found, not added', async () => {
  const rostered = (await w.store.get<Person>(C.people, 'demo-person-0005'))!;
  const peopleBefore = await w.store.count(C.people, {});
  expect(expectOk(await checkin(rostered.name, rostered.phone.replace(/^(\d{3})(\d{4})/, '$1-$2-')))).toMatchObject({ kind: 'checkedIn', attendeeCount: 1 });
  expect(await w.store.count(C.people, {})).toBe(peopleBefore);
  expect((await w.store.get<Training>(C.trainings, session._id))!.attendees).toEqual([rostered._id]);
});

test('a forged token, or another session’s, is refused and nothing is written', async () => {
  const before = await snapshot(w.store);
  for (const forged of ['0123456789abcdef01234567', token.replace(/.$/, (c) => (c === '0' ? '1' : '0'))]) {
    expect(expectError(await checkin('刘明白', '13912345678', forged), 'FORBIDDEN').message).toContain('签到码无效');
    expectError(await w.call(STRANGER, 'training', 'checkinInfo', { trainingId: session._id, token: forged }), 'FORBIDDEN');
  }
  expectError(await checkin('刘明白', '13912345678', token, 'demo-training-0'), 'FORBIDDEN');
  expectError(await checkin('刘明白', '13912345678', token, 'no-such-session'), 'FORBIDDEN');
  expect(await snapshot(w.store)).toEqual(before);
});

test('after the session’s day (Beijing) the code has expired: refused, nothing written', async () => {
  const before = await snapshot(w.store);
  // 16:00 UTC is midnight in Beijing: the next calendar day there.
  const sessionDay = session.date;
  clock = new Date(`${sessionDay}T16:00:00Z`);
  expect(todayBeijing(clock) > sessionDay).toBe(true);
  expect(expectError(await checkin('刘明白', '13912345678'), 'FORBIDDEN').message).toContain('培训已结束');
  expectError(await w.call(STRANGER, 'training', 'checkinInfo', { trainingId: session._id, token }), 'FORBIDDEN');
  expect(await snapshot(w.store)).toEqual(before);

  // One second earlier it is still the session's day.
  clock = new Date(`${sessionDay}T15:59:59Z`);
  expect(expectOk(await checkin('刘明白', '13912345678'))).toMatchObject({ attendeeCount: 1 });
});

test('bad check-in input is refused with the field named', async () => {
  const err = expectError(await checkin('刘明白', '12345'), 'INVALID');
  expect(err.fields?.phone).toContain('手机号应为11位数字');
  expect(expectError(await checkin('', '13912345678'), 'INVALID').fields?.name).toBe('请填写姓名');
});

test('a session of a village retired since ticks those on its roster but adds no one new to it', async () => {
  const village = expectOk(
    await w.call<Training>(TRAINER, 'training', 'save', {
      id: 'test-checkin-village', unitId: 'xhy-qj', category: LAW_PERSON_TRAINING, date: todayBeijing(clock), topic: '村规民约',
    }),
  );
  const villageToken = expectOk(await w.call<TrainingView>(TRAINER, 'training', 'get', { id: village._id })).checkinToken!;
  expectOk(await checkin('刘明白', '13912345678', villageToken, village._id));
  expectOk(await w.call('demo-admin', 'org', 'retire', { unitId: 'xhy-qj', retired: true }));
  const before = await snapshot(w.store);

  expect(expectError(await checkin('新来人', '13912340000', villageToken, village._id), 'INVALID').message).toBe('该单位已撤销,不能新增记录');
  expect(await snapshot(w.store)).toEqual(before);
  expect(expectOk(await checkin('刘明白', '13912345678', villageToken, village._id))).toMatchObject({ present: true });
});
