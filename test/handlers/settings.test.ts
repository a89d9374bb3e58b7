/**
 * 区级设置 through the `settings` function: the district admin sets the dispute types (and
 * unit-wide editing); the form's list (me.whoami), the dispute function, the import and the
 * export's by-type sheet all follow it. Only a district admin may change it; bad input and
 * stale edits change nothing; a retried save is stored and audited once.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { breakdownTablesOf } from '../../cloudfunctions/core/app/annual-report';
import { requireUnit } from '../../cloudfunctions/core/app/queries/units';
import { todayBeijing } from '../../types/dates';
import { DEFAULT_DISPUTE_TYPES, type Dispute } from '../../types/dispute';
import type { ImportResult } from '../../types/import';
import type { AuditEntry } from '../../types/ledger';
import type { Me } from '../../types/org';
import { uploadPath } from '../../types/files';
import type { SettingsView } from '../../types/settings';
import { ledgerCsv } from '../support/ledger';
import { caseInput, demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const ADMIN = 'demo-admin';
const DISTRICT_SUPERVISOR = 'demo-district';
const MEDIATOR = 'demo-mediator';

let w: World;
beforeEach(async () => {
  w = await demoWorld(6);
});
afterEach(() => w.store.close());

const getAs = async (openid: string) => expectOk(await w.call<SettingsView>(openid, 'settings', 'get'));
const whoami = async (openid = MEDIATOR) => expectOk(await w.call<Me>(openid, 'me', 'whoami'));
const saveCase = (overrides: Parameters<typeof caseInput>[0] = {}) => w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput(overrides));

/** The default list without 医疗, with 消费纠纷 second. */
const DISTRICT_LIST = ['邻里', '消费纠纷', ...DEFAULT_DISPUTE_TYPES.filter((t) => t !== '邻里' && t !== '医疗')];

async function configure(disputeTypes = DISTRICT_LIST, unitWideEditing = false): Promise<SettingsView> {
  const { version } = await getAs(ADMIN);
  return expectOk(await w.call<SettingsView>(ADMIN, 'settings', 'save', { disputeTypes, unitWideEditing, ...(version ? { baseVersion: version } : {}) }));
}

test('until an admin saves, every district has the official list and anyone may read it', async () => {
  expect((await whoami()).disputeTypes).toEqual(DEFAULT_DISPUTE_TYPES);
  const forMediator = await getAs(MEDIATOR);
  expect(forMediator).toMatchObject({ disputeTypes: DEFAULT_DISPUTE_TYPES, unitWideEditing: false, canEdit: false });
  expect(forMediator.version).toBeUndefined();
  expect((await getAs(DISTRICT_SUPERVISOR)).canEdit).toBe(false);
  expect((await getAs(ADMIN)).canEdit).toBe(true);
});

test("the admin's list is what the form offers, in the admin's order", async () => {
  const saved = await configure();
  expect(saved).toMatchObject({ disputeTypes: DISTRICT_LIST, version: 1 });
  expect((await whoami()).disputeTypes).toEqual(DISTRICT_LIST);
  expect((await getAs(MEDIATOR)).disputeTypes).toEqual(DISTRICT_LIST);
});

test('a new case takes a type the district added, and not one it dropped', async () => {
  await configure();
  const added = expectOk(await saveCase({ type: '消费纠纷' }));
  expect(added.type).toBe('消费纠纷');

  const before = await snapshot(w.store);
  const refused = expectError(await saveCase({ type: '医疗' }), 'INVALID');
  expect(refused.fields).toEqual({ type: '「医疗」不在本区的纠纷类型中,请从列表中选择' });
  expectError(await saveCase({ type: '随便写的' }), 'INVALID');
  expect(await snapshot(w.store)).toEqual(before);

  // 我的台账 filters by the new type.
  const mine = expectOk(await w.call<{ items: Dispute[] }>(MEDIATOR, 'dispute', 'list', { type: '消费纠纷' }));
  expect(mine.items.map((d) => d._id)).toEqual([added._id]);
});

test('a case whose type was dropped afterwards can still be edited, but no case can newly take it', async () => {
  const medical = expectOk(await saveCase({ type: '医疗' }));
  const other = expectOk(await saveCase({ type: '邻里' }));
  await configure();

  const edited = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ id: medical._id, type: '医疗', amountFen: 500_000, baseVersion: 1 })));
  expect(edited).toMatchObject({ type: '医疗', amountFen: 500_000, version: 2 });

  const retyped = await w.call(MEDIATOR, 'dispute', 'save', caseInput({ id: other._id, type: '医疗', baseVersion: 1 }));
  expect(expectError(retyped, 'INVALID').fields?.type).toContain('不在本区的纠纷类型中');
});

test('my last type is no default once the district drops it', async () => {
  expectOk(await saveCase({ type: '医疗' }));
  expect((await whoami()).defaults.type).toBe('医疗');
  await configure();
  expect((await whoami()).defaults.type).toBeUndefined();
});

test('only a district admin may change the settings', async () => {
  const before = await snapshot(w.store);
  const input = { disputeTypes: DISTRICT_LIST, unitWideEditing: true };
  for (const who of [DISTRICT_SUPERVISOR, MEDIATOR, 'demo-township']) {
    expect(expectError(await w.call(who, 'settings', 'save', input), 'FORBIDDEN').message).toBe('只有区级管理员可以修改区级设置');
  }
  expectError(await w.call('wx-stranger', 'settings', 'save', input), 'UNREGISTERED');
  expect(await snapshot(w.store)).toEqual(before);
});

