/**
 * 名册导入 (issue 16) through the `person` function, as a trainer uploads a 签到-shaped sheet on the
 * 名册 page: new people are added, people already on the area's roster (phone spelled otherwise, or
 * at another village of the area) change nothing, bad rows are refused with their row and reason
 * and change nothing, a unit outside the trainer's area is refused, and the same file again adds no one.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import type { AuditEntry } from '../../types/ledger';
import { uploadPath } from '../../types/files';
import type { ImportProgress } from '../../types/import';
import type { RosterImportResult } from '../../types/roster-import';
import type { Person, PersonSaveResult } from '../../types/training';
import { ledgerCsv, ledgerWorkbook } from '../support/ledger';
import { demoWorld, expectError, expectOk, type World } from '../support/world';

const TRAINER = 'demo-trainer'; // 杏花营镇 (xhy)
const MEDIATOR = 'demo-mediator'; // 前进村 (xhy-qj)
const COLUMNS = ['姓名', '手机号', '所属单位'];

let w: World;
beforeEach(async () => {
  w = await demoWorld(0);
});
afterEach(() => w.store.close());

async function upload(name: string, content: Uint8Array | string): Promise<{ fileId: string; name: string }> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { fileId: (await w.files.put(uploadPath(name), bytes)).fileId, name };
}

const importAs = async (openid: string, file: { fileId: string; name: string }, extra: Record<string, unknown> = {}) =>
  expectOk(await w.call<RosterImportResult>(openid, 'person', 'import', { ...file, ...extra }));

const people = () => w.store.find<Person>(C.people, { deleted: false });

async function rostered(id: string, unitId: string, name: string, phone: string): Promise<Person> {
  const r = expectOk(await w.call<PersonSaveResult>(TRAINER, 'person', 'save', { id, unitId, name, phone, confirmNew: true }));
  if (r.kind !== 'saved') throw new Error('expected a new entry');
  return r.person;
}

/** Sheet 'Sheet1' (not 签到): a trainer's own list, without 培训编号. */
async function rosterBook(rows: (string | number | null)[][]): Promise<Uint8Array> {
  return ledgerWorkbook([['Sheet1', rows, COLUMNS]]);
}

test('new people are added, people already on the roster are matched, bad rows are refused with row and reason', async () => {
  const liu = await rostered('roster-import-liu', 'xhy-zz', '刘明白', '13800138001'); // 张庄村, same township
  await rostered('roster-import-sun', 'xhy-sl', '孙在册', '13800138002'); // 孙李唐村
  const book = await rosterBook([
    ['王新来', '139 0013 9001', '前进村'], // row 2: new
    ['刘明白', '+86 138-0013-8001', '杏花营镇/张庄村'], // row 3: on the roster, phone spelled otherwise
    ['', '13900139002', '前进村'], // row 4: no name
    ['赵手机', '1234', '前进村'], // row 5: bad phone
    ['钱外乡', '13900139003', '黑墨村'], // row 6: 水稻乡, outside 杏花营镇
    ['孙不存', '13900139004', '无此村'], // row 7: no such unit
    ['孙在册', '13800138002', '前进村'], // row 8: on the roster at another village of the area
  ]);
  const before = (await people()).length;
  const r = await importAs(TRAINER, await upload('名册.xlsx', book));

  expect(r).toMatchObject({ added: 1, matched: 2, refused: 4 });
  expect(r.errors.map((e) => [e.row, e.column])).toEqual([
    [4, '姓名'],
    [5, '手机号'],
    [6, '所属单位'],
    [7, '所属单位'],
  ]);
  expect(r.errors[0].reason).toBe('请填写姓名');
  expect(r.errors[1].reason).toMatch(/手机号/);
  expect(r.errors[2].reason).toBe('「水稻乡/黑墨村」不在您的管辖范围内,不能加入您的名册');
  expect(r.errors[3].reason).toMatch(/找不到单位「无此村」/);

  const after = await people();
  expect(after.length).toBe(before + 1);
  const added = after.find((p) => p.name === '王新来')!;
  expect(added).toMatchObject({ unitId: 'xhy-qj', phone: '139 0013 9001', phoneKey: '13900139001', isLawPerson: true, createdBy: TRAINER });
  // Audited like any roster write.
  const trail = await w.store.find<AuditEntry>(C.audit, { coll: C.people, recordId: added._id });
  expect(trail.map((a) => [a.action, a.by])).toEqual([['create', TRAINER]]);
  // The matched entry is as it was.
  expect(after.find((p) => p._id === liu._id)).toEqual(liu);
});

