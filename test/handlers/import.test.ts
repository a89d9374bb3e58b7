/**
 * 台账导入 through the `import` function, as an admin uploads a workbook in the app: each kind
 * of bad row is rejected with its column and reason while the good rows land, figures move as
 * for any write (and equal a recount), the same file imported twice changes nothing, a row
 * whose content changed is an update, people are one person however their phone is spelled,
 * locked periods and reach are enforced per row, and rows land whole or not at all. While an
 * import runs, its importer (and no one else) can read how far it has got, batch by batch.
 */
import JSZip from 'jszip';
import { writeBatch } from '../../cloudfunctions/core/app/batch';
import { openLedger } from '../../cloudfunctions/core/files/ledger-read';
import { importLedger } from '../../cloudfunctions/core/app/import-ledger';
import type { FromLedger } from '../../cloudfunctions/core/domain/ledger/records';
import { Refusal } from '../../cloudfunctions/core/domain/refusal';
import { unitRefOf } from '../../cloudfunctions/core/domain/units';
import { C, type Doc } from '../../cloudfunctions/core/platform/port';
import { readRollup } from '../../cloudfunctions/core/app/queries/rollups';
import { recount } from '../../cloudfunctions/core/app/recount';
import type { AuditEntry, DisputeList } from '../../types/ledger';
import { todayBeijing } from '../../types/dates';
import type { Dispute } from '../../types/dispute';
import type { Unit, User } from '../../types/org';
import { uploadPath } from '../../types/files';
import type { ImportProgress, ImportResult, SheetProgress } from '../../types/import';
import type { Person, PersonSaveResult, Training } from '../../types/training';
import { ledgerCsv, ledgerWorkbook, readWorkbook } from '../support/ledger';
import { caseInput, demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

// Imports of thousands of rows: seconds each on a loaded 2-core machine, past jest's default 5 s.
jest.setTimeout(60_000);

const ADMIN = 'demo-admin';
const DISTRICT = 'demo-district';
const TOWNSHIP = 'demo-township';

let w: World;
beforeEach(async () => {
  w = await demoWorld(6);
});
afterEach(() => w.store.close());

/** Last year: every date of it is in the past, whatever today is. */
const Y = String(Number(todayBeijing().slice(0, 4)) - 1);

async function upload(name: string, content: Uint8Array | string): Promise<{ fileId: string; name: string }> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { fileId: (await w.files.put(uploadPath(name), bytes)).fileId, name };
}

async function importAs(openid: string, file: { fileId: string; name: string }): Promise<ImportResult> {
  return expectOk(await w.call<ImportResult>(openid, 'import', 'run', file));
}

const ledgerNoOf = (d: Dispute) => (d as Dispute & FromLedger).ledgerNo;

/** Per sheet: [created, updated, unchanged, rejected]. */
const counts = (r: ImportResult) => Object.fromEntries(r.sheets.map((s) => [s.sheet, [s.created, s.updated, s.unchanged, s.rejected]]));

const rejections = (r: ImportResult) => r.errors.map((e) => [e.sheet, e.row, e.column, e.reason]);

const dispute = (no: string, over: Record<number, string | number> = {}) => {
  const row: (string | number)[] = [no, '杏花营镇/前进村', '李调解', `${Y}-03-07`, `${Y}/3/9`, '邻里', '民调', '调解成功', '书面', '12,345.60', 2, 0, '宅前排水沟纠纷'];
  for (const [i, v] of Object.entries(over)) row[Number(i)] = v;
  return row;
};

/** The sheets in reverse order (单位 last): the import still builds the tree first. */
async function mixedLedger() {
  return ledgerWorkbook([
    ['签到', [
      ['T-1', '王小明', '138 0013 8000', '杏花营镇/前进村'],
      ['T-1', '王小明', '+86 138-0013-8000', '杏花营镇/前进村'],
      ['T-9', '李四', '13900139000', ''],
      ['T-2', '王小明', '13800138000', '杏花营镇/前进村'],
    ]],
    ['矛盾纠纷', [
      dispute('L-001'),
      ['L-002', '区诉调联动中心', '周调解', `${Y}年4月1日`, `${Y}年4月20日`, '合同', '诉调', '调解成功', '书面', 8000, 2, 1, '买卖合同纠纷'],
      dispute('L-003', { 3: `${Y}-02-30` }),
      dispute('L-004', { 9: '-100' }),
      dispute('L-005', { 1: '杏花营镇/不存在村' }),
      dispute('L-006', { 3: `${Y}-03-10`, 4: `${Y}-03-01` }),
      dispute('L-001', { 9: 1 }),
      dispute('L-007', { 1: '杏花营镇/新村', 9: '1,000,000' }),
    ]],
    ['培训', [
      ['T-1', '杏花营镇', '“法律明白人”培训', `${Y}-05-10`, '民法典进乡村', '王培训', '镇司法所', 2],
      ['T-2', '杏花营镇', '“法律明白人”培训', `${Y}-06-10`, '人民调解实务', '王培训', '镇司法所', 2],
    ]],
    ['宣传活动', [['P-1', '杏花营镇/前进村', `${Y}-12-04`, '宪法宣传日', '1,200', 35]]],
    ['单位', [['示范区', '', '区'], ['杏花营镇', '示范区', '乡镇街道'], ['新村', '杏花营镇', '村社区']]],
  ]);
}

