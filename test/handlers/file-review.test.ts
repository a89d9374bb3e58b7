/**
 * 案卷评查 (issue 15): a supervisor above a case's unit sees its file against the district's
 * checklist and marks it 合格 / 需补正 (需补正 needs a note); the mark is a new version of the
 * case, audited, resent is no change; the mediator reads it and finds 需补正 cases on the home
 * page; mediators, other townships and the recorder themself cannot mark.
 */
import type { Dispute } from '../../types/dispute';
import type { FileCheckView } from '../../types/file-review';
import type { AuditEntry } from '../../types/ledger';
import type { SettingsView } from '../../types/settings';
import { caseInput, demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const MEDIATOR = 'demo-mediator';
const COLLEAGUE = 'demo-m-xhy-sl';
const TOWNSHIP = 'demo-township';
const DISTRICT = 'demo-district';
const ADMIN = 'demo-admin';
const ELSEWHERE = 'test-jy-supervisor';

let w: World;
let d: Dispute;
beforeEach(async () => {
  w = await demoWorld(0, () => new Date('2025-04-10T02:00:00Z'));
  await w.store.set('users', { _id: ELSEWHERE, name: '钱所长(金耀街道司法所)', roles: [{ role: 'supervisor', unitId: 'jy' }] });
  d = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ partyNames: undefined, partyPhones: undefined })));
});
afterEach(() => w.store.close());

const check = async (as: string) => expectOk(await w.call<FileCheckView>(as, 'dispute', 'fileCheck', { id: d._id }));
const review = (as: string, body: object) => w.call<Dispute>(as, 'dispute', 'review', { id: d._id, baseVersion: d.version, ...body });

test('the checklist is computed from the case and the district’s choice of items', async () => {
  expect(await check(TOWNSHIP)).toEqual({
    lines: [
      { item: '案号', ok: true }, { item: '当事人信息', ok: false }, { item: '简要情况', ok: true }, { item: '协议内容', ok: false }, { item: '协议书照片', ok: false },
      { item: '回访记录', ok: false }, { item: '司法确认', ok: false },
    ],
    canReview: true,
  });
  expect((await check(MEDIATOR)).canReview).toBe(false);
  // A case stored before cases were numbered has no 案号.
  const { caseNo: _, ...unnumbered } = (await w.store.get<Dispute>('disputes', d._id))!;
  await w.store.set('disputes', unnumbered);
  expect((await check(TOWNSHIP)).lines[0]).toEqual({ item: '案号', ok: false });
  // 协议内容 concerns a 调解成功 case only; typed, it is there.
  const open = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ outcome: '在办', resolvedDate: undefined, agreementForm: undefined })));
  expect((await w.call<FileCheckView>(TOWNSHIP, 'dispute', 'fileCheck', { id: open._id }).then(expectOk)).lines.map((l) => l.item)).toEqual(['案号', '当事人信息', '简要情况']);
  d = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', { ...caseInput({ partyNames: undefined, partyPhones: undefined }), id: d._id, agreementTerms: '李四赔偿张三3000元', baseVersion: 1 }));
  expect((await check(TOWNSHIP)).lines).toContainEqual({ item: '协议内容', ok: true });
  // A photo of the signed 协议书 counts; a scene photo does not; an oral agreement has no 协议书 to photograph.
  const stored = (await w.store.get<Dispute>('disputes', d._id))!;
  const photo = { id: 'photo-0001', fileId: 'f', name: 'a.jpg', at: stored.updatedAt, by: MEDIATOR };
  await w.store.set('disputes', { ...stored, attachments: [{ ...photo, kind: '现场照片' }] });
  expect((await check(TOWNSHIP)).lines).toContainEqual({ item: '协议书照片', ok: false });
  await w.store.set('disputes', { ...stored, attachments: [{ ...photo, kind: '协议书' }] });
  expect((await check(TOWNSHIP)).lines).toContainEqual({ item: '协议书照片', ok: true });
  await w.store.set('disputes', { ...stored, agreementForm: '口头' });
  expect((await check(TOWNSHIP)).lines.map((l) => l.item)).not.toContain('协议书照片');
  await w.store.set('disputes', { ...stored, followUps: [{ id: 'fu-000001', date: '2025-04-01', way: '电话', performance: '已履行', by: MEDIATOR, byName: '李调解', at: stored.updatedAt }], confirmation: { status: '未申请' } });
  expect((await check(TOWNSHIP)).lines.slice(-2)).toEqual([{ item: '回访记录', ok: true }, { item: '司法确认', ok: true }]);
  await w.store.set('disputes', stored);

  const s = expectOk(await w.call<SettingsView>(ADMIN, 'settings', 'get'));
  expect(s.reviewChecklist).toEqual(['案号', '当事人信息', '简要情况', '协议内容', '协议书照片', '回访记录', '司法确认']);
  const saved = expectOk(await w.call<SettingsView>(ADMIN, 'settings', 'save', { disputeTypes: s.disputeTypes, unitWideEditing: false, reviewChecklist: ['简要情况'] }));
  expect(saved.reviewChecklist).toEqual(['简要情况']);
  expect((await check(DISTRICT)).lines).toEqual([{ item: '简要情况', ok: true }]);
  expectError(await w.call(ADMIN, 'settings', 'save', { disputeTypes: s.disputeTypes, unitWideEditing: false, reviewChecklist: ['锦旗'] }), 'INVALID');
});

