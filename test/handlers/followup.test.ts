/**
 * 回访 / 履行 / 司法确认 through the `dispute` function: a 调解成功 case's 回访 falls due 调结 + the
 * district's days (30 by default), recording a 回访 clears it, 司法确认 keeps its dates in order,
 * and the home page's counts (dispute.due) and lists say what is due, for the mediator and for the
 * township above. Bad input is refused in Chinese with nothing written; only the recorder records.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { addDays, todayBeijing } from '../../types/dates';
import type { Dispute } from '../../types/dispute';
import type { DueView } from '../../types/followup';
import type { AuditEntry, DisputeList, DisputeView } from '../../types/ledger';
import type { SettingsView } from '../../types/settings';
import { caseInput, demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const MEDIATOR = 'demo-mediator'; // 前进村 (xhy-qj), under 杏花营镇 (xhy)
const COLLEAGUE = 'demo-m-xhy-qj'; // another mediator of 前进村
const TOWNSHIP = 'demo-township';
const DISTRICT = 'demo-district';
const OTHER_TOWNSHIP = 'sup-jy'; // 金耀's 司法所, added below

const today = todayBeijing();
const daysAgo = (n: number) => addDays(today, -n);

let w: World;
beforeEach(async () => {
  w = await demoWorld(0);
  await w.store.set(C.users, { _id: OTHER_TOWNSHIP, name: '钱所长', roles: [{ role: 'supervisor', unitId: 'jy' }] } as never);
});
afterEach(() => w.store.close());

/** A case closed 调解成功 with a written agreement `resolvedAgo` days ago. */
const closedCase = (resolvedAgo: number, overrides = {}) =>
  caseInput({ acceptedDate: daysAgo(resolvedAgo + 5), resolvedDate: daysAgo(resolvedAgo), ...overrides });
const save = async (input: unknown, as = MEDIATOR) => expectOk(await w.call<Dispute>(as, 'dispute', 'save', input));
const stored = (id: string) => w.store.get<Dispute>(C.disputes, id);
const due = async (as: string) => expectOk(await w.call<DueView>(as, 'dispute', 'due'));
const followUp = (caseId: string, overrides = {}) => ({ caseId, id: `fu-${caseId}`, date: today, way: '电话', performance: '已履行', note: '双方均已履行', ...overrides });
const recordFollowUp = (input: unknown, as = MEDIATOR) => w.call<Dispute>(as, 'dispute', 'followUpSave', input);
const confirm = (input: unknown, as = MEDIATOR) => w.call<Dispute>(as, 'dispute', 'confirmationSave', input);

test('a 调解成功 case is due for 回访 30 days after 调结: counted for its mediator, the township and the district, not for another township', async () => {
  const c = await save(closedCase(31));
  expect((await stored(c._id))!.followUpDue).toBe(daysAgo(1));
  // Closed 29 days ago: due tomorrow, not yet counted.
  const later = await save(closedCase(29));
  expect((await stored(later._id))!.followUpDue).toBe(addDays(today, 1));

  expect((await due(MEDIATOR)).mine).toEqual({ open: 0, followUp: 1, confirmation: 1 });
  expect((await due(TOWNSHIP)).units).toEqual([{ unitId: 'xhy', name: '杏花营镇', counts: { open: 0, followUp: 1, confirmation: 1 } }]);
  expect((await due(TOWNSHIP)).mine).toBeUndefined();
  expect((await due(DISTRICT)).units[0].counts.followUp).toBe(1);
  expect((await due(OTHER_TOWNSHIP)).units).toEqual([{ unitId: 'jy', name: expect.any(String), counts: { open: 0, followUp: 0, confirmation: 0 } }]);
  expect((await due(COLLEAGUE)).mine).toEqual({ open: 0, followUp: 0, confirmation: 0 });

  // 我的台账 filtered to 待回访 lists just that case; the township's list holds it with the parties masked.
  const mine = expectOk(await w.call<DisputeList>(MEDIATOR, 'dispute', 'list', { due: 'followUp' }));
  expect(mine.items.map((d) => d._id)).toEqual([c._id]);
  const township = expectOk(await w.call<DisputeList>(TOWNSHIP, 'dispute', 'list', { due: 'followUp', unitId: 'xhy' }));
  expect(township).toMatchObject({ total: 1, items: [{ _id: c._id, partyNames: '张*、李*' }] });
  expectError(await w.call(MEDIATOR, 'dispute', 'list', { due: 'followUp', unitId: 'xhy' }), 'FORBIDDEN');
  expectError(await w.call(OTHER_TOWNSHIP, 'dispute', 'list', { due: 'followUp', unitId: 'xhy' }), 'FORBIDDEN');
  expectError(await w.call(TOWNSHIP, 'dispute', 'list', { unitId: 'xhy' }), 'INVALID');
});