describe('a ledger with good and bad rows', () => {
  test('each bad row is rejected with its column and reason; the good rows land and move the figures', async () => {
    const before = await readRollup(w.store, 'sfq', Y);
    const r = await importAs(ADMIN, await upload('台账.xlsx', await mixedLedger()));

    expect(counts(r)).toEqual({
      单位: [1, 0, 2, 0],
      矛盾纠纷: [3, 0, 0, 5],
      培训: [2, 0, 0, 0],
      签到: [2, 0, 1, 1],
      宣传活动: [1, 0, 0, 0],
    });
    expect(rejections(r)).toEqual([
      ['矛盾纠纷', 4, '受理日期', '受理日期格式应为 年-月-日,如 2024-03-07'],
      ['矛盾纠纷', 5, '涉及金额(元)', '涉及金额不能为负数'],
      ['矛盾纠纷', 6, '单位', '找不到单位「杏花营镇/不存在村」,请检查单位名称'],
      ['矛盾纠纷', 7, '调结日期', '调结日期不能早于受理日期'],
      ['矛盾纠纷', 8, '编号', '编号「L-001」与第2行重复:同一编号在一个文件中只能出现一次'],
      ['签到', 4, '培训编号', '找不到培训编号「T-9」:本次导入的「培训」和系统中都没有这场培训'],
    ]);
    expect(r.rejectedTotal).toBe(6);
    expect(r.peopleAdded).toBe(1);
    expect(r.warnings).toEqual([]);

    const after = await readRollup(w.store, 'sfq', Y);
    const delta = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
    // L-001 and L-007 (民调, resolved in Y); L-002 is the court's (诉调) with its banner.
    expect([delta('D1'), delta('D2'), delta('D3'), delta('D4')]).toEqual([2, 1_234_560 + 100_000_000, 1, 1]);
    // Two “法律明白人” sessions, one person at both; one activity of 1200 materials.
    expect([delta('T1'), delta('T2'), delta('P1'), delta('P2'), delta('P3')]).toEqual([2, 1, 1, 1200, 35]);
    expect((await recount(w.store, false)).differences).toEqual([]);

    const l1 = (await w.store.find<Dispute>(C.disputes, { summary: '宅前排水沟纠纷', acceptedDate: `${Y}-03-07` }))[0];
    // 李调解 is the registered mediator of 前进村: the case is theirs.
    expect(l1).toMatchObject({ mediatorName: '李调解', mediatorId: 'demo-mediator', amountFen: 1_234_560, resolvedDate: `${Y}-03-09`, unitId: 'xhy-qj' });
    // The importer is the audit trail's `by`.
    const trail = await w.store.find<AuditEntry>(C.audit, { recordId: l1._id });
    expect(trail.map((a) => [a.action, a.by])).toEqual([['create', ADMIN]]);
  });

  test('the same file again changes nothing and says everything is unchanged', async () => {
    const file = await upload('台账.xlsx', await mixedLedger());
    const first = await importAs(ADMIN, file);
    const stored = await snapshot(w.store);
    const second = await importAs(ADMIN, file);
    expect(await snapshot(w.store)).toEqual(stored);
    expect(counts(second)).toEqual(
      Object.fromEntries(first.sheets.map((s) => [s.sheet, [0, 0, s.created + s.updated + s.unchanged, s.rejected]])),
    );
    expect(second.peopleAdded).toBe(0);
  });

  test('a row whose 编号 exists with changed content updates that record: counted, audited, figures moved', async () => {
    await importAs(ADMIN, await upload('台账.xlsx', await ledgerWorkbook([['矛盾纠纷', [dispute('L-001'), dispute('L-002')]]])));
    const before = await readRollup(w.store, 'sfq', Y);
    const r = await importAs(ADMIN, await upload('台账.xlsx', await ledgerWorkbook([['矛盾纠纷', [dispute('L-001', { 9: '20,000' }), dispute('L-002')]]])));
    expect(counts(r)).toEqual({ 矛盾纠纷: [0, 1, 1, 0] });
    const after = await readRollup(w.store, 'sfq', Y);
    expect(after.D2 - before.D2).toBe(2_000_000 - 1_234_560);
    const [edited] = await w.store.find<Dispute>(C.disputes, { amountFen: 2_000_000 });
    expect(edited.version).toBe(2);
    const trail = await w.store.find<AuditEntry>(C.audit, { recordId: edited._id }, { sort: { version: 1 } });
    expect(trail.map((a) => [a.action, a.by, a.changes])).toEqual([
      ['create', ADMIN, expect.anything()],
      ['edit', ADMIN, { amountFen: [1_234_560, 2_000_000] }],
    ]);
    expect((await recount(w.store, false)).differences).toEqual([]);
  });

  test('the rejected rows come back as a workbook of the same format with their reasons', async () => {
    const r = await importAs(ADMIN, await upload('台账.xlsx', await mixedLedger()));
    expect(r.rejectedFile?.name).toBe('台账导入-未导入的行.xlsx');
    const book = await readWorkbook(await w.files.get(r.rejectedFile!.fileId));
    expect(Object.keys(book)).toEqual(['矛盾纠纷', '签到']);
    expect(book.矛盾纠纷[0]).toEqual(['编号', '单位', '调解员', '受理日期', '调结日期', '纠纷类型', '渠道', '调解结果', '协议形式', '涉及金额(元)', '当事人数', '锦旗(面)', '简要情况',
      '来源', '涉及人数', '防止民间纠纷引起自杀(人)', '防止民转刑(人)', '防止群体性械斗(人)', '防止群体性上访(人)', '案号',
      '协议内容', '履行方式', '履行期限', '重大标记', '司法确认', '司法确认申请日期', '司法确认日期', '回访日期', '回访方式', '履行情况', '错误原因']);
    expect(book.矛盾纠纷[1].slice(0, 4)).toEqual(['L-003', '杏花营镇/前进村', '李调解', `${Y}-02-30`]);
    expect(book.矛盾纠纷[1][30]).toBe('第4行 受理日期:受理日期格式应为 年-月-日,如 2024-03-07');
    expect(book.签到[1]).toEqual(['T-9', '李四', '13900139000', '', expect.stringContaining('找不到培训编号「T-9」')]);

    // Imported again as it is: the same rows are refused, except the repeated L-001, which is alone in
    // this file and updates the L-001 that landed; the reason column is not an "unknown column".
    const again = await importAs(ADMIN, await upload('未导入的行.xlsx', await w.files.get(r.rejectedFile!.fileId)));
    expect(counts(again)).toEqual({ 矛盾纠纷: [0, 1, 0, 4], 签到: [0, 0, 0, 1] });
    expect(again.warnings).toEqual([]);
  });
});

