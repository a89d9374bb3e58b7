/**
 * The reporting cycle as its users live it: a village submits its month, the township returns it
 * with a reason, the village sees the reason, fixes and resubmits, the township approves and the
 * month is locked; a parent waits for all its children; 零报告, timeliness, reminders, 不需报送.
 */
import type { Dispute } from '../../types/dispute';
import type { AuditEntry } from '../../types/ledger';
import type { CompletenessView, MyReportingView, RemindView, ReviewView, Submission } from '../../types/reporting';
import { C } from '../../cloudfunctions/core/platform/port';
import { caseInput, demoWorld, expectError, expectOk, type World } from '../support/world';

const MEDIATOR = 'demo-mediator'; // 前进村 (xhy-qj), under 杏花营镇 (xhy)
const TOWNSHIP = 'demo-township'; // supervisor at 杏花营镇
const DISTRICT = 'demo-district';
const MONTH = '2025-03';

let w: World;
let clock: Date;
beforeEach(async () => {
  clock = new Date();
  w = await demoWorld(6, () => clock);
  // Within March's due window: the 25th of April, Beijing time.
  clock = new Date('2025-04-10T02:00:00Z');
});
afterEach(() => w.store.close());

const mine = async (as = MEDIATOR, period = MONTH) => expectOk(await w.call<MyReportingView>(as, 'reporting', 'mine', { period }));
const reviewOf = async (unitId: string, as = TOWNSHIP) => expectOk(await w.call<ReviewView>(as, 'reporting', 'review', { unitId, period: MONTH }));
const line = async (unitId: string, parentId: string, as = TOWNSHIP) => (await reviewOf(parentId, as)).lines.find((l) => l.unitId === unitId)!;
const submit = (unitId: string, as: string, zero = false, period = MONTH) => w.call<Submission>(as, 'reporting', 'submit', { unitId, period, zero });
const act = (action: 'approve' | 'return' | 'unapprove', unitId: string, as: string, reason?: string) =>
  w.call<Submission>(as, 'reporting', action, { unitId, period: MONTH, ...(reason === undefined ? {} : { reason }) });

/** Every other village of 杏花营镇 with a mediator of its own (the seed gives each village one). */
async function villagesOfXhy(): Promise<string[]> {
  return (await reviewOf('xhy')).lines.map((l) => l.unitId);
}

test('submit → return with a reason → the village sees it, fixes a case and resubmits → approve locks the month', async () => {
  expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: '2025-03-02', resolvedDate: '2025-03-09' })));
  expect((await mine()).units[0]).toMatchObject({ unitId: 'xhy-qj', state: 'none', accepted: 1, canSubmit: true });

  expectOk(await submit('xhy-qj', MEDIATOR));
  expect(await line('xhy-qj', 'xhy')).toMatchObject({ state: 'submitted', timeliness: '按时', accepted: 1, canApprove: true, canReturn: true });

  expectError(await act('return', 'xhy-qj', TOWNSHIP, ''), 'INVALID');
  expectOk(await act('return', 'xhy-qj', TOWNSHIP, '调解金额与协议书不符'));
  const home = await mine();
  expect(home.units[0]).toMatchObject({ state: 'returned', reason: '调解金额与协议书不符' });
  expect((await line('xhy-qj', 'xhy')).timeliness).toBe('未报送');

  // The month is still open: the village corrects a case, then resubmits (still 按时: the first submission was on time).
  expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: '2025-03-05', resolvedDate: '2025-03-06' })));
  clock = new Date('2025-04-28T02:00:00Z');
  expectOk(await submit('xhy-qj', MEDIATOR));
  expect(await line('xhy-qj', 'xhy')).toMatchObject({ state: 'submitted', timeliness: '按时', accepted: 2 });

  expectOk(await act('approve', 'xhy-qj', TOWNSHIP));
  expect((await mine()).units[0]).toMatchObject({ state: 'approved', canSubmit: false });
  const refused = expectError(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: '2025-03-20', resolvedDate: '2025-03-21' })), 'LOCKED');
  expect(refused.message).toContain('撤销审核');
  // Other villages' March and the village's April stay open.
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: '2025-04-02', resolvedDate: '2025-04-03' })));
  expectOk(await w.call(`demo-m-${(await villagesOfXhy()).find((v) => v !== 'xhy-qj')}`, 'dispute', 'save', caseInput({ unitId: (await villagesOfXhy()).find((v) => v !== 'xhy-qj')!, acceptedDate: '2025-03-20', resolvedDate: '2025-03-21' })));
  // An approved month cannot be submitted again or returned.
  expectError(await submit('xhy-qj', MEDIATOR), 'CONFLICT');
  expectError(await act('return', 'xhy-qj', TOWNSHIP, '再看看'), 'CONFLICT');

  const trail = await w.store.find<AuditEntry>(C.audit, { recordId: 'xhy-qj:2025-03' });
  expect(trail.map((a) => a.action).sort()).toEqual(['approve', 'return', 'submit', 'submit']);
});

