/**
 * Reads that must cost their answer, not the store (issue 14): on a store of 12,000 cases
 * (statistics gathered as the store gathers them after a large import), each find behind the
 * records of a figure, 我的台账 (a page, a 受理月份, a search) and 台账导出 walks an index, and a
 * page walks one in its own order: no scan of the collection, no sort of every match. Before:
 * the records behind D1 sorted the whole year (outcome and channel led the index), a month of
 * 我的台账 was read by 受理日期 and sorted, a search read every case of the collection, and the
 * export read every case of the unit, whatever the year.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EMBEDDED_INDEXES, EMBEDDED_MULTIKEY, EmbeddedStore } from '../../cloudfunctions/core/platform/adapters/embedded';
import { casesOfYear, myCases } from '../../cloudfunctions/core/app/queries/disputes';
import { recordsBehindPage } from '../../cloudfunctions/core/app/queries/records-behind';
import { C, type FindOptions, type Filter } from '../../cloudfunctions/core/platform/port';
import { addDays } from '../../types/dates';
import type { Dispute } from '../../types/dispute';
import type { User } from '../../types/org';

const CASES = 12_000;
const VILLAGES = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8'];
const mediator: User = { _id: 'm-v1', name: '李调解', roles: [{ role: 'mediator', unitId: 'v1' }] };

function dispute(i: number): Dispute {
  const village = VILLAGES[i % VILLAGES.length];
  const accepted = addDays('2024-01-01', (i * 7) % 720);
  const court = i % 5 === 0;
  return {
    _id: `d-${String(i).padStart(6, '0')}`,
    id: `d-${String(i).padStart(6, '0')}`,
    unitId: village,
    unitPath: ['sfq', `t${i % 2}`, village],
    acceptedDate: accepted,
    resolvedDate: addDays(accepted, i % 9),
    type: '邻里纠纷',
    channel: court ? '诉调' : '民调',
    outcome: i % 4 === 0 ? '调解不成' : '调解成功',
    agreementForm: '口头',
    amountFen: 100,
    parties: 2,
    banners: 0,
    summary: `案件${i}:因宅基地边界引发争执`,
    mediatorId: `m-${village}`,
    mediatorName: '调解员',
    version: 1,
    deleted: false,
    // An import's rows share createdAt: a few imports over the years.
    createdAt: `2025-0${1 + (i % 3)}-01T00:00:00.000Z`,
    updatedAt: '2025-01-01T00:00:00.000Z',
  } as Dispute;
}

let store: EmbeddedStore;
beforeAll(async () => {
  store = new EmbeddedStore(':memory:', EMBEDDED_INDEXES, EMBEDDED_MULTIKEY);
  // One large write, as an import makes: the store brings its statistics up to date after it.
  await store.transaction(async (tx) => {
    for (let i = 0; i < CASES; i++) await tx.set(C.disputes, dispute(i));
  });
});
afterAll(() => store.close());

/** The finds of cases a read makes. */
async function findsOf(read: () => Promise<unknown>): Promise<[string, Filter, FindOptions | undefined][]> {
  const finds: [string, Filter, FindOptions | undefined][] = [];
  const find = store.find.bind(store);
  store.find = ((coll: string, filter: Filter, opts?: FindOptions) => {
    finds.push([coll, filter, opts]);
    return find(coll, filter, opts);
  }) as EmbeddedStore['find'];
  try {
    await read();
  } finally {
    store.find = find;
  }
  return finds.filter(([coll]) => coll === C.disputes);
}

/** The plan SQLite gives each find of cases a read makes. */
async function plansOf(read: () => Promise<unknown>): Promise<string[]> {
  return (await findsOf(read)).map(([coll, filter, opts]) => store.plan(coll, filter, opts).join('\n'));
}

const drain = async (cases: AsyncIterable<Dispute>) => {
  let n = 0;
  for await (const _ of cases) n++;
  return n;
};

test('after a large write the planner has statistics: a mediator alone is read through their index, not the collection', () => {
  expect(store.plan(C.disputes, { mediatorId: 'm-v1' }).join('\n')).toMatch(/USING (COVERING )?INDEX ix_disputes_mediatorId/);
});

test.each([
  ['records behind D1, the district', () => recordsBehindPage(store, 'D1', 'sfq', '2024', { skip: 0, limit: 50 })],
  ['records behind D1, a village, a later page', () => recordsBehindPage(store, 'D1', 'v3', '2025', { skip: 100, limit: 50 })],
  ['records behind D3, a month', () => recordsBehindPage(store, 'D3', 'v3', '2025-03', { skip: 0, limit: 50 })],
  ['我的台账, first page', () => myCases(store, mediator, { skip: 0, limit: 50 })],
  ['我的台账, a 受理月份', () => myCases(store, mediator, { month: '2024-06', skip: 0, limit: 50 })],
  ['我的台账, a search', () => myCases(store, mediator, { q: '案件12', skip: 0, limit: 50 })],
])('%s: the page walks an index in its order, with no sort of every match', async (_, read) => {
  const plans = await plansOf(read);
  expect(plans).toHaveLength(1);
  const [page] = plans;
  expect(page).toMatch(/USING (COVERING )?INDEX [im]x_disputes_/);
  expect(page).not.toMatch(/TEMP B-TREE/);
});