test('需补正 with a note: the mediator sees it and has the case on the home page until it is 合格', async () => {
  const refused = expectError(await review(TOWNSHIP, { result: '需补正', note: '  ' }), 'INVALID');
  expect(refused.fields).toEqual({ note: '需补正时请写明需补正的内容' });

  const marked = expectOk(await review(TOWNSHIP, { result: '需补正', note: '缺当事人信息' }));
  expect(marked.version).toBe(2);
  expect(marked.fileReview).toMatchObject({ result: '需补正', note: '缺当事人信息', byName: '赵所长(杏花营镇司法所)' });
  // Resent: the same review, nothing new.
  expect(expectOk(await review(TOWNSHIP, { result: '需补正', note: '缺当事人信息' })).version).toBe(2);

  expect((await check(MEDIATOR)).review).toMatchObject({ result: '需补正', note: '缺当事人信息' });
  const toFix = expectOk(await w.call<{ items: Dispute[] }>(MEDIATOR, 'dispute', 'toFix'));
  expect(toFix.items.map((x) => x._id)).toEqual([d._id]);
  expect(expectOk(await w.call<{ items: Dispute[] }>(COLLEAGUE, 'dispute', 'toFix')).items).toEqual([]);

  // The mediator's edit keeps the review (it is the supervisor's, not a field of the form).
  const fixed = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', { ...caseInput({ agreementForm: '口头' }), id: d._id, agreementTerms: '李四赔偿张三3000元', baseVersion: 2 }));
  expect(fixed.fileReview?.result).toBe('需补正');
  expect((await check(TOWNSHIP)).lines.filter((l) => !l.ok).map((l) => l.item)).toEqual(['回访记录']);

  expectError(await review(TOWNSHIP, { result: '合格' }), 'STALE');
  expectOk(await w.call(TOWNSHIP, 'dispute', 'review', { id: d._id, baseVersion: fixed.version, result: '合格' }));
  expect(expectOk(await w.call<{ items: Dispute[] }>(MEDIATOR, 'dispute', 'toFix')).items).toEqual([]);

  const history = expectOk(await w.call<AuditEntry[]>(MEDIATOR, 'dispute', 'history', { id: d._id }));
  expect(history.filter((h) => h.action === 'review').map((h) => h.changes.fileReview)).toEqual([
    [null, '需补正:缺当事人信息'],
    ['需补正:缺当事人信息', '合格'],
  ]);
});

test('only supervisors above the unit may mark, never on their own case; refusals change nothing', async () => {
  const before = await snapshot(w.store);
  expect(expectError(await review(MEDIATOR, { result: '合格' }), 'FORBIDDEN').message).toBe('不能评查本人登记的案件');
  expect(expectError(await review(COLLEAGUE, { result: '合格' }), 'FORBIDDEN').message).toBe('只有上级主管可以评查案卷');
  expectError(await review(ELSEWHERE, { result: '合格' }), 'FORBIDDEN');
  expectError(await w.call(ELSEWHERE, 'dispute', 'fileCheck', { id: d._id }), 'FORBIDDEN');
  expectError(await review(ADMIN, { result: '合格' }), 'FORBIDDEN');
  expectError(await review(TOWNSHIP, { result: '优秀' }), 'INVALID');
  expectError(await w.call(TOWNSHIP, 'dispute', 'review', { id: 'no-such-case', baseVersion: 1, result: '合格' }), 'NOT_FOUND');
  expect(await snapshot(w.store)).toEqual(before);

  // A supervisor who recorded a case (also a mediator there) cannot mark it either.
  await w.store.set('users', { _id: 'test-both', name: '兼任', roles: [{ role: 'mediator', unitId: 'xhy-qj' }, { role: 'supervisor', unitId: 'xhy' }] });
  const own = expectOk(await w.call<Dispute>('test-both', 'dispute', 'save', caseInput()));
  expect(expectError(await w.call('test-both', 'dispute', 'review', { id: own._id, baseVersion: 1, result: '合格' }), 'FORBIDDEN').message).toBe('不能评查本人登记的案件');
  expectOk(await review(DISTRICT, { result: '合格' }));
});
