/**
 * 来源, 涉及人数, the prevention flags (issue 14) and the case file's 协议内容, 履行方式, 履行期限 and
 * 重大标记 (issue 15) through 台账导出 → 台账导入: cases recorded
 * in the app with and without them, exported by the district, imported into a fresh store, come
 * back as the same records and give the same monthly statistics; imported back into the store
 * they came from, they change nothing.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { DISPUTE_RULES } from '../../cloudfunctions/core/domain/dispute';
import { todayBeijing } from '../../types/dates';
import type { Dispute, DisputeInput } from '../../types/dispute';
import { uploadPath } from '../../types/files';
import { COLUMNS } from '../../types/import';
import type { ImportResult } from '../../types/import';
import type { ExportedFile } from '../../types/report';
import type { StatisticsView } from '../../types/statistics';
import { ledgerWorkbook } from '../support/ledger';
import { caseInput, demoWorld, expectOk, type World } from '../support/world';

jest.setTimeout(60_000);

const ADMIN = 'demo-admin';
const DISTRICT = 'demo-district';
const MEDIATOR = 'demo-mediator';

/** Last year: every date of it is in the past, whatever today is. */
const Y = Number(todayBeijing().slice(0, 4)) - 1;

const CASES: Partial<DisputeInput>[] = [
  // A court's referral with no 来源 chosen: 接受委托移送 by default, and stays unchosen.
  { channel: '诉调', prevention: { 防止民转刑: 3 } },
  { channel: '民调', source: '主动调解', involvedPeople: 40, prevention: { 防止群体性上访: 40, 防止群体性械斗: 12 } },
  { channel: '警调', source: '接受委托移送', outcome: '在办', resolvedDate: undefined, agreementForm: undefined },
  { channel: '民调' },
  // The case file's typed-once fields (issue 15): 协议内容, 履行方式, 履行期限 and the 重大 flags.
  { channel: '民调', agreementTerms: '双方同意分三期赔偿,每期一千元', performanceWay: '分期支付', performanceDeadline: `${Y}-12-31`, alerts: ['群体性', '可能激化'], involvedPeople: 30 },
];

/** A case's recorded fields, as the ledger carries them (party details never travel in one). */
function fieldsOf(d: Dispute) {
  return Object.fromEntries(
    DISPUTE_RULES.fields.filter((f) => f !== 'partyNames' && f !== 'partyPhones').map((f) => [f, d[f as keyof Dispute]]),
  );
}

async function disputesOf(w: World): Promise<Map<string, ReturnType<typeof fieldsOf>>> {
  const all = await w.store.find<Dispute & { ledgerNo?: string }>(C.disputes, { deleted: false });
  return new Map(all.map((d) => [d.ledgerNo ?? d._id, fieldsOf(d)]));
}

async function importInto(w: World, bytes: Uint8Array): Promise<ImportResult> {
  const file = { fileId: (await w.files.put(uploadPath('台账.xlsx'), bytes)).fileId, name: '台账.xlsx' };
  return expectOk(await w.call<ImportResult>(ADMIN, 'import', 'run', file));
}

const statistics = async (w: World, period: string) =>
  expectOk(await w.call<StatisticsView>(DISTRICT, 'report', 'statistics', { period }));

let source: World;
let fresh: World;
let exported: Uint8Array;
let caseFiled: string;
beforeAll(async () => {
  source = await demoWorld(6);
  const saved: Dispute[] = [];
  for (const fields of CASES) {
    saved.push(expectOk(await source.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: `${Y}-03-02`, resolvedDate: `${Y}-03-09`, ...fields }))));
  }
  // The last case's 回访 and 司法确认, recorded on its page.
  caseFiled = saved[saved.length - 1]._id;
  expectOk(await source.call(MEDIATOR, 'dispute', 'followUpSave', { caseId: caseFiled, id: 'followup-test-1', date: `${Y}-04-01`, way: '电话', performance: '部分履行' }));
  expectOk(await source.call(MEDIATOR, 'dispute', 'confirmationSave', { caseId: caseFiled, status: '已确认', appliedDate: `${Y}-03-20`, decidedDate: `${Y}-04-10` }));
  const file = expectOk(await source.call<ExportedFile>(DISTRICT, 'report', 'ledger', { year: Y }));
  exported = await source.files.get(file.fileId);
  fresh = await demoWorld(0);
});
afterAll(() => {
  source.store.close();
  fresh.store.close();
});