test('the same file again adds no one: every person is already on the roster', async () => {
  const file = await upload('名册.csv', ledgerCsv('签到', [
    ['', '周一', '13900139011', '前进村'],
    ['', '周二', '13900139012', '张庄村'],
    ['', '周三', '', '孙李唐村'],
  ]));
  expect(await importAs(TRAINER, file)).toMatchObject({ added: 3, matched: 0, refused: 0 });
  const once = await people();
  expect(await importAs(TRAINER, file)).toMatchObject({ added: 0, matched: 3, refused: 0, errors: [] });
  expect(await people()).toEqual(once);
});

test('a likely entry (same phone, another name) is named and refused, not added a second time', async () => {
  await rostered('roster-import-near', 'xhy-qj', '刘明白', '13800138001');
  const r = await importAs(TRAINER, await upload('名册.xlsx', await rosterBook([['刘名白', '13800138001', '前进村'], ['刘名白', '13800138001', '前进村']])));
  expect(r).toMatchObject({ added: 0, matched: 0, refused: 2 });
  expect(r.errors[0]).toEqual({ row: 2, column: '姓名', reason: '名册中已有:刘明白 138****8001(前进村),是同一人吗?请核对后在名册中修改或单独添加' });
  expect((await people()).filter((p) => p.phoneKey === '13800138001')).toHaveLength(1);
});

test('one person twice in the file is added once; the second row says so', async () => {
  const r = await importAs(TRAINER, await upload('名册.xlsx', await rosterBook([['吴重复', '13900139021', '前进村'], ['吴 重复', '139-0013-9021', '前进村']])));
  expect(r).toMatchObject({ added: 1, matched: 0, refused: 1, errors: [{ row: 3, column: '姓名', reason: '与第2行是同一人,已跳过' }] });
});

test('a row without 所属单位 joins the village the roster shows; a mediator imports only into their village', async () => {
  const r = await importAs(TRAINER, await upload('名册.xlsx', await rosterBook([['郑无单位', '13900139031', '']])), { unitId: 'xhy-sl' });
  expect(r.added).toBe(1);
  expect((await people()).find((p) => p.name === '郑无单位')?.unitId).toBe('xhy-sl');

  const m = await importAs(MEDIATOR, await upload('名册.xlsx', await rosterBook([['冯本村', '13900139032', '前进村'], ['陈邻村', '13900139033', '张庄村']])));
  expect(m).toMatchObject({ added: 1, refused: 1, errors: [{ row: 3, column: '所属单位', reason: '「杏花营镇/张庄村」不在您的管辖范围内,不能加入您的名册' }] });
});

test('who may not add people, a file without 姓名, or an unknown file type, changes nothing', async () => {
  const before = await people();
  const book = await upload('名册.xlsx', await rosterBook([['王某', '13900139041', '前进村']]));
  expectError(await w.call('demo-township', 'person', 'import', book), 'FORBIDDEN');
  const noName = await upload('名册.xlsx', await ledgerWorkbook([['Sheet1', [['13900139041', '前进村']], ['手机号', '所属单位']]]));
  expect(expectError(await w.call(TRAINER, 'person', 'import', noName), 'INVALID').message).toMatch(/缺少列:姓名/);
  const doc = await upload('名册.docx', 'x');
  expect(expectError(await w.call(TRAINER, 'person', 'import', doc), 'INVALID').message).toMatch(/不支持的文件/);
  expect(await people()).toEqual(before);
});

test('progress is kept for the importer, as 台账导入 keeps it', async () => {
  const file = await upload('名册.xlsx', await rosterBook([['何进度', '13900139051', '前进村']]));
  await importAs(TRAINER, file, { importId: 'roster-import-1' });
  const p = expectOk(await w.call<ImportProgress>(TRAINER, 'import', 'progress', { importId: 'roster-import-1' }));
  expect(p).toMatchObject({ stage: 'done', sheet: '签到', done: 1, total: 1 });
});