test.each([
  ['an empty list', [], '至少保留一个纠纷类型'],
  ['a repeated type', ['邻里', '合同', ' 邻里'], '纠纷类型「邻里」重复'],
  ['a blank name', ['邻里', '  '], '请选择纠纷类型'],
  ['a name over 12 characters', ['邻里', '一二三四五六七八九十一二三'], '纠纷类型名称不超过12个字'],
  ['more than 40 types', Array.from({ length: 41 }, (_, i) => `类型${i}`), '纠纷类型不超过40个'],
])('%s is refused in Chinese and nothing changes', async (_label, disputeTypes, message) => {
  const before = await snapshot(w.store);
  const err = expectError(await w.call(ADMIN, 'settings', 'save', { disputeTypes, unitWideEditing: false }), 'INVALID');
  expect(Object.values(err.fields ?? {})).toContain(message);
  expect(await snapshot(w.store)).toEqual(before);
});

test('a retried save is stored and audited once; a stale one is refused', async () => {
  const input = { disputeTypes: DISTRICT_LIST, unitWideEditing: true };
  await Promise.all(Array.from({ length: 5 }, () => w.call(ADMIN, 'settings', 'save', input)));
  const audit = () => w.store.find<AuditEntry>(C.audit, { coll: C.settings }, { sort: { version: 1 } });
  expect((await getAs(ADMIN)).version).toBe(1);
  expect(await audit()).toHaveLength(1);

  expectOk(await w.call(ADMIN, 'settings', 'save', { ...input, unitWideEditing: false, baseVersion: 1 }));
  const stale = await w.call(ADMIN, 'settings', 'save', { ...input, disputeTypes: DEFAULT_DISPUTE_TYPES, baseVersion: 1 });
  expect(expectError(stale, 'STALE').message).toBe('区级设置已被修改(当前第2版),请刷新后再改');

  const entries = await audit();
  expect(entries.map((e) => [e.action, e.version, e.byName])).toEqual([
    ['create', 1, '管理员(依法治区办)'],
    ['edit', 2, '管理员(依法治区办)'],
  ]);
  expect(entries[1].changes).toEqual({ unitWideEditing: [true, false] });
  expect((await getAs(MEDIATOR)).disputeTypes).toEqual(DISTRICT_LIST);
});

test('unit-wide editing set on the page lets a mediator edit a colleague\'s case', async () => {
  const colleague = expectOk(await w.call<Dispute>('demo-m-xhy-qj', 'dispute', 'save', caseInput()));
  const edit = () => w.call(MEDIATOR, 'dispute', 'save', caseInput({ id: colleague._id, amountFen: 1, baseVersion: 1 }));
  expectError(await edit(), 'FORBIDDEN');
  await configure(DEFAULT_DISPUTE_TYPES as unknown as string[], true);
  expect(expectOk(await edit())).toMatchObject({ amountFen: 1, version: 2 });
});

describe('the import follows the list', () => {
  const Y = String(Number(todayBeijing().slice(0, 4)) - 1);
  const row = (no: string, type: string) => [no, '杏花营镇/前进村', '李调解', `${Y}-03-07`, `${Y}-03-09`, type, '民调', '调解成功', '书面', '100', 2, 0, '导入'];
  async function importRows(rows: (string | number)[][]): Promise<ImportResult> {
    const fileId = (await w.files.put(uploadPath('矛盾纠纷.csv'), new TextEncoder().encode(ledgerCsv('矛盾纠纷', rows)))).fileId;
    return expectOk(await w.call<ImportResult>(ADMIN, 'import', 'run', { fileId, name: '矛盾纠纷.csv' }));
  }

  test('a row of a type not in the list is rejected at 纠纷类型; a row whose case already has a dropped type still imports', async () => {
    const first = await importRows([row('L-1', '医疗')]);
    expect(first.sheets[0]).toMatchObject({ created: 1, rejected: 0 });
    await configure();
    const r = await importRows([row('L-1', '医疗'), row('L-2', '医疗'), row('L-3', '消费纠纷')]);
    expect(r.sheets[0]).toMatchObject({ created: 1, unchanged: 1, rejected: 1 });
    expect(r.errors.map((e) => [e.row, e.column, e.reason])).toEqual([[3, '纠纷类型', '「医疗」不在本区的纠纷类型中,请从列表中选择']]);
  });
});

test("the export's by-type sheet lists the district's types in its order", async () => {
  await configure();
  expectOk(await saveCase({ type: '消费纠纷', resolvedDate: `${todayBeijing().slice(0, 4)}-01-02`, acceptedDate: `${todayBeijing().slice(0, 4)}-01-01` }));
  const district = await requireUnit(w.store, 'sfq');
  const [byType] = await breakdownTablesOf(w.store, district, Number(todayBeijing().slice(0, 4)));
  expect(byType.columns.slice(0, DISTRICT_LIST.length)).toEqual(DISTRICT_LIST);
  const total = byType.rows.at(-1)!;
  expect(total.name).toBe('合计');
  expect(total.cells[1]).toBeGreaterThanOrEqual(1);
});