test('into a fresh store: every exported case comes back with its 来源, 涉及人数 and prevention flags', async () => {
  const r = await importInto(fresh, exported);
  expect(r.errors).toEqual([]);
  const before = await disputesOf(source);
  const after = await disputesOf(fresh);
  const exportedCases = [...before].filter(([, d]) => [d.acceptedDate, d.resolvedDate].some((x) => String(x).startsWith(String(Y))));
  expect(exportedCases).toHaveLength(CASES.length);
  for (const [id, d] of exportedCases) expect(after.get(id)).toEqual(d);
  // The case whose 来源 was never chosen is still unchosen: the default follows its channel.
  expect(exportedCases.filter(([, d]) => d.source === undefined)).toHaveLength(3);
  expect(exportedCases.map(([, d]) => d.prevention).filter(Boolean)).toEqual(
    expect.arrayContaining([{ 防止民转刑: 3 }, { 防止群体性上访: 40, 防止群体性械斗: 12 }]),
  );
});

test('the monthly statistics of the fresh store equal the source’s: by 来源 and the prevention block too', async () => {
  const a = await statistics(source, `${Y}-03`);
  const b = await statistics(fresh, `${Y}-03`);
  expect(b.lines).toEqual(a.lines);
  expect(b.bySource).toEqual(a.bySource);
  expect(b.rows).toEqual(a.rows);
  expect(a.bySource).toMatchObject({ 主动调解: { 受理: 1 }, 接受委托移送: { 受理: 2 }, 申请调解: { 受理: 2 } });
  expect(a.lines.防止民转刑).toMatchObject({ value: 1, people: 3 });
});

test('into a fresh store: a case’s 司法确认 and its latest 回访 come with it', async () => {
  const [copy] = await fresh.store.find<Dispute & { ledgerNo?: string }>(C.disputes, { ledgerNo: caseFiled });
  expect(copy.confirmation).toEqual({ status: '已确认', appliedDate: `${Y}-03-20`, decidedDate: `${Y}-04-10` });
  expect(copy.followUps?.map(({ date, way, performance }) => ({ date, way, performance }))).toEqual([{ date: `${Y}-04-01`, way: '电话', performance: '部分履行' }]);
  // Its 回访 is done: no reminder.
  expect(copy.followUpDue).toBeUndefined();
});

test('back into the store it came from: nothing changes', async () => {
  const r = await importInto(source, exported);
  const cases = r.sheets.find((s) => s.sheet === '矛盾纠纷')!;
  expect([cases.created, cases.updated, cases.rejected]).toEqual([0, 0, 0]);
  expect(cases.unchanged).toBeGreaterThanOrEqual(CASES.length);
});

test('a row’s 司法确认 and 回访 are held to the case page’s rules, each refused at its column', async () => {
  const cells = (values: Record<string, string | number>) => COLUMNS.矛盾纠纷.map((c) => values[c] ?? '');
  const base = {
    编号: 'CF-1', 单位: '杏花营镇/前进村', 调解员: '李调解', 受理日期: `${Y}-05-02`, 调结日期: `${Y}-05-09`, 纠纷类型: '邻里', 渠道: '民调',
    调解结果: '调解成功', 协议形式: '口头', '涉及金额(元)': 100, 当事人数: 2, '锦旗(面)': 0, 简要情况: '测试',
  };
  const bytes = await ledgerWorkbook([['矛盾纠纷', [
    cells({ ...base, 司法确认: '已申请', 司法确认申请日期: `${Y}-05-10` }),
    cells({ ...base, 编号: 'CF-2', 协议形式: '书面', 回访日期: `${Y}-05-01`, 回访方式: '电话', 履行情况: '已履行' }),
    cells({ ...base, 编号: 'CF-3', 协议形式: '书面', 回访日期: `${Y}-05-20`, 回访方式: '飞鸽', 履行情况: '已履行' }),
    cells({ ...base, 编号: 'CF-4', 协议形式: '书面', 司法确认: '已确认', 司法确认申请日期: `${Y}-05-10` }),
  ]]]);
  const r = await importInto(fresh, bytes);
  expect(r.errors.map((e) => [e.column, e.reason])).toEqual([
    ['司法确认', '司法确认须有书面调解协议,口头协议不能申请'],
    ['回访日期', `回访日期不能早于调结日期(${Y}-05-09)`],
    ['回访方式', '请选择回访方式'],
    ['司法确认日期', '请选择确认/裁定日期'],
  ]);
  expect(await fresh.store.find(C.disputes, { ledgerNo: { $in: ['CF-1', 'CF-2', 'CF-3', 'CF-4'] } })).toEqual([]);
});