test('an 在办 case accepted in an approved month closes with a 调结日期 in an open month, not in the locked one', async () => {
  const open = caseInput({ acceptedDate: '2025-03-02', resolvedDate: undefined, outcome: '在办', agreementForm: undefined, amountFen: 0 });
  expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', open));
  expectOk(await submit('xhy-qj', MEDIATOR));
  expectOk(await act('approve', 'xhy-qj', TOWNSHIP));
  const close = { ...open, outcome: '调解成功' as const, agreementForm: '口头' as const, baseVersion: 1 };
  expectError(await w.call(MEDIATOR, 'dispute', 'save', { ...close, resolvedDate: '2025-03-30' }), 'LOCKED');
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', { ...close, resolvedDate: '2025-04-02' }));
});

test('本月无纠纷 is a submission (零报告), refused when the month holds cases', async () => {
  expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: '2025-03-02', resolvedDate: '2025-03-09' })));
  const refused = expectError(await submit('xhy-qj', MEDIATOR, true), 'INVALID');
  expect(refused.message).toContain('已登记1件纠纷');
  const [, other] = await villagesOfXhy();
  expectOk(await submit(other, `demo-m-${other}`, true));
  expect(await line(other, 'xhy')).toMatchObject({ state: 'submitted', zero: true, timeliness: '按时' });
  const c = expectOk(await w.call<CompletenessView>(TOWNSHIP, 'reporting', 'completeness', { unitId: 'xhy', period: MONTH }));
  expect(c.total).toMatchObject({ 已报送: 1, 零报告: 1, 按时: 1 });
  expect(c.total.未报送).toBe(c.total.expected - 1);
  expect(c.missing.map((m) => m.unitId)).toContain('xhy-qj');
  expect(c.missing.map((m) => m.unitId)).not.toContain(other);
});

test('a township is approved only after all its villages; un-approving needs a reason, lifts the lock, and waits for the parent', async () => {
  const villages = await villagesOfXhy();
  for (const v of villages) expectOk(await submit(v, `demo-m-${v}`, true));
  expectOk(await submit('xhy', TOWNSHIP, true));
  for (const v of villages.slice(1)) expectOk(await act('approve', v, TOWNSHIP));
  const township = await line('xhy', 'sfq', DISTRICT);
  expect(township.canApprove).toBe(false);
  expect(township.blockedBy).toContain(villages.length > 1 ? '尚未审核通过' : '');
  const blocked = expectError(await act('approve', 'xhy', DISTRICT), 'CONFLICT');
  expect(blocked.message).toContain('尚未审核通过');

  expectOk(await act('approve', villages[0], TOWNSHIP));
  expectOk(await act('approve', 'xhy', DISTRICT));
  // The township's approval locks its whole area for the month.
  expectError(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: '2025-03-03', resolvedDate: '2025-03-04' })), 'LOCKED');

  // A village cannot be un-approved under an approved township; the district un-approves first.
  // The district's 解锁 does not reopen an approved month behind the cycle's back.
  const unlock = expectError(await w.call(DISTRICT, 'rollup', 'unlock', { unitId: 'xhy', period: MONTH, reason: '直接解锁' }), 'CONFLICT');
  expect(unlock.message).toContain('撤销审核');
  const under = expectError(await act('unapprove', villages[0], TOWNSHIP, '金额有误需更正'), 'CONFLICT');
  expect(under.message).toContain('请先撤销上级的审核');
  expectError(await act('unapprove', 'xhy', DISTRICT), 'INVALID');
  expectOk(await act('unapprove', 'xhy', DISTRICT, '村里有一件金额有误'));
  expectOk(await act('unapprove', 'xhy-qj', TOWNSHIP, '金额有误需更正'));
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: '2025-03-03', resolvedDate: '2025-03-04' })));
  const trail = await w.store.find<AuditEntry>(C.audit, { recordId: 'xhy:2025-03' });
  expect(trail.find((a) => a.action === 'unapprove')?.changes.reason).toEqual([null, '村里有一件金额有误']);
});