describe('签到: people', () => {
  test('the same person under different phone spellings is one person, and an entry already on the roster is used', async () => {
    const existing = expectOk(
      await w.call<PersonSaveResult>('demo-trainer', 'person', 'save', { id: 'test-person-zhang', unitId: 'xhy-qj', name: '张 三', phone: '13700137000' }),
    );
    if (existing.kind !== 'saved') throw new Error('not saved');
    const sessions = [1, 2, 3].map((i) => [`S-${i}`, '杏花营镇', '“法律明白人”培训', `${Y}-0${i}-15`, `专题${i}`, '王培训', '', 2]);
    const before = await readRollup(w.store, 'xhy', Y);
    const r = await importAs(ADMIN, await upload('台账.xlsx', await ledgerWorkbook([
      ['培训', sessions],
      ['签到', [
        ['S-1', '王小明', '138 0013 8000', '杏花营镇/前进村'],
        ['S-2', '王小明', '+86 13800138000', '杏花营镇/前进村'],
        ['S-3', '王 小明', '138-0013-8000', '杏花营镇/前进村'],
        ['S-1', '张三', '+86 137 0013 7000', '杏花营镇/前进村'],
      ]],
    ])));
    expect(counts(r).签到).toEqual([4, 0, 0, 0]);
    expect(r.peopleAdded).toBe(1);
    const wangs = (await w.store.find<Person>(C.people, { unitId: 'xhy-qj', phoneKey: '13800138000' }));
    expect(wangs).toHaveLength(1);
    const s1 = (await w.store.find<Training>(C.trainings, { topic: '专题1' }))[0];
    expect(s1.attendees.sort()).toEqual([wangs[0]._id, 'test-person-zhang'].sort());
    // Distinct coverage: two people, however many sessions.
    expect((await readRollup(w.store, 'xhy', Y)).T2 - (before.T2 ?? 0)).toBe(2);
    expect((await recount(w.store, false)).differences).toEqual([]);
  });
});