test('the page of a search and of a month holds the rows a full read and sort would give', async () => {
  const all = (await store.find<Dispute>(C.disputes, { mediatorId: 'm-v1' })).sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.acceptedDate.localeCompare(a.acceptedDate) || b._id.localeCompare(a._id),
  );
  const searched = all.filter((d) => d.summary.includes('案件12'));
  expect((await myCases(store, mediator, { q: '案件12', skip: 5, limit: 20 })).items.map((d) => d._id)).toEqual(searched.slice(5, 25).map((d) => d._id));
  // A month lists by 受理日期, newest first.
  const june = all.filter((d) => d.acceptedDate.startsWith('2024-06')).sort((a, b) => b.acceptedDate.localeCompare(a.acceptedDate) || b.createdAt.localeCompare(a.createdAt) || b._id.localeCompare(a._id));
  expect((await myCases(store, mediator, { month: '2024-06', skip: 0, limit: 10 })).items.map((d) => d._id)).toEqual(june.slice(0, 10).map((d) => d._id));
});

test('a search\'s page reads the cases in order only until the page is full, not every match', async () => {
  const finds: [string, Filter, FindOptions | undefined][] = [];
  const find = store.find.bind(store);
  store.find = ((coll: string, filter: Filter, opts?: FindOptions) => {
    finds.push([coll, filter, opts]);
    return find(coll, filter, opts);
  }) as EmbeddedStore['find'];
  let page: Awaited<ReturnType<typeof myCases>>;
  try {
    page = await myCases(store, mediator, { q: '案件1', skip: 0, limit: 20 });
  } finally {
    store.find = find;
  }
  // Far more than 20 match: the page says more follow, and counts none of them.
  expect(page.items).toHaveLength(20);
  expect({ more: page.more, total: page.total }).toEqual({ more: true, total: undefined });
  expect(finds.filter(([coll]) => coll === C.disputes)).toHaveLength(1);
  const parse = jest.spyOn(JSON, 'parse');
  try {
    const [[coll, filter, opts]] = finds;
    // The page and one more, to know that more follow.
    expect(await store.find(coll, filter, opts)).toHaveLength(21);
    // Before, every one of the mediator's matching cases was read and sorted to keep 20.
    expect(parse.mock.calls.length).toBeLessThanOrEqual(21);
  } finally {
    parse.mockRestore();
  }
});

test('a 受理月份\'s page walks the month\'s cases only, not every case logged since', async () => {
  const [plan] = await plansOf(() => myCases(store, mediator, { month: '2024-06', skip: 0, limit: 10 }));
  // The index search is bounded by the mediator and the month; in the order logged it was bounded
  // by the mediator alone and walked every case logged after June's.
  expect(plan).toMatch(/USING INDEX ix_disputes_mediatorId_acceptedDate\S* \(<expr>=\? AND <expr>>\? AND <expr><\?\)/);
});