test('who may do what: recorders submit their own unit; only a supervisor above approves or returns', async () => {
  expectError(await submit('xhy-qj', TOWNSHIP), 'FORBIDDEN'); // not the village's own people
  expectError(await submit('xhy-qj', 'demo-court'), 'FORBIDDEN');
  expectOk(await submit('xhy-qj', MEDIATOR));
  expectError(await act('approve', 'xhy-qj', MEDIATOR), 'FORBIDDEN');
  expectError(await act('return', 'xhy-qj', 'demo-court', '不对'), 'FORBIDDEN');
  expectOk(await submit('xhy', TOWNSHIP));
  expectError(await act('approve', 'xhy', TOWNSHIP), 'FORBIDDEN'); // not their own township
  expectError(await submit('xhy-qj', MEDIATOR, false, '2099-01'), 'INVALID');
  // A retried submission is one submission.
  expectOk(await submit('xhy-qj', MEDIATOR));
  expect(await w.store.find(C.audit, { recordId: 'xhy-qj:2025-03' })).toHaveLength(1);
});

test('逾期 after the due day; a year counts every month; the due day follows the district setting', async () => {
  clock = new Date('2025-04-26T02:00:00Z');
  expectOk(await submit('xhy-qj', MEDIATOR));
  expect((await line('xhy-qj', 'xhy')).timeliness).toBe('逾期');
  const year = expectOk(await w.call<CompletenessView>(DISTRICT, 'reporting', 'completeness', { period: '2025' }));
  const xhy = year.rows.find((r) => r.unitId === 'xhy')!;
  expect(xhy.逾期).toBe(1);
  // January to March have ended by 26 April: three months of each of the township's units.
  expect(xhy.expected).toBe(3 * ((await villagesOfXhy()).length + 1));
  expect(year.total.expected).toBe(year.rows.reduce((n, r) => n + r.expected, 0));
  expect(year.missing.find((m) => m.unitId === 'xhy-qj')?.months).toEqual(['2025-01', '2025-02']);

  // The district moves the due day to the 28th: the same submission is now on time.
  const settings = expectOk(await w.call<{ disputeTypes: string[] }>('demo-admin', 'settings', 'get'));
  expectError(await w.call('demo-admin', 'settings', 'save', { disputeTypes: settings.disputeTypes, unitWideEditing: false, dueDay: 31 }), 'INVALID');
  expectOk(await w.call('demo-admin', 'settings', 'save', { disputeTypes: settings.disputeTypes, unitWideEditing: false, dueDay: 28 }));
  expect(await reviewOf('xhy')).toMatchObject({ dueDate: '2025-04-28' });
  expect((await line('xhy-qj', 'xhy')).timeliness).toBe('按时');
});

test('提醒报送 reaches every unit not yet reported, once a day, and shows on their home page', async () => {
  const [, other] = await villagesOfXhy();
  expectOk(await submit(other, `demo-m-${other}`, true));
  const sent = expectOk(await w.call<RemindView>(TOWNSHIP, 'reporting', 'remind', { unitId: 'xhy', period: MONTH }));
  expect(sent.units).toBe((await villagesOfXhy()).length - 1);
  expectOk(await w.call<RemindView>(TOWNSHIP, 'reporting', 'remind', { unitId: 'xhy', period: MONTH }));
  const home = await mine();
  expect(home.notices.filter((n) => n.kind === 'remind')).toHaveLength(1);
  expect(home.notices[0].text).toContain('4月25日前');
  expect((await mine(`demo-m-${other}`)).notices).toEqual([]);
  // Once the month is sent, its reminder is done with.
  expectOk(await submit('xhy-qj', MEDIATOR));
  expect((await mine()).notices).toEqual([]);
  expectError(await w.call(MEDIATOR, 'reporting', 'remind', { unitId: 'xhy', period: MONTH }), 'FORBIDDEN');
});

test('a unit marked 不需报送 is not expected: not in the review, not counted, and cannot hold up its parent', async () => {
  const before = await reviewOf('sfq', DISTRICT);
  expect(before.lines.map((l) => l.unitId)).toContain('sfj');
  expectError(await w.call(TOWNSHIP, 'reporting', 'expected', { unitId: 'sfj', expected: false }), 'FORBIDDEN');
  expectOk(await w.call(DISTRICT, 'reporting', 'expected', { unitId: 'sfj', expected: false }));
  expect((await reviewOf('sfq', DISTRICT)).lines.map((l) => l.unitId)).not.toContain('sfj');
  const c = expectOk(await w.call<CompletenessView>(DISTRICT, 'reporting', 'completeness', { period: MONTH }));
  expect(c.rows.map((r) => r.unitId)).not.toContain('sfj');
  expectError(await submit('sfj', DISTRICT), 'FORBIDDEN');
});