describe('per-row rules: locked periods and reach', () => {
  test('a row dated in a locked period is refused with the lock message; the others land', async () => {
    expectOk(await w.call(DISTRICT, 'rollup', 'lock', { unitId: 'xhy', period: `${Y}-03` }));
    const r = await importAs(ADMIN, await upload('台账.xlsx', await ledgerWorkbook([
      ['矛盾纠纷', [dispute('L-001'), dispute('L-002', { 3: `${Y}-04-02`, 4: `${Y}-04-03` })]],
    ])));
    expect(counts(r).矛盾纠纷).toEqual([1, 0, 0, 1]);
    expect(rejections(r)).toEqual([['矛盾纠纷', 2, '受理日期', expect.stringMatching(/^「杏花营镇」\d{4}年3月已锁定/)]]);
    expect((await recount(w.store, false)).differences).toEqual([]);
  });

  test('a township supervisor imports for the township only, and may not add units', async () => {
    const r = await importAs(TOWNSHIP, await upload('台账.xlsx', await ledgerWorkbook([
      ['单位', [['新村', '杏花营镇', '村社区'], ['杏花营镇', '示范区', '乡镇街道']]],
      ['矛盾纠纷', [dispute('L-001'), dispute('L-002', { 1: '金耀街道/和谐社区' })]],
    ])));
    expect(counts(r)).toEqual({ 单位: [0, 0, 1, 1], 矛盾纠纷: [1, 0, 0, 1] });
    expect(rejections(r)).toEqual([
      ['单位', 2, '单位', '只有管理员可以在「杏花营镇」下添加或修改单位'],
      ['矛盾纠纷', 3, '单位', '您没有为「和谐社区」导入数据的权限'],
    ]);
  });

  test('a case recorded in the app, exported and imported back, stays its mediator’s and is unchanged', async () => {
    const [mine] = await w.store.find<Dispute>(C.disputes, {}, { limit: 1 });
    const units = new Map((await w.store.find<Unit>(C.units, {})).map((u) => [u._id, u]));
    const row = [mine._id, unitRefOf(units.get(mine.unitId)!, units), mine.mediatorName, mine.acceptedDate, mine.resolvedDate ?? '', mine.type, mine.channel, mine.outcome,
      mine.agreementForm ?? '', mine.amountFen / 100, mine.parties, mine.banners, mine.summary];
    const r = await importAs(ADMIN, await upload('台账.xlsx', await ledgerWorkbook([['矛盾纠纷', [row]]])));
    expect(counts(r).矛盾纠纷).toEqual([0, 0, 1, 0]);
    expect((await w.store.get<Dispute>(C.disputes, mine._id))?.version).toBe(mine.version);
  });

  test('a case whose 调解员 is a registered mediator of its unit is in that mediator’s 我的台账, and theirs to edit', async () => {
    const r = await importAs(ADMIN, await upload('台账.xlsx', await ledgerWorkbook([
      ['矛盾纠纷', [dispute('L-001'), dispute('L-002', { 1: '金耀街道/和谐社区' }), dispute('L-003', { 2: '前进村调解员' })]],
    ])));
    expect(counts(r).矛盾纠纷).toEqual([3, 0, 0, 0]);
    const mine = expectOk(await w.call<DisputeList>('demo-mediator', 'dispute', 'list', { q: '宅前排水沟' }));
    // 李调解 mediates at 前进村 only: the 和谐社区 case keeps the ledger's name, unlinked.
    expect(mine.items.map(ledgerNoOf)).toEqual(['L-001']);
    const village = expectOk(await w.call<DisputeList>('demo-m-xhy-qj', 'dispute', 'list', { q: '宅前排水沟' }));
    expect(village.items.map(ledgerNoOf)).toEqual(['L-003']);
    const other = (await w.store.find<Dispute>(C.disputes, { summary: '宅前排水沟纠纷', unitId: 'jy-hx' }))[0];
    expect(other.mediatorId).toBe('ledger:李调解');

    const [linked] = mine.items;
    const edit = { ...caseInput(), id: linked._id, unitId: linked.unitId, acceptedDate: linked.acceptedDate, resolvedDate: linked.resolvedDate, type: linked.type, amountFen: 100, baseVersion: linked.version };
    expect(expectOk(await w.call<Dispute>('demo-mediator', 'dispute', 'save', edit))).toMatchObject({ amountFen: 100, version: 2 });
  });

  test('two registered mediators of one name reaching the unit: the case is linked to neither', async () => {
    await w.store.set(C.users, { _id: 'wx-another-li', name: '李调解', roles: [{ role: 'mediator', unitId: 'xhy' }] } as User);
    const r = await importAs(ADMIN, await upload('矛盾纠纷.csv', ledgerCsv('矛盾纠纷', [dispute('L-001')])));
    expect(counts(r).矛盾纠纷).toEqual([1, 0, 0, 0]);
    const [d] = await w.store.find<Dispute & { ledgerNo?: string }>(C.disputes, { ledgerNo: 'L-001' });
    expect(d.mediatorId).toBe('ledger:李调解');
  });

  test('only admins and supervisors import; a file that is no ledger is refused whole, with a reason', async () => {
    const file = await upload('台账.xlsx', await mixedLedger());
    expect(expectError(await w.call('demo-mediator', 'import', 'run', file), 'FORBIDDEN').message).toBe('只有管理员或主管可以导入台账');
    const before = await snapshot(w.store);
    const notes = await upload('台账.xlsx', await ledgerWorkbook([['说明', [['本表为示例']], ['说明']]]));
    expect(expectError(await w.call(ADMIN, 'import', 'run', notes), 'INVALID').message).toContain('中没有可导入的工作表');
    const noKey = await upload('台账.xlsx', await ledgerWorkbook([['矛盾纠纷', [['杏花营镇/前进村']], ['单位']]]));
    expect(expectError(await w.call(ADMIN, 'import', 'run', noKey), 'INVALID').message).toMatch(/^「矛盾纠纷」缺少列:编号、调解员/);
    expectError(await w.call(ADMIN, 'import', 'run', { fileId: 'local://exports/x.xlsx', name: 'x.xlsx' }), 'INVALID');
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('one sheet as CSV (UTF-8 with BOM) is a ledger too', async () => {
    const r = await importAs(ADMIN, await upload('矛盾纠纷.csv', ledgerCsv('矛盾纠纷', [dispute('L-001'), dispute('L-002')])));
    expect(counts(r)).toEqual({ 矛盾纠纷: [2, 0, 0, 0] });
  });

  test('协议形式 on a row not 调解成功 (an old ledger may have one) is dropped, not rejected', async () => {
    const r = await importAs(ADMIN, await upload('台账.xlsx', await ledgerWorkbook([
      ['矛盾纠纷', [dispute('L-001', { 7: '调解不成' }), dispute('L-002')]],
    ])));
    expect(counts(r).矛盾纠纷).toEqual([2, 0, 0, 0]);
    const byNo = new Map((await w.store.find<Dispute>(C.disputes, { summary: '宅前排水沟纠纷' })).map((d) => [ledgerNoOf(d), d]));
    expect(byNo.get('L-001')!.agreementForm ?? null).toBeNull();
    expect(byNo.get('L-002')!.agreementForm).toBe('书面');
  });
});

describe('rows land whole or not at all', () => {
  interface Item extends Doc {
    n: number;
  }
  const write = (fail?: 'refuse' | 'crash') => async (tx: Parameters<Parameters<typeof writeBatch>[2]>[0], id: string) => {
    await tx.set<Item>('items', { _id: `${id}-a`, n: 1 });
    await tx.set<Item>('items', { _id: `${id}-b`, n: 2 });
    if (fail === 'refuse' && id === 'bad') throw new Refusal('INVALID', '此行有误');
    if (fail === 'crash' && id === 'bad') throw new Error('disk full');
    return { value: id };
  };
  const ids = async () => (await w.store.find<Item>('items', {}, { sort: { _id: 1 } })).map((d) => d._id);

  test('a refused row leaves none of its writes; the rest of its batch lands', async () => {
    const out = await writeBatch(w.store, ['one', 'bad', 'two'], write('refuse'));
    expect(out.map((o) => (o.ok ? o.value : o.refusal.message))).toEqual(['one', '此行有误', 'two']);
    expect(await ids()).toEqual(['one-a', 'one-b', 'two-a', 'two-b']);
  });

  test('a failure that is no refusal undoes the batch; rows before it land one by one, whole', async () => {
    await expect(writeBatch(w.store, ['one', 'bad', 'two'], write('crash'))).rejects.toThrow('disk full');
    expect(await ids()).toEqual(['one-a', 'one-b']);
  });
});

describe('progress while an import runs', () => {
  const ROWS = 3000;
  const many = (n: number) => Array.from({ length: n }, (_, i) => dispute(`P-${i}`));
  const importId = 'test-import-progress-1';
  const progressOf = (openid: string, id = importId) => w.call<ImportProgress>(openid, 'import', 'progress', { importId: id });

  beforeEach(() => {
    // Batches of 500 rather than the embedded store's 5000, so a few thousand rows are several batches.
    Object.defineProperty(w.store, 'batchSize', { value: 500 });
  });

  test('the importer sees the rows done rise batch by batch to the total; another user gets NOT_FOUND', async () => {
    const file = await upload('台账.xlsx', await ledgerWorkbook([['矛盾纠纷', many(ROWS)]]));
    let answered = false;
    const run = w.call<ImportResult>(ADMIN, 'import', 'run', { ...file, importId }).finally(() => (answered = true));
    const seen: ImportProgress[] = [];
    while (!answered) {
      const p = await progressOf(ADMIN);
      if (p.ok) seen.push(p.data);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(counts(expectOk(await run))).toEqual({ 矛盾纠纷: [ROWS, 0, 0, 0] });

    const rows = seen.filter((p) => p.stage === 'importing').map((p) => [p.sheet, p.done, p.total]);
    const done = rows.map(([, d]) => d as number);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(new Set(done.filter((d) => d > 0 && d < ROWS)).size).toBeGreaterThanOrEqual(2);
    // An .xlsx declares its rows up front: the total is known from the first batch.
    expect(new Set(rows.map(([sheet, , total]) => `${sheet} ${total}`))).toEqual(new Set([`矛盾纠纷 ${ROWS}`]));
    expect(expectOk(await progressOf(ADMIN))).toEqual({ stage: 'done', sheet: '矛盾纠纷', done: ROWS, total: ROWS });

    expect(expectError(await progressOf(DISTRICT), 'NOT_FOUND').message).toBe('找不到这次导入的进度');
    // The same id sent by another user is another import: it neither reads nor replaces the first.
    const theirs = await upload('矛盾纠纷.csv', ledgerCsv('矛盾纠纷', [dispute('P-0')]));
    expectOk(await w.call(DISTRICT, 'import', 'run', { ...theirs, importId }));
    expect(expectOk(await progressOf(DISTRICT))).toMatchObject({ stage: 'done', done: 1, total: 1 });
    expect(expectOk(await progressOf(ADMIN))).toMatchObject({ done: ROWS });
  });

  test('an import that cannot run ends as failed; one without an id keeps no progress', async () => {
    const notes = await upload('台账.xlsx', await ledgerWorkbook([['说明', [['本表为示例']], ['说明']]]));
    expectError(await w.call(ADMIN, 'import', 'run', { ...notes, importId }), 'INVALID');
    expect(expectOk(await progressOf(ADMIN))).toEqual({ stage: 'failed' });
    expectError(await w.call(ADMIN, 'import', 'run', { ...notes, importId: 'bad id' }), 'INVALID');

    expectOk(await w.call(ADMIN, 'import', 'run', await upload('矛盾纠纷.csv', ledgerCsv('矛盾纠纷', [dispute('L-1')]))));
    expect(await w.store.count(C.imports, {})).toBe(1);
  });

  test('reported per sheet at its start, after each batch and at its end; a CSV’s total once it is read', async () => {
    const ledger = await openLedger([
      { name: '单位.csv', bytes: new TextEncoder().encode(ledgerCsv('单位', [['新村', '杏花营镇', '村社区']])) },
      { name: '矛盾纠纷.csv', bytes: new TextEncoder().encode(ledgerCsv('矛盾纠纷', [...many(1100), ['', '', ''], dispute('L-x', { 3: '不是日期' })])) },
    ]);
    const calls: SheetProgress[] = [];
    const admin = (await w.store.get<User>(C.users, ADMIN))!;
    await importLedger(w.store, ledger, { by: admin, mayWrite: () => true, mayEditTree: () => true, mayEditAppRecord: () => true, now: () => new Date(), onProgress: (p) => calls.push(p) });
    await ledger.close();
    expect(calls).toEqual([
      { sheet: '单位', done: 0 },
      { sheet: '单位', done: 1, total: 1 },
      { sheet: '矛盾纠纷', done: 0 },
      { sheet: '矛盾纠纷', done: 500 },
      { sheet: '矛盾纠纷', done: 1000 },
      // The blank row and the rejected one count as gone through.
      { sheet: '矛盾纠纷', done: 1102, total: 1102 },
    ]);
  });
});

describe('an import that fails late (issue 13, defect 3)', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => dispute(`F-${i}`));

  beforeEach(() => {
    Object.defineProperty(w.store, 'batchSize', { value: 500 });
  });

  /** A workbook whose 矛盾纠纷 XML breaks off inside the row after `good` rows, as a file cut short in transit. */
  async function cutShort(good: number): Promise<Uint8Array> {
    const zip = await JSZip.loadAsync(await ledgerWorkbook([['矛盾纠纷', many(good + 100)]]));
    const name = Object.keys(zip.files).find((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))!;
    const xml = await zip.file(name)!.async('string');
    const cut = xml.indexOf(`<row r="${good + 2}"`);
    zip.file(name, xml.slice(0, cut + 40));
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  }

  test('a workbook cut short after 1,200 good rows writes nothing, and says that nothing was imported', async () => {
    const before = await snapshot(w.store);
    const error = expectError(await w.call(ADMIN, 'import', 'run', await upload('台账.xlsx', await cutShort(1200))), 'INVALID');
    expect(error.message).toMatch(/^「台账\.xlsx\/矛盾纠纷」第1201行之后:.+。整个文件未导入,请修复后重新导入$/);
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('a store failing after the first batch: the answer says exactly how many rows were written, and the same file again finishes the rest', async () => {
    const file = await ledgerWorkbook([['矛盾纠纷', many(1200)]]);
    let transactions = 0;
    const failing = new Proxy(w.store, {
      get(target, key, receiver) {
        if (key !== 'transaction') return Reflect.get(target, key, receiver);
        return <R>(fn: Parameters<typeof target.transaction>[0]) => {
          if (++transactions > 1) throw new Error('disk full');
          return target.transaction(fn) as Promise<R>;
        };
      },
    });
    const admin = (await w.store.get<User>(C.users, ADMIN))!;
    const opts = { by: admin, mayWrite: () => true, mayEditTree: () => true, mayEditAppRecord: () => true, now: () => new Date() };
    const ledger = await openLedger([{ name: '台账.xlsx', bytes: file }]);
    const stopped = await importLedger(failing, ledger, opts).finally(() => ledger.close());
    expect(stopped.sheets).toEqual([{ sheet: '矛盾纠纷', created: 500, updated: 0, unchanged: 0, rejected: 0 }]);
    expect(stopped.stopped).toBe('导入中途出错,已写入 500 行(见各表的新增、更新),其余未导入。请稍后再导入同一文件:已导入的行按编号识别,不会重复,只补上其余的行');
    expect(await w.store.count(C.disputes, { ledgerNo: { $regex: '^F-' } })).toBe(500);

    const again = await importAs(ADMIN, await upload('台账.xlsx', file));
    expect(counts(again)).toEqual({ 矛盾纠纷: [700, 0, 500, 0] });
    expect(again.stopped).toBeUndefined();
    expect((await recount(w.store, false)).differences).toEqual([]);
  });
});

describe('who may change a case through an import (issue 13, defect 4)', () => {
  const rowOfCase = async (d: Dispute) => {
    const units = new Map((await w.store.find<Unit>(C.units, {})).map((u) => [u._id, u]));
    return [d._id, unitRefOf(units.get(d.unitId)!, units), d.mediatorName, d.acceptedDate, d.resolvedDate ?? '', d.type, d.channel, d.outcome,
      d.agreementForm ?? '', d.amountFen / 100, d.parties, d.banners, d.summary];
  };

  test('a township supervisor cannot rewrite a mediator’s case (amount, summary, mediator): refused row by row; new rows still land', async () => {
    // Recorded in the app by 张庄村's mediator, in 杏花营镇 (the supervisor's township).
    const [theirs] = await w.store.find<Dispute>(C.disputes, { mediatorId: 'demo-m-xhy-zz' }, { limit: 1 });
    const row = await rowOfCase(theirs);
    const rewritten = [...row];
    rewritten[2] = '赵所长';
    rewritten[9] = '99,999,999';
    rewritten[12] = '已由他人改写';
    const r = await importAs(TOWNSHIP, await upload('台账.xlsx', await ledgerWorkbook([['矛盾纠纷', [rewritten, dispute('L-NEW')]]])));
    expect(counts(r).矛盾纠纷).toEqual([1, 0, 0, 1]);
    expect(rejections(r)).toEqual([['矛盾纠纷', 2, '编号', '该案件由他人录入,您无权修改']]);
    const stored = (await w.store.get<Dispute>(C.disputes, theirs._id))!;
    expect(stored).toEqual(theirs);
    // The case as it stands is no change: unchanged, not refused.
    const same = await importAs(TOWNSHIP, await upload('台账.xlsx', await ledgerWorkbook([['矛盾纠纷', [row]]])));
    expect(counts(same).矛盾纠纷).toEqual([0, 0, 1, 0]);
    // The admin is no recorder of cases either; the mediator themself is not an importer.
    const admin = await importAs(ADMIN, await upload('台账.xlsx', await ledgerWorkbook([['矛盾纠纷', [rewritten]]])));
    expect(rejections(admin)).toEqual([['矛盾纠纷', 2, '编号', '该案件由他人录入,您无权修改']]);
  });

  test('a case the ledger made is the importers’ to update, until its mediator edits it in the app', async () => {
    await importAs(TOWNSHIP, await upload('台账.xlsx', await ledgerWorkbook([['矛盾纠纷', [dispute('L-001')]]])));
    const fixed = await importAs(TOWNSHIP, await upload('台账.xlsx', await ledgerWorkbook([['矛盾纠纷', [dispute('L-001', { 9: '20,000' })]]])));
    expect(counts(fixed).矛盾纠纷).toEqual([0, 1, 0, 0]);

    const [d] = await w.store.find<Dispute>(C.disputes, { ledgerNo: 'L-001' });
    expect(d.mediatorId).toBe('demo-mediator');
    const edit = { ...caseInput(), id: d._id, unitId: d.unitId, acceptedDate: d.acceptedDate, resolvedDate: d.resolvedDate, type: d.type, amountFen: 100, baseVersion: d.version };
    expectOk(await w.call<Dispute>('demo-mediator', 'dispute', 'save', edit));
    const later = await importAs(TOWNSHIP, await upload('台账.xlsx', await ledgerWorkbook([['矛盾纠纷', [dispute('L-001', { 9: '30,000' })]]])));
    expect(rejections(later)).toEqual([['矛盾纠纷', 2, '编号', '该案件由他人录入,您无权修改']]);
    expect((await w.store.get<Dispute>(C.disputes, d._id))!.amountFen).toBe(100);
  });
});

describe('签到 on a session recorded in the app (issue 13, defect 4)', () => {
  test('a supervisor cannot tick people into a trainer’s session; its trainer’s admin can', async () => {
    const [session] = await w.store.find<Training>(C.trainings, { unitPath: 'xhy' }, { limit: 1 });
    const row = [session._id, '王小明', '13800138000', '杏花营镇/前进村'];
    const refused = await importAs(TOWNSHIP, await upload('签到.csv', ledgerCsv('签到', [row])));
    expect(rejections(refused)).toEqual([['签到', 2, '培训编号', `培训「${session.topic}」由他人录入,您无权修改其签到`]]);
    expect((await w.store.get<Training>(C.trainings, session._id))!.attendees).toEqual(session.attendees);
    const admin = await importAs(ADMIN, await upload('签到.csv', ledgerCsv('签到', [row])));
    expect(counts(admin).签到).toEqual([1, 0, 0, 0]);
  });
});

describe('rejected rows past the first 10,000 (issue 13, defect 2)', () => {
  test('are counted, not kept; the answer and the workbook say how many more there are', async () => {
    const bad = Array.from({ length: 10_003 }, (_, i) => dispute(`B-${i}`, { 3: '不是日期' }));
    const r = await importAs(ADMIN, await upload('矛盾纠纷.csv', ledgerCsv('矛盾纠纷', [dispute('G-1'), ...bad])));
    expect(counts(r)).toEqual({ 矛盾纠纷: [1, 0, 0, 10_003] });
    expect(r.rejectedTotal).toBe(10_003);
    const book = await readWorkbook(await w.files.get(r.rejectedFile!.fileId));
    expect(book.矛盾纠纷).toHaveLength(1 + 10_000);
    expect(book.矛盾纠纷[10_000][0]).toBe('B-9999');
    expect(book.说明).toEqual([['说明'], ['另有 3 行未列出:只列出前 10000 行,改正这些后再导入,其余的会再次列出']]);
  });
});

describe('the 单位 sheet by 单位编号 (issue 12)', () => {
  const tree = async () => new Map((await w.store.find<Unit>(C.units, {})).map((u) => [u._id, u]));

  test('a known id with another name renames the unit, with another parent moves it with its records; unknown ids are refused; figures recount clean', async () => {
    const before = await readRollup(w.store, 'sd', Y);
    const qj = await w.store.count(C.disputes, { unitId: 'xhy-qj' });
    const r = await importAs(ADMIN, await upload('台账.xlsx', await ledgerWorkbook([
      ['单位', [
        ['前进一村', '杏花营镇', '村社区', 'xhy-qj'],
        ['张庄村', '水稻乡', '村社区', 'xhy-zz'],
        ['孙李唐村', '杏花营镇', '村社区', 'xhy-sl'],
        ['新建村', '杏花营镇', '村社区', 'no-such-unit'],
        ['和谐社区', '金耀街道', '村社区'],
      ]],
      ['矛盾纠纷', [dispute('L-001', { 1: '水稻乡/张庄村' })]],
    ])));
    expect(counts(r)).toEqual({ 单位: [0, 2, 2, 1], 矛盾纠纷: [1, 0, 0, 0] });
    expect(rejections(r)).toEqual([['单位', 5, '单位编号', '找不到单位编号「no-such-unit」:请使用本系统导出的单位编号,新单位留空']]);
    const units = await tree();
    expect(units.get('xhy-qj')).toMatchObject({ name: '前进一村', parentId: 'xhy' });
    expect(units.get('xhy-zz')).toMatchObject({ name: '张庄村', parentId: 'sd', path: ['sfq', 'sd', 'xhy-zz'] });
    expect([...units.values()].filter((u) => u.name === '新建村')).toEqual([]);
    expect(await w.store.count(C.disputes, { unitId: 'xhy-qj' })).toBe(qj);
    const moved = await w.store.find<Dispute>(C.disputes, { unitId: 'xhy-zz' });
    expect(moved.every((d) => d.unitPath.join('/') === 'sfq/sd/xhy-zz')).toBe(true);
    expect((await readRollup(w.store, 'sd', Y)).D1 - (before.D1 ?? 0)).toBeGreaterThanOrEqual(1);
    expect((await recount(w.store, false)).differences).toEqual([]);

    // The audit says who renamed and moved.
    const trail = await w.store.find<AuditEntry>(C.audit, { coll: C.units, recordId: { $in: ['xhy-qj', 'xhy-zz'] } });
    expect(trail.map((a) => [a.recordId, a.by, Object.keys(a.changes)[0]]).sort()).toEqual([['xhy-qj', ADMIN, 'name'], ['xhy-zz', ADMIN, 'parentId']]);
  });

  test('an old file without the column names units by name under their parent: never a second 前进村', async () => {
    const r = await importAs(ADMIN, await upload('单位.csv', ledgerCsv('单位', [['前进村', '杏花营镇', '村社区'], ['前进村', '水稻乡', '村社区']]).replace(',单位编号', '')));
    expect(counts(r)).toEqual({ 单位: [1, 0, 1, 0] });
    expect(r.warnings).toEqual([]);
    const named = [...(await tree()).values()].filter((u) => u.name === '前进村').map((u) => u.parentId).sort();
    expect(named).toEqual(['sd', 'xhy']);
  });

  test('a supervisor’s file cannot rename or move units', async () => {
    const r = await importAs(TOWNSHIP, await upload('台账.xlsx', await ledgerWorkbook([['单位', [['前进一村', '杏花营镇', '村社区', 'xhy-qj']]]])));
    expect(rejections(r)).toEqual([['单位', 2, '单位', '只有管理员可以在「杏花营镇」下添加或修改单位']]);
    expect((await tree()).get('xhy-qj')!.name).toBe('前进村');
  });
});