test('台账导出 reads the year through the date indexes, never the whole collection, and gets every case of the year', async () => {
  const plans = await plansOf(() => drain(casesOfYear(store, 't1', 2025)));
  expect(plans.length).toBeGreaterThan(0);
  for (const plan of plans) {
    expect(plan).toMatch(/USING (COVERING )?INDEX (ix_disputes_|mx_disputes_unitPath_)(acceptedDate|resolvedDate)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  }
  const inYear = (d?: string) => !!d && d.startsWith('2025');
  const expected = (await store.find<Dispute>(C.disputes, { unitPath: 't1' })).filter((d) => inYear(d.acceptedDate) || inYear(d.resolvedDate));
  const got: string[] = [];
  for await (const d of casesOfYear(store, 't1', 2025)) got.push(d._id);
  expect(got.sort()).toEqual(expected.map((d) => d._id).sort());
  expect(new Set(got).size).toBe(got.length);
});

/** The records behind D1 of a unit × year: the page, and the same find's every match sorted newest first, as a full read gives them. */
async function behindD1(on: EmbeddedStore, unitId: string, skip = 0) {
  const finds: [string, Filter, FindOptions | undefined][] = [];
  const find = on.find.bind(on);
  on.find = ((coll: string, filter: Filter, opts?: FindOptions) => {
    finds.push([coll, filter, opts]);
    return find(coll, filter, opts);
  }) as EmbeddedStore['find'];
  let page: Awaited<ReturnType<typeof recordsBehindPage>>;
  try {
    page = await recordsBehindPage(on, 'D1', unitId, '2025', { skip, limit: 50 });
  } finally {
    on.find = find;
  }
  const [[coll, filter, opts]] = finds.filter(([c]) => c === C.disputes);
  const all = (await on.find<Dispute>(coll, filter)).sort((a, b) => (b.resolvedDate ?? '').localeCompare(a.resolvedDate ?? '') || b._id.localeCompare(a._id));
  return { ids: page.items.map((d) => d._id), expected: all.slice(skip, skip + 50).map((d) => d._id), all, plan: on.plan(coll, filter, opts).join('\n') };
}

test.each([
  ['a village', 'v3', 0],
  ['a village, a later page', 'v3', 100],
  ['a township', 't1', 0],
  ['a township, a later page', 't1', 250],
])('the records behind D1 of %s walk the subtree\'s multikey index in order and hold the rows a full read and sort gives', async (_, unitId, skip) => {
  const { ids, expected, all, plan } = await behindD1(store, unitId, skip);
  // Before, the index without unitPath walked the district's 调解成功 cases until 50 were the unit's.
  expect(plan).toMatch(/SEARCH m USING COVERING INDEX mx_disputes_unitPath_outcome_resolvedDate \(v=\? AND f_outcome=\? AND f_resolvedDate>\? AND f_resolvedDate<\?\)/);
  expect(plan).toMatch(/SEARCH docs USING PRIMARY KEY/);
  expect(plan).not.toMatch(/TEMP B-TREE|ix_disputes_outcome_resolvedDate/);
  expect(all.length).toBeGreaterThan(skip + 50);
  expect(ids).toEqual(expected);
});

test('a case written, moved to another village and removed is found under the village it is in, and only there', async () => {
  // The newest 调解成功 case of 2025 in v3 (township t0): first on v3's page and t0's.
  const moved = { ...dispute(2), _id: 'moved', id: 'moved', resolvedDate: '2025-12-31', outcome: '调解成功', channel: '民调' } as Dispute;
  const firstOf = async (unitId: string) => (await behindD1(store, unitId)).ids[0];
  await store.set(C.disputes, moved);
  expect([await firstOf('v3'), await firstOf('t0'), await firstOf('sfq')]).toEqual(['moved', 'moved', 'moved']);
  // Moved to v2, of township t1, in a transaction as the app writes.
  await store.transaction(async (tx) => tx.set(C.disputes, { ...moved, unitId: 'v2', unitPath: ['sfq', 't1', 'v2'] }));
  expect([await firstOf('v3'), await firstOf('t0'), await firstOf('v2'), await firstOf('t1')]).toEqual([expect.not.stringMatching(/^moved$/), expect.not.stringMatching(/^moved$/), 'moved', 'moved']);
  for (const unitId of ['v3', 't0']) expect((await behindD1(store, unitId)).all.map((d) => d._id)).not.toContain('moved');
  // An edit of an indexed field: no longer 调解成功, no longer behind D1.
  await store.set(C.disputes, { ...moved, unitId: 'v2', unitPath: ['sfq', 't1', 'v2'], outcome: '调解不成' });
  expect(await firstOf('v2')).not.toBe('moved');
  await store.set(C.disputes, { ...moved, unitId: 'v2', unitPath: ['sfq', 't1', 'v2'] });
  expect(await firstOf('v2')).toBe('moved');
  await store.remove(C.disputes, 'moved');
  for (const unitId of ['v2', 't1', 'sfq']) expect(await firstOf(unitId)).not.toBe('moved');
});

test('a store written before the multikey indexes gets them on opening, filled from its cases, and kept by any later write to docs', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-multikey-'));
  const file = path.join(dir, 'fazhi.sqlite');
  try {
    // As an earlier version wrote it: the docs indexes only.
    const before = new EmbeddedStore(file, EMBEDDED_INDEXES);
    await before.transaction(async (tx) => {
      for (let i = 0; i < 2000; i++) await tx.set(C.disputes, dispute(i));
    });
    expect(before.plan(C.disputes, { unitPath: 'v3' }, { sort: { resolvedDate: -1 }, limit: 5 }).join('\n')).not.toMatch(/mx_/);
    await before.close();
    const reopened = new EmbeddedStore(file, EMBEDDED_INDEXES, EMBEDDED_MULTIKEY);
    const village = await behindD1(reopened, 'v3');
    expect(village.plan).toMatch(/USING COVERING INDEX mx_disputes_unitPath_outcome_resolvedDate/);
    expect(village.all.length).toBeGreaterThan(50);
    expect(village.ids).toEqual(village.expected);
    await reopened.close();
    // A write that knows nothing of the side tables (an earlier version's, straight to docs) still lands in them.
    const raw = new Database(file);
    raw.prepare('INSERT OR REPLACE INTO docs (coll, id, body) VALUES (?, ?, ?)').run(C.disputes, 'raw', JSON.stringify({ ...dispute(2), _id: 'raw', id: 'raw', resolvedDate: '2025-12-31', outcome: '调解成功', channel: '民调' }));
    raw.close();
    const again = new EmbeddedStore(file, EMBEDDED_INDEXES, EMBEDDED_MULTIKEY);
    const after = await behindD1(again, 'v3');
    expect(after.ids[0]).toBe('raw');
    expect(after.ids).toEqual(after.expected);
    await again.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
