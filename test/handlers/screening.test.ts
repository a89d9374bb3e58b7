/**
 * 矛盾纠纷排查 through the `dispute` function's screening actions: a village mediator records a
 * round, the 统计报表 of its month shows 排查次数 / 排查发现纠纷 / 预防纠纷 at every level with the
 * rows adding up; resends are stored once, edits and deletes move the figures, bad input is
 * refused in Chinese with nothing written, only case recorders at units they reach record, and
 * locks, retired units and moves in the tree treat rounds as they treat cases.
 */
import { recount } from '../../cloudfunctions/core/app/recount';
import { C } from '../../cloudfunctions/core/platform/port';
import { addDays, todayBeijing } from '../../types/dates';
import type { AuditEntry } from '../../types/ledger';
import type { Screening, ScreeningInput, ScreeningView } from '../../types/screening';
import type { StatisticsView } from '../../types/statistics';
import type { MoveProgress } from '../../types/tree';
import { demoWorld, expectError, expectOk, type World } from '../support/world';

const MEDIATOR = 'demo-mediator'; // 前进村 (xhy-qj), under 杏花营镇 (xhy)
const OTHER_MEDIATOR = 'demo-m-jy-hx'; // a village of 金耀
const TRAINER = 'demo-trainer';
const TOWNSHIP = 'demo-township';
const DISTRICT = 'demo-district';
const ADMIN = 'demo-admin';

const today = todayBeijing();
const month = today.slice(0, 7);

let w: World;
beforeEach(async () => {
  w = await demoWorld(6);
});
afterEach(() => w.store.close());

let serial = 0;
function round(overrides: Partial<ScreeningInput> = {}): ScreeningInput {
  serial += 1;
  return { id: `screen-${String(serial).padStart(6, '0')}`, unitId: 'xhy-qj', date: today, found: 3, prevented: 2, note: '走访全村', ...overrides };
}

const save = (input: unknown, as = MEDIATOR) => w.call<Screening>(as, 'dispute', 'screeningSave', input);
const table = async (unitId: string, period = month) =>
  expectOk(await w.call<StatisticsView>(DISTRICT, 'report', 'statistics', { unitId, period }));
/** The three 排查 lines of a table, or of its row for `rowUnit`. */
function screeningLines(t: StatisticsView, rowUnit?: string) {
  const lines = rowUnit ? t.rows.find((r) => r.unitId === rowUnit)!.lines : t.lines;
  return { 排查次数: lines.排查次数.value, 排查发现纠纷: lines.排查发现纠纷.value, 预防纠纷: lines.预防纠纷.value };
}
const recountClean = async () => expect((await recount(w.store, false)).differences).toEqual([]);

test('a village mediator records a round: the village, its township and the district show it in the month’s 统计报表, and the rows add up', async () => {
  const saved = expectOk(await save(round({ found: 4, prevented: 1 })));
  expect(saved).toMatchObject({ unitId: 'xhy-qj', unitPath: ['sfq', 'xhy', 'xhy-qj'], date: today, found: 4, prevented: 1, note: '走访全村', version: 1, createdBy: MEDIATOR });
  expectOk(await save(round({ found: 2, prevented: 2, note: '' })));

  const shown = { 排查次数: 2, 排查发现纠纷: 6, 预防纠纷: 3 };
  expect(screeningLines(await table('xhy-qj'))).toEqual(shown);
  const township = await table('xhy');
  expect(screeningLines(township)).toEqual(shown);
  expect(screeningLines(township, 'xhy-qj')).toEqual(shown);
  const district = await table('sfq');
  expect(screeningLines(district)).toEqual(shown);
  expect(screeningLines(district, 'xhy')).toEqual(shown);
  for (const t of [township, district]) {
    for (const line of ['排查次数', '排查发现纠纷', '预防纠纷'] as const) {
      expect(t.rows.reduce((n, r) => n + r.lines[line].value, 0)).toBe(t.lines[line].value);
    }
  }
  // Not in the month before, nor the year before: 环比 and 同比 compare with nothing.
  expect(district.lines.排查次数).toMatchObject({ value: 2, yoy: 0, mom: 0, yoyChange: '—', momChange: '—' });
  await recountClean();
});

