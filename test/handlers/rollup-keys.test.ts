/**
 * A dispute type is typed by the district's admin and becomes part of a rollup counter's field
 * name. CloudBase (MongoDB) reads `.` in a field name as a path and `$` as an operator, and the
 * key's own separator is `|`: names holding them must count, show and export as typed, while
 * the stored field names hold none of them.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { breakdownTablesOf } from '../../cloudfunctions/core/app/annual-report';
import { requireUnit } from '../../cloudfunctions/core/app/queries/units';
import { todayBeijing } from '../../types/dates';
import type { SummaryView } from '../../types/metrics';
import type { SettingsView } from '../../types/settings';
import { caseInput, demoWorld, expectOk, type World } from '../support/world';

const ADMIN = 'demo-admin';
const MEDIATOR = 'demo-mediator';
const DISTRICT = 'demo-district';
const TYPES = ['邻里', 'v1.2合同', '$set纠纷', '婚姻|家庭', '100%赔偿', '%2E'];
const year = todayBeijing().slice(0, 4);

let w: World;
beforeEach(async () => {
  w = await demoWorld(0);
  const current = expectOk(await w.call<SettingsView>(ADMIN, 'settings', 'get'));
  expectOk(await w.call(ADMIN, 'settings', 'save', { disputeTypes: TYPES, unitWideEditing: false, ...(current.version ? { baseVersion: current.version } : {}) }));
  for (const [i, type] of TYPES.entries()) {
    for (let n = 0; n <= i; n++) {
      expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ type, acceptedDate: `${year}-01-02`, resolvedDate: `${year}-01-03` })));
    }
  }
});
afterEach(() => w.store.close());

test('stored counter names hold no "." or "$", and each has its three parts', async () => {
  const docs = await w.store.find<{ _id: string; c: Record<string, number> }>(C.rollups, {});
  const keys = [...new Set(docs.flatMap((d) => Object.keys(d.c)))];
  expect(keys.filter((k) => /[.$]/.test(k))).toEqual([]);
  expect(keys.filter((k) => k.split('|').length !== 1 && k.split('|').length !== 3)).toEqual([]);
});

test('the summary breaks the figures down by the types as typed', async () => {
  const view = expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { unitId: 'sfq', period: year }));
  expect(view.breakdowns['D1|type']).toEqual(Object.fromEntries(TYPES.map((t, i) => [t, i + 1])));
});

test("the export's by-type sheet has a column per type as typed, with its count", async () => {
  const [byType] = await breakdownTablesOf(w.store, await requireUnit(w.store, 'sfq'), Number(year));
  expect(byType.columns).toEqual(TYPES);
  expect(byType.rows.at(-1)!.cells).toEqual(TYPES.map((_, i) => i + 1));
});

test('the recount check agrees with the stored counters', async () => {
  expect(expectOk(await w.call<{ differenceCount: number }>(DISTRICT, 'rollup', 'check')).differenceCount).toBe(0);
});
