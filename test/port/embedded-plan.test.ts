/**
 * 我的台账 walks an index in its own order on the embedded store: SQLite reads the page it
 * answers, not every case of the mediator and then sorts them. Before, after an import of 80k
 * cases, whoami's newest-case look-up sorted all 80k (p95 239 ms at the largest import,
 * issue 13's 200 ms target), since no index held the sort.
 */
import { EMBEDDED_INDEXES, EMBEDDED_MULTIKEY, EmbeddedStore } from '../../cloudfunctions/core/platform/adapters/embedded';
import { lastCase, myCases } from '../../cloudfunctions/core/app/queries/disputes';
import type { FindOptions, Filter } from '../../cloudfunctions/core/platform/port';
import type { User } from '../../types/org';

const mediator: User = { _id: 'u-med', name: '李调解', roles: [{ role: 'mediator', unitId: 'v1' }] };

/** The finds a query makes, each with the plan SQLite gives it. */
async function plansOf(run: (store: EmbeddedStore) => Promise<unknown>): Promise<string[][]> {
  const store = new EmbeddedStore(':memory:', EMBEDDED_INDEXES, EMBEDDED_MULTIKEY);
  const finds: [string, Filter, FindOptions | undefined][] = [];
  const find = store.find.bind(store);
  store.find = ((coll: string, filter: Filter, opts?: FindOptions) => {
    finds.push([coll, filter, opts]);
    return find(coll, filter, opts);
  }) as EmbeddedStore['find'];
  await run(store);
  const plans = finds.map(([coll, filter, opts]) => store.plan(coll, filter, opts));
  await store.close();
  return plans;
}

test.each([
  ['whoami: the newest case', (store: EmbeddedStore) => lastCase(store, mediator)],
  ['我的台账: a page', (store: EmbeddedStore) => myCases(store, mediator, { skip: 40, limit: 20 })],
  ['我的台账: a type and a result', (store: EmbeddedStore) => myCases(store, mediator, { type: '邻里纠纷', outcome: '调解成功', skip: 0, limit: 20 })],
])('%s reads through the mediator index in order, with no sort of every match', async (_, run) => {
  const [plan] = await plansOf(run);
  expect(plan.join('\n')).toMatch(/USING INDEX ix_disputes_mediatorId_createdAt_acceptedDate/);
  expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
});