test('the same round sent again is stored once; an edit naming its version moves the figures; a stale one is refused; a delete takes them away', async () => {
  const input = round({ found: 3, prevented: 1 });
  const first = expectOk(await save(input));
  expect(expectOk(await save(input))).toEqual(first);
  expect(await w.store.count(C.screenings, {})).toBe(1);
  expect(await w.store.count(C.audit, { coll: C.screenings })).toBe(1);

  const edited = expectOk(await save({ ...input, found: 5, prevented: 5, baseVersion: 1 }));
  expect(edited.version).toBe(2);
  expect(screeningLines(await table('xhy'))).toEqual({ 排查次数: 1, 排查发现纠纷: 5, 预防纠纷: 5 });
  expect(expectError(await save({ ...input, found: 6, baseVersion: 1 }), 'STALE').message).toContain('排查记录已被修改');
  expect(expectError(await save({ ...input, found: 6 }), 'CONFLICT').message).toContain('排查记录');

  expectOk(await w.call(MEDIATOR, 'dispute', 'screeningRemove', { id: input.id, baseVersion: 2 }));
  expect(screeningLines(await table('xhy'))).toEqual({ 排查次数: 0, 排查发现纠纷: 0, 预防纠纷: 0 });
  // An outbox resend of the create after the delete does not bring it back.
  expect(expectError(await save(input), 'CONFLICT').message).toContain('已被删除');
  const audit = await w.store.find<AuditEntry>(C.audit, { coll: C.screenings, recordId: input.id }, { sort: { version: 1 } });
  expect(audit.map((a) => a.action)).toEqual(['create', 'edit', 'delete']);
  await recountClean();
});

test.each([
  [{ found: -1 }, 'found', '发现纠纷不能为负数'],
  [{ found: 1.5 }, 'found', '发现纠纷须为整数'],
  [{ found: 10_001, prevented: 0 }, 'found', '发现纠纷超出合理范围'],
  [{ prevented: -2 }, 'prevented', '预防纠纷不能为负数'],
  [{ found: 1, prevented: 2 }, 'prevented', '预防纠纷不能多于发现纠纷'],
  [{ date: '' }, 'date', '请选择排查日期'],
  [{ date: addDays(today, 1) }, 'date', '排查日期不能晚于今天'],
  [{ date: '2024-02-30' }, 'date', '排查日期格式应为 年-月-日,如 2024-03-07'],
  [{ note: '记'.repeat(201) }, 'note', '备注不超过200字'],
])('%j is refused with its field’s Chinese message, and nothing is written', async (bad, field, message) => {
  const before = { screenings: await w.store.count(C.screenings, {}), rollups: await w.store.find(C.rollups, {}, { sort: { _id: 1 } }) };
  const err = expectError(await save(round(bad)), 'INVALID');
  expect(err.fields?.[field]).toBe(message);
  expect({ screenings: await w.store.count(C.screenings, {}), rollups: await w.store.find(C.rollups, {}, { sort: { _id: 1 } }) }).toEqual(before);
});