test('closing, reopening and a new 调结日期 move the due date; a case that is not 调解成功 has none; the district sets the days', async () => {
  const open = await save(caseInput({ acceptedDate: daysAgo(40), resolvedDate: undefined, outcome: '在办', agreementForm: undefined }));
  expect((await stored(open._id))!.followUpDue).toBeUndefined();
  expect((await due(MEDIATOR)).mine).toEqual({ open: 1, followUp: 0, confirmation: 0 });

  const closed = await save({ ...open, outcome: '调解成功', resolvedDate: daysAgo(35), agreementForm: '口头', baseVersion: 1 });
  expect(closed.followUpDue).toBe(daysAgo(5));
  expect((await due(MEDIATOR)).mine).toEqual({ open: 0, followUp: 1, confirmation: 0 });

  const moved = await save({ ...closed, resolvedDate: daysAgo(10), baseVersion: 2 });
  expect(moved.followUpDue).toBe(addDays(today, 20));
  const failed = await save({ ...moved, outcome: '调解不成', baseVersion: 3 });
  expect(failed.followUpDue).toBeUndefined();
  expect((await stored(open._id))!.followUpDue).toBeUndefined();

  const settings = expectOk(await w.call<SettingsView>('demo-admin', 'settings', 'get'));
  expect(settings.followUpDays).toBe(30);
  expectError(await w.call('demo-admin', 'settings', 'save', { disputeTypes: settings.disputeTypes, unitWideEditing: false, followUpDays: 0 }), 'INVALID');
  expect(expectOk(await w.call<SettingsView>('demo-admin', 'settings', 'save', { disputeTypes: settings.disputeTypes, unitWideEditing: false, followUpDays: 10 })).followUpDays).toBe(10);
  expect((await save(closedCase(3))).followUpDue).toBe(addDays(today, 7));
});

test('recording a 回访 clears the due date and lists it on the case; a resend is stored once; several may be recorded', async () => {
  const c = await save(closedCase(31));
  const after = expectOk(await recordFollowUp(followUp(c._id)));
  expect(after.followUpDue).toBeUndefined();
  expect(after.followUps).toEqual([{ id: `fu-${c._id}`, date: today, way: '电话', performance: '已履行', note: '双方均已履行', by: MEDIATOR, byName: '李调解(前进村调解员)', at: expect.any(String) }]);
  expect(after.version).toBe(2);
  expect((await due(MEDIATOR)).mine!.followUp).toBe(0);
  expect((await due(TOWNSHIP)).units[0].counts.followUp).toBe(0);

  // Sent again (the outbox after a lost answer): nothing new.
  const before = await snapshot(w.store);
  expect(expectOk(await recordFollowUp(followUp(c._id))).version).toBe(2);
  expect(await snapshot(w.store)).toEqual(before);
  expectError(await recordFollowUp(followUp(c._id, { performance: '未履行' })), 'CONFLICT');

  expectOk(await recordFollowUp(followUp(c._id, { id: `fu2-${c._id}`, date: daysAgo(2), way: '上门', performance: '部分履行', note: undefined })));
  const view = expectOk(await w.call<DisputeView>(MEDIATOR, 'dispute', 'get', { id: c._id }));
  expect(view.record.followUps!.map((f) => [f.date, f.way, f.performance])).toEqual([[daysAgo(2), '上门', '部分履行'], [today, '电话', '已履行']]);
  const history = expectOk(await w.call<AuditEntry[]>(MEDIATOR, 'dispute', 'history', { id: c._id }));
  expect(history.map((h) => h.changes.followUps?.[1]).filter(Boolean)).toEqual([`${today} 电话回访 已履行`, `${daysAgo(2)} 上门回访 部分履行`]);

});

test('a case closed again after its 回访 (a later 调结日期) is due for a new one', async () => {
  const c = await save(closedCase(31));
  expectOk(await recordFollowUp(followUp(c._id, { date: daysAgo(20) })));
  const reclosed = await save({ ...caseInput({ id: c._id }), acceptedDate: c.acceptedDate, resolvedDate: daysAgo(10), baseVersion: 2 });
  expect(reclosed.followUpDue).toBe(addDays(today, 20));
  expect(reclosed.followUps).toHaveLength(1);
});

