/**
 * 案号 (issue 15): every case gets `(年份)单位简称人调字第N号` when it first reaches the server: N
 * consecutive per unit and year, never given twice, never changed by an edit or a resend; the
 * unit's 简称 is set in 组织架构 (default from its name) and changes only later numbers.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { createOutbox, type QueuedWrite } from '../../src/services/outbox';
import type { Dispute } from '../../types/dispute';
import { uploadPath } from '../../types/files';
import { COLUMNS, type ImportResult } from '../../types/import';
import type { Unit, User } from '../../types/org';
import type { RecordsView } from '../../types/metrics';
import type { ExportedFile } from '../../types/report';
import { ledgerWorkbook, readWorkbook } from '../support/ledger';
import { caseInput, demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

// The outbox makes write ids with nanoid, ESM only: the app project's stand-in serves here too (jest hoists this).
jest.mock('nanoid/non-secure', () => jest.requireActual('../app/support/nanoid'));

const MEDIATOR = 'demo-mediator';
const ADMIN = 'demo-admin';
const TOWNSHIP = 'demo-township';

let w: World;
beforeEach(async () => {
  w = await demoWorld(0);
});
afterEach(() => w.store.close());

const save = async (over: Parameters<typeof caseInput>[0] = {}, as = MEDIATOR) => expectOk(await w.call<Dispute>(as, 'dispute', 'save', caseInput(over)));
const nOf = (caseNo: string | undefined) => Number(/第(\d+)号$/.exec(caseNo ?? '')?.[1]);

test('200 concurrent saves in one village get 200 distinct consecutive numbers', async () => {
  const inputs = Array.from({ length: 200 }, () => caseInput());
  const saved = (await Promise.all(inputs.map((i) => w.call<Dispute>(MEDIATOR, 'dispute', 'save', i)))).map(expectOk);
  for (const d of saved) expect(d.caseNo).toMatch(/^\(2025\)杏前人调字第\d+号$/);
  expect(saved.map((d) => nOf(d.caseNo)).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  // What is stored is what was answered.
  const stored = await w.store.find<Dispute>('disputes', {});
  expect(new Set(stored.map((d) => d.caseNo)).size).toBe(200);
});

test('an edit keeps the number, a resend does not advance the counter, a deleted case keeps its number', async () => {
  const first = await save();
  expect(first.caseNo).toBe('(2025)杏前人调字第1号');
  const input = caseInput();
  const second = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', input));
  expect(second.caseNo).toBe('(2025)杏前人调字第2号');

  // The answer was lost: the phone sends it again. Same case, same number.
  const resent = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', input));
  expect(resent.caseNo).toBe('(2025)杏前人调字第2号');

  // An edit (even of the year accepted and the unit) does not renumber it.
  const edited = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', { ...input, acceptedDate: '2024-12-30', resolvedDate: '2025-01-05', baseVersion: 1 }));
  expect(edited.version).toBe(2);
  expect(edited.caseNo).toBe('(2025)杏前人调字第2号');

  expectOk(await w.call(MEDIATOR, 'dispute', 'remove', { id: input.id, baseVersion: 2 }));
  expect((await w.store.get<Dispute>('disputes', input.id))?.caseNo).toBe('(2025)杏前人调字第2号');
  expect((await save()).caseNo).toBe('(2025)杏前人调字第3号');
});

test('the supervisor\'s 记录 behind a figure show each case\'s 案号', async () => {
  const d = await save();
  const view = expectOk(await w.call<RecordsView>('demo-township', 'rollup', 'records', { unitId: 'xhy', period: '2025', metric: 'D1' }));
  expect(view.items.find((r) => r.id === d._id)?.detail).toBe('(2025)杏前人调字第1号 · 12345.00元 · 李调解(前进村调解员)');
});

test('each year has its own series, from the 受理日期', async () => {
  expect((await save({ acceptedDate: '2025-03-02' })).caseNo).toBe('(2025)杏前人调字第1号');
  expect((await save({ acceptedDate: '2024-11-02', resolvedDate: '2024-11-09' })).caseNo).toBe('(2024)杏前人调字第1号');
  expect((await save({ acceptedDate: '2025-05-02', resolvedDate: '2025-05-09' })).caseNo).toBe('(2025)杏前人调字第2号');
});

test('default 简称: a village takes its township\'s first character and its own; a township and a district body their first two', async () => {
  await w.store.set<User>('users', { _id: 'm-xhy', name: '镇调委会调解员', roles: [{ role: 'mediator', unitId: 'xhy' }] });
  expect((await save({ unitId: 'xhy' }, 'm-xhy')).caseNo).toBe('(2025)杏花人调字第1号');
  expect((await save({ unitId: 'sdzx', channel: '诉调' }, 'demo-court')).caseNo).toBe('(2025)诉调人调字第1号');
  expect((await save({ unitId: 'xhy-sl' }, 'demo-m-xhy-sl')).caseNo).toBe('(2025)杏孙人调字第1号');
  expect((await save()).caseNo).toBe('(2025)杏前人调字第1号');
});

test('an admin sets a unit\'s 简称: later numbers take it, earlier ones stay; a bad one is refused, nothing changes', async () => {
  const before = await save();
  const snap = await snapshot(w.store);
  const bad = expectError(await w.call(ADMIN, 'org', 'shortCode', { unitId: 'xhy-qj', shortCode: 'QJ' }), 'INVALID');
  expect(bad.message).toBe('单位简称须为1至6个汉字');
  expectError(await w.call(ADMIN, 'org', 'shortCode', { unitId: 'xhy-qj', shortCode: '前进村委会调委会' }), 'INVALID');
  expectError(await w.call(MEDIATOR, 'org', 'shortCode', { unitId: 'xhy-qj', shortCode: '前进' }), 'FORBIDDEN');
  expect(await snapshot(w.store)).toEqual(snap);
  expect((await w.store.get<Unit>('units', 'xhy-qj'))?.shortCode).toBeUndefined();

  expect(expectOk(await w.call<Unit>(ADMIN, 'org', 'shortCode', { unitId: 'xhy-qj', shortCode: ' 前进 ' })).shortCode).toBe('前进');
  expect((await save()).caseNo).toBe('(2025)前进人调字第2号');
  expect((await w.store.get<Dispute>('disputes', before._id))?.caseNo).toBe('(2025)杏前人调字第1号');

  // A supervisor above the unit may set it too; a township supervisor not for another township's village.
  expectOk(await w.call(TOWNSHIP, 'org', 'shortCode', { unitId: 'xhy-qj', shortCode: '杏前进' }));
  expect((await save()).caseNo).toBe('(2025)杏前进人调字第3号');
  expectError(await w.call(TOWNSHIP, 'org', 'shortCode', { unitId: 'jy-hx', shortCode: '和谐' }), 'FORBIDDEN');
});

describe('台账导入 and 台账导出 carry 案号', () => {
  const AT = COLUMNS.矛盾纠纷.indexOf('案号');
  const row = (no: string, caseNo = '') => {
    const r: (string | number)[] = [no, '杏花营镇/前进村', '李调解', '2025-04-07', '2025-04-09', '邻里', '民调', '调解成功', '书面', 100, 2, 0, '宅前排水沟纠纷'];
    while (r.length < AT) r.push('');
    return [...r, caseNo];
  };
  const importRows = async (rows: (string | number)[][]) => {
    const bytes = await ledgerWorkbook([['矛盾纠纷', rows]]);
    const file = { fileId: (await w.files.put(uploadPath('台账.xlsx'), bytes)).fileId, name: '台账.xlsx' };
    return expectOk(await w.call<ImportResult>(ADMIN, 'import', 'run', file));
  };
  const byNo = async () => new Map((await w.store.find<Dispute & { ledgerNo?: string }>(C.disputes, {})).map((d) => [d.ledgerNo ?? d._id, d.caseNo]));

  test('a row with 案号 keeps it; one without gets the next number, past the given ones; the export writes them', async () => {
    const app = await save();
    expect(app.caseNo).toBe('(2025)杏前人调字第1号');
    const result = await importRows([row('L-1', '(2025)杏前人调字第12号'), row('L-2'), row('L-3', '杏前调字〔2019〕3号')]);
    expect(result.errors).toEqual([]);
    expect(await byNo()).toEqual(new Map([[app._id, '(2025)杏前人调字第1号'], ['L-1', '(2025)杏前人调字第12号'], ['L-2', '(2025)杏前人调字第13号'], ['L-3', '杏前调字〔2019〕3号']]));
    expect((await save()).caseNo).toBe('(2025)杏前人调字第14号');

    // The same file again changes nothing; a row that would renumber a case is refused at 案号.
    const again = await importRows([row('L-1', '(2025)杏前人调字第12号'), row('L-2', '(2025)杏前人调字第99号')]);
    expect(again.sheets[0]).toMatchObject({ created: 0, updated: 0, unchanged: 1, rejected: 1 });
    expect(again.errors.map((e) => [e.column, e.reason])).toEqual([['案号', '案号一经编定不能修改(该案件为(2025)杏前人调字第13号)']]);
    expect((await byNo()).get('L-2')).toBe('(2025)杏前人调字第13号');

    const file = expectOk(await w.call<ExportedFile>('demo-district', 'report', 'ledger', { year: 2025 }));
    const rows = (await readWorkbook(await w.files.get(file.fileId))).矛盾纠纷;
    expect(rows[0][AT]).toBe('案号');
    expect(new Map(rows.slice(1).map((r) => [r[0], r[AT]])).get('L-2')).toBe('(2025)杏前人调字第13号');
    expect(new Map(rows.slice(1).map((r) => [r[0], r[AT]])).get(app._id)).toBe('(2025)杏前人调字第1号');
  });
});

test('a case saved offline is numbered when the outbox delivers it, in the order it arrives', async () => {
  let online = false;
  let items: QueuedWrite[] = [];
  const answers: unknown[] = [];
  const box = createOutbox({ read: () => items, write: (next) => (items = next) }, async (item) => {
    if (!online) return { kind: 'offline' };
    const res = await w.call(MEDIATOR, item.fn, item.action, item.payload);
    answers.push(res.ok && res.data);
    return res.ok ? { kind: 'ok', data: res.data } : { kind: 'refused', error: res.error };
  });
  const offline = caseInput({ acceptedDate: '2025-02-01', resolvedDate: '2025-02-03' });
  expect((await box.submit({ id: offline.id, fn: 'dispute', action: 'save', payload: offline, label: '邻里', queuedAt: new Date().toISOString() })).kind).toBe('offline');
  expect(await w.store.get(C.disputes, offline.id)).toBeNull();

  // Meanwhile a colleague's case reaches the server first: it is 第1号.
  expect((await save()).caseNo).toBe('(2025)杏前人调字第1号');
  online = true;
  expect((await box.flush()).sent).toBe(1);
  expect((answers[0] as Dispute).caseNo).toBe('(2025)杏前人调字第2号');
  expect((await w.store.get<Dispute>(C.disputes, offline.id))?.caseNo).toBe('(2025)杏前人调字第2号');
});
