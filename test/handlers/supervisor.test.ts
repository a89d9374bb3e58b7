/**
 * What supervisors rely on: figures equal a recount from the raw records, every figure
 * can be traced to its records, and locked periods refuse writes (未报送: reporting.test.ts).
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { recount } from '../../cloudfunctions/core/app/recount';
import type { Dispute } from '../../types/dispute';
import type { RecordsView, SummaryView } from '../../types/metrics';
import { caseInput, demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const DISTRICT = 'demo-district';
const TOWNSHIP = 'demo-township';
const MEDIATOR = 'demo-mediator';
const year = new Date().toISOString().slice(0, 4);

let w: World;
beforeEach(async () => {
  w = await demoWorld(60);
});
afterEach(() => w.store.close());

const summary = async (unitId: string, period: string) =>
  expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { unitId, period })).scope;

test('the seeded rollups equal a recount from the raw records', async () => {
  const r = await recount(w.store, false);
  expect(r.records).toBeGreaterThan(60);
  expect(r.differences).toEqual([]);
});

test('the check names a tampered rollup, and recount repairs it', async () => {
  const id = `xhy@${year}`;
  const doc = await w.store.get<{ _id: string; c: Record<string, number> }>(C.rollups, id);
  await w.store.set(C.rollups, { ...doc!, c: { ...doc!.c, D1: (doc!.c.D1 ?? 0) + 7 } });
  const check = expectOk(await w.call<{ differenceCount: number; differences: { id: string; key: string }[] }>(DISTRICT, 'rollup', 'check'));
  expect(check.differenceCount).toBe(1);
  expect(check.differences[0]).toMatchObject({ id, key: 'D1' });
  expect((await recount(w.store, true)).written).toBe(true);
  expect((await recount(w.store, false)).differences).toEqual([]);
});

test.each(['D1', 'D3', 'T1', 'T2', 'P1'] as const)('%s equals the number of records behind it', async (metric) => {
  for (const unitId of ['sfq', 'xhy', 'sdzx']) {
    const figure = (await summary(unitId, year)).figures[metric].value;
    const behind = expectOk(await w.call<RecordsView>(DISTRICT, 'rollup', 'records', { unitId, period: year, metric, limit: 200 }));
    expect(behind.total).toBe(figure);
  }
});

test('records behind a figure never show party names or phones', async () => {
  const input = caseInput({ acceptedDate: `${year}-01-02`, resolvedDate: `${year}-01-03`, partyNames: '张三、李四', partyPhones: '13800138000' });
  expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', input));
  const behind = expectOk(await w.call<RecordsView>(DISTRICT, 'rollup', 'records', { unitId: 'xhy-qj', period: `${year}-01`, metric: 'D1' }));
  expect(JSON.stringify(behind)).not.toMatch(/张三|13800138000/);
  expect(behind.items.map((i) => i.id)).toContain(input.id);
});

test('a township supervisor sees only their township', async () => {
  expectOk(await w.call(TOWNSHIP, 'rollup', 'summary', { unitId: 'xhy-qj', period: year }));
  expectError(await w.call(TOWNSHIP, 'rollup', 'summary', { unitId: 'sfq', period: year }), 'FORBIDDEN');
  expectError(await w.call(TOWNSHIP, 'rollup', 'summary', { unitId: 'jy', period: year }), 'FORBIDDEN');
  expectError(await w.call(TOWNSHIP, 'rollup', 'records', { unitId: 'jy', period: year, metric: 'D1' }), 'FORBIDDEN');
});

describe('period locks', () => {
  const march = `${year}-03`;
  const inMarch = () => caseInput({ acceptedDate: `${march}-05`, resolvedDate: `${march}-06` });

  test('a locked month refuses new cases, edits and deletes dated in it, and nothing is written', async () => {
    const existing = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', inMarch()));
    expectOk(await w.call(DISTRICT, 'rollup', 'lock', { unitId: 'xhy', period: march }));
    const before = await snapshot(w.store);
    const refused = expectError(await w.call(MEDIATOR, 'dispute', 'save', inMarch()), 'LOCKED');
    expect(refused.message).toContain('杏花营镇');
    expect(refused.message).toContain(`${year}年3月`);
    expectError(await w.call(MEDIATOR, 'dispute', 'save', { ...caseInput(), id: existing._id, acceptedDate: `${year}-04-01`, resolvedDate: `${year}-04-02`, baseVersion: 1 }), 'LOCKED');
    expectError(await w.call(MEDIATOR, 'dispute', 'remove', { id: existing._id, baseVersion: 1 }), 'LOCKED');
    expect(await snapshot(w.store)).toEqual(before);
    // Other months, and other townships, are open.
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: `${year}-04-05`, resolvedDate: `${year}-04-06` })));
  });

  test('a lock concerns the figures a write changes: an 在办 case accepted in a locked month closes in an open one, not in the locked one', async () => {
    const open = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: `${march}-05`, outcome: '在办', resolvedDate: undefined, agreementForm: undefined })));
    expectOk(await w.call(DISTRICT, 'rollup', 'lock', { unitId: 'xhy', period: march }));
    const marchBefore = await summary('xhy', march);
    const aprilBefore = (await summary('xhy', `${year}-04`)).figures.D1.value;
    const closedInMarch = { ...caseInput(), id: open._id, acceptedDate: `${march}-05`, outcome: '调解成功', resolvedDate: `${march}-20`, baseVersion: 1 };
    expect(expectError(await w.call(MEDIATOR, 'dispute', 'save', closedInMarch), 'LOCKED').message).toContain(`${year}年3月已锁定`);
    const closed = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', { ...closedInMarch, resolvedDate: `${year}-04-02` }));
    expect(closed).toMatchObject({ outcome: '调解成功', resolvedDate: `${year}-04-02`, version: 2 });
    // March's figures are what was filed; April's now hold the success.
    expect(await summary('xhy', march)).toEqual(marchBefore);
    expect((await summary('xhy', `${year}-04`)).figures.D1.value).toBe(aprilBefore + 1);
  });

  test('only a district supervisor locks; unlocking needs a reason and is audited', async () => {
    expectError(await w.call(TOWNSHIP, 'rollup', 'lock', { unitId: 'xhy', period: march }), 'FORBIDDEN');
    expectOk(await w.call(DISTRICT, 'rollup', 'lock', { unitId: 'xhy', period: march }));
    expectError(await w.call(DISTRICT, 'rollup', 'unlock', { unitId: 'xhy', period: march, reason: '' }), 'INVALID');
    expectOk(await w.call(DISTRICT, 'rollup', 'unlock', { unitId: 'xhy', period: march, reason: '补录漏报案件' }));
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', inMarch()));
    const trail = await w.store.find<{ _id: string; action: string; changes: Record<string, unknown> }>(C.audit, { coll: C.locks }, {});
    expect(trail.map((a) => a.action).sort()).toEqual(['lock', 'unlock']);
    expect(JSON.stringify(trail)).toContain('补录漏报案件');
  });

  test('a lock and its unlock in the same millisecond both stay in the audit trail', async () => {
    const frozen = await demoWorld(0, () => new Date('2025-04-01T02:00:00Z'));
    try {
      expectOk(await frozen.call(DISTRICT, 'rollup', 'lock', { unitId: 'xhy', period: '2025-03' }));
      expectOk(await frozen.call(DISTRICT, 'rollup', 'unlock', { unitId: 'xhy', period: '2025-03', reason: '补录漏报案件' }));
      const trail = await frozen.store.find<{ _id: string; action: string }>(C.audit, { coll: C.locks }, {});
      expect(trail.map((a) => a.action).sort()).toEqual(['lock', 'unlock']);
    } finally {
      await frozen.store.close();
    }
  });

  test('a locked year refuses attendance changes to its sessions', async () => {
    const t = (await w.store.find<{ _id: string; date: string; unitId: string }>(C.trainings, { unitPath: 'xhy' }, { limit: 1 }))[0];
    expectOk(await w.call(DISTRICT, 'rollup', 'lock', { unitId: 'sfq', period: t.date.slice(0, 4) }));
    const person = (await w.store.find<{ _id: string }>(C.people, { unitPath: 'xhy' }, { limit: 1 }))[0];
    expectError(await w.call('demo-trainer', 'training', 'attend', { trainingId: t._id, personId: person._id, present: false }), 'LOCKED');
  });
});

test('the records behind a figure page in a fixed order (date, then id, both descending): no record skipped or repeated', async () => {
  const all = expectOk(await w.call<RecordsView>(DISTRICT, 'rollup', 'records', { unitId: 'sfq', period: year, metric: 'D1', limit: 200 }));
  const paged: string[] = [];
  for (let skip = 0; skip < all.total; skip += 7) {
    const page = expectOk(await w.call<RecordsView>(DISTRICT, 'rollup', 'records', { unitId: 'sfq', period: year, metric: 'D1', skip, limit: 7 }));
    paged.push(...page.items.map((i) => i.id));
  }
  const ordered = [...all.items].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  expect(all.items.map((i) => i.id)).toEqual(ordered.map((i) => i.id));
  expect(paged).toEqual(ordered.map((i) => i.id));
  // The demo's cases share dates, so the order among them is what this pins.
  expect(new Set(all.items.map((i) => i.date)).size).toBeLessThan(all.total);
});