test('a 回访 is refused, with nothing written, when dated before 调结 or in the future, too long, on a case not 调解成功, or by anyone but the recorder', async () => {
  const c = await save(closedCase(31));
  const open = await save(caseInput({ acceptedDate: daysAgo(3), resolvedDate: undefined, outcome: '在办', agreementForm: undefined }));
  const before = await snapshot(w.store);
  const early = expectError(await recordFollowUp(followUp(c._id, { date: daysAgo(32) })), 'INVALID');
  expect(early.fields).toEqual({ date: `回访日期不能早于调结日期(${daysAgo(31)})` });
  expect(expectError(await recordFollowUp(followUp(c._id, { date: addDays(today, 1) })), 'INVALID').fields).toEqual({ date: '回访日期不能晚于今天' });
  expect(expectError(await recordFollowUp(followUp(c._id, { note: '很'.repeat(201) })), 'INVALID').fields).toEqual({ note: '回访情况不超过200字' });
  expect(expectError(await recordFollowUp(followUp(c._id, { way: '微信' })), 'INVALID').fields).toEqual({ way: '请选择回访方式' });
  expect(expectError(await recordFollowUp(followUp(open._id)), 'INVALID').message).toBe('只有调解成功的案件才有回访');
  expectError(await recordFollowUp(followUp(c._id), COLLEAGUE), 'FORBIDDEN');
  expectError(await recordFollowUp(followUp(c._id), TOWNSHIP), 'FORBIDDEN');
  expectError(await recordFollowUp(followUp('no-such-case')), 'NOT_FOUND');
  expect(await snapshot(w.store)).toEqual(before);
});

test('司法确认: a written agreement within 30 days of 调结 awaits application until applied for; dates in order; an oral agreement is not taken to court', async () => {
  const c = await save(closedCase(10));
  await save(closedCase(31)); // its window has closed
  const oral = await save(closedCase(5, { agreementForm: '口头' }));
  expect((await due(MEDIATOR)).mine!.confirmation).toBe(1);
  expect(expectOk(await w.call<DisputeList>(MEDIATOR, 'dispute', 'list', { due: 'confirmation' })).items.map((d) => d._id)).toEqual([c._id]);

  const before = await snapshot(w.store);
  expect(expectError(await confirm({ caseId: c._id, status: '已申请' }), 'INVALID').fields).toEqual({ appliedDate: '请选择申请日期' });
  expect(expectError(await confirm({ caseId: c._id, status: '已确认', appliedDate: daysAgo(5) }), 'INVALID').fields).toEqual({ decidedDate: '请选择确认/裁定日期' });
  expect(expectError(await confirm({ caseId: c._id, status: '已确认', appliedDate: daysAgo(5), decidedDate: daysAgo(6) }), 'INVALID').fields).toEqual({ decidedDate: '确认/裁定日期不能早于申请日期' });
  expect(expectError(await confirm({ caseId: c._id, status: '已申请', appliedDate: daysAgo(11) }), 'INVALID').fields).toEqual({ appliedDate: `申请日期不能早于调结日期(${daysAgo(10)})` });
  expect(expectError(await confirm({ caseId: c._id, status: '已申请', appliedDate: addDays(today, 1) }), 'INVALID').fields).toEqual({ appliedDate: '申请日期不能晚于今天' });
  expect(expectError(await confirm({ caseId: oral._id, status: '已申请', appliedDate: today }), 'INVALID').message).toBe('司法确认须有书面调解协议,口头协议不能申请');
  expectError(await confirm({ caseId: c._id, status: '已申请', appliedDate: today }, COLLEAGUE), 'FORBIDDEN');
  expect(await snapshot(w.store)).toEqual(before);

  const applied = expectOk(await confirm({ caseId: c._id, status: '已申请', appliedDate: daysAgo(5), decidedDate: daysAgo(1) }));
  // 已申请 keeps no decision date.
  expect(applied.confirmation).toEqual({ status: '已申请', appliedDate: daysAgo(5) });
  expect((await due(MEDIATOR)).mine!.confirmation).toBe(0);
  expect((await due(TOWNSHIP)).units[0].counts.confirmation).toBe(0);
  expect(expectOk(await confirm({ caseId: c._id, status: '已申请', appliedDate: daysAgo(5) })).version).toBe(applied.version);
  const decided = expectOk(await confirm({ caseId: c._id, status: '已确认', appliedDate: daysAgo(5), decidedDate: today }));
  expect(decided.confirmation).toEqual({ status: '已确认', appliedDate: daysAgo(5), decidedDate: today });
  // Back to 未申请 (entered by mistake): it awaits application again, and keeps no dates.
  expect(expectOk(await confirm({ caseId: c._id, status: '未申请', appliedDate: daysAgo(5) })).confirmation).toEqual({ status: '未申请' });
  expect((await due(MEDIATOR)).mine!.confirmation).toBe(1);
});

test('an edit of the case keeps its 回访 and 司法确认', async () => {
  const c = await save(closedCase(31));
  expectOk(await recordFollowUp(followUp(c._id)));
  expectOk(await confirm({ caseId: c._id, status: '已申请', appliedDate: today }));
  const { record } = expectOk(await w.call<DisputeView>(MEDIATOR, 'dispute', 'get', { id: c._id }));
  const edited = await save({ ...caseInput({ id: c._id }), acceptedDate: c.acceptedDate, resolvedDate: c.resolvedDate, summary: '改了简要情况', baseVersion: record.version });
  expect(edited).toMatchObject({ followUps: record.followUps, confirmation: record.confirmation });
  expect(edited.followUpDue).toBeUndefined();
});