describe('who may record and read rounds', () => {
  test('those who record cases, at units they reach; not trainers, supervisors or a mediator of another village', async () => {
    for (const as of [TRAINER, TOWNSHIP, ADMIN, OTHER_MEDIATOR]) expectError(await save(round(), as), 'FORBIDDEN');
    expect(await w.store.count(C.screenings, {})).toBe(0);
    // Another mediator of the same village may correct the village's round (it is the unit's, not one person's).
    const input = round();
    expectOk(await save(input));
    await w.store.set(C.users, { _id: 'qj-second', name: '前进村第二调解员', roles: [{ role: 'mediator', unitId: 'xhy-qj' }] });
    expect(expectOk(await save({ ...input, found: 4, baseVersion: 1 }, 'qj-second')).version).toBe(2);
    expectError(await save({ ...input, found: 5, baseVersion: 2 }, OTHER_MEDIATOR), 'FORBIDDEN');
    expectError(await w.call(OTHER_MEDIATOR, 'dispute', 'screeningRemove', { id: input.id, baseVersion: 2 }), 'FORBIDDEN');
  });

  test('the village lists its rounds, newest first, by month; the township supervisor reads them but may not change them; others are refused', async () => {
    const older = round({ date: addDays(today, -40), found: 1, prevented: 0 });
    const newer = round({ found: 2, prevented: 1 });
    for (const r of [older, newer]) expectOk(await save(r));
    const listed = expectOk(await w.call<Screening[]>(MEDIATOR, 'dispute', 'screenings', {}));
    expect(listed.map((s) => s._id)).toEqual([newer.id, older.id]);
    expect(expectOk(await w.call<Screening[]>(MEDIATOR, 'dispute', 'screenings', { month })).map((s) => s._id)).toEqual([newer.id]);
    expect(expectOk(await w.call<Screening[]>(TOWNSHIP, 'dispute', 'screenings', {})).map((s) => s._id)).toEqual([newer.id, older.id]);
    expect(expectOk(await w.call<Screening[]>(OTHER_MEDIATOR, 'dispute', 'screenings', {}))).toEqual([]);
    expectError(await w.call(OTHER_MEDIATOR, 'dispute', 'screenings', { unitId: 'xhy-qj' }), 'FORBIDDEN');
    expectError(await w.call(TRAINER, 'dispute', 'screenings', {}), 'FORBIDDEN');

    expect(expectOk(await w.call<ScreeningView>(MEDIATOR, 'dispute', 'screening', { id: newer.id }))).toMatchObject({ canEdit: true, record: { found: 2 } });
    expect(expectOk(await w.call<ScreeningView>(TOWNSHIP, 'dispute', 'screening', { id: newer.id })).canEdit).toBe(false);
    expectError(await w.call(OTHER_MEDIATOR, 'dispute', 'screening', { id: newer.id }), 'FORBIDDEN');
    expectError(await w.call(MEDIATOR, 'dispute', 'screening', { id: 'no-such-round' }), 'NOT_FOUND');
  });
});

test('a locked month refuses rounds dated in it (new, edited into it, removed), and other months stay open', async () => {
  const lastMonthDay = addDays(`${month}-01`, -1);
  const inLocked = expectOk(await save(round({ date: lastMonthDay })));
  expectOk(await w.call(DISTRICT, 'rollup', 'lock', { unitId: 'xhy', period: lastMonthDay.slice(0, 7) }));
  const refused = expectError(await save(round({ date: lastMonthDay })), 'LOCKED');
  expect(refused.message).toContain('杏花营镇');
  const open = round();
  expectOk(await save(open));
  expectError(await save({ ...open, date: lastMonthDay, baseVersion: 1 }), 'LOCKED');
  expectError(await w.call(MEDIATOR, 'dispute', 'screeningRemove', { id: inLocked._id, baseVersion: 1 }), 'LOCKED');
  expect(await w.store.count(C.screenings, {})).toBe(2);
});

test('a retired village takes no new round; a move carries its rounds to the new township, and the figures follow', async () => {
  const input = round({ found: 7, prevented: 3 });
  expectOk(await save(input));
  expect(expectOk(await w.call<MoveProgress>(ADMIN, 'org', 'move', { unitId: 'xhy-qj', parentId: 'jy' })).state).toBe('done');
  expect((await w.store.get<Screening>(C.screenings, input.id))!.unitPath).toEqual(['sfq', 'jy', 'xhy-qj']);
  expect(screeningLines(await table('xhy'))).toEqual({ 排查次数: 0, 排查发现纠纷: 0, 预防纠纷: 0 });
  expect(screeningLines(await table('jy'), 'xhy-qj')).toEqual({ 排查次数: 1, 排查发现纠纷: 7, 预防纠纷: 3 });
  await recountClean();

  expectOk(await w.call(ADMIN, 'org', 'retire', { unitId: 'xhy-qj', retired: true }));
  expect(expectError(await save(round()), 'INVALID').message).toBe('该单位已撤销,不能新增记录');
  // What it recorded can still be corrected.
  expectOk(await save({ ...input, note: '补记', baseVersion: 1 }));
});
