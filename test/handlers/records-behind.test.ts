/**
 * The records behind a figure (rollup.records): the total beside the first page is the figure
 * the card shows, read from the rollups rather than counted over every record of the period
 * (issue 14: counting took 2 s for the district at 1M cases), and paging through the records
 * lists exactly that many.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { METRICS, type MetricId, type RecordsView, type SummaryView } from '../../types/metrics';
import { demoWorld, expectOk, type World } from '../support/world';

const DISTRICT = 'demo-district';
const year = new Date().toISOString().slice(0, 4);
/** The figure that counts each metric's records (D2 sums D1's cases' amounts, and so on). */
const COUNTING: Record<MetricId, MetricId> = { D1: 'D1', D2: 'D1', D3: 'D3', D4: 'D3', T1: 'T1', T2: 'T2', P1: 'P1', P2: 'P1', P3: 'P1' };

let w: World;
beforeAll(async () => {
  w = await demoWorld(80);
});
afterAll(() => w.store.close());

const figures = async (unitId: string) => expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { unitId, period: year })).scope.figures;

async function allRecords(unitId: string, metric: MetricId): Promise<{ total: number; listed: number }> {
  let listed = 0;
  let total = -1;
  for (let skip = 0; ; skip += 20) {
    const page = expectOk(await w.call<RecordsView>(DISTRICT, 'rollup', 'records', { unitId, period: year, metric, skip, limit: 20 }));
    total = page.total;
    listed += page.items.length;
    if (page.items.length < 20) return { total, listed };
  }
}

test.each(['sfq', 'xhy', 'xhy-qj', 'sdzx'])('at %s, every metric\'s total is the figure counting its records, and paging lists that many', async (unitId) => {
  const shown = await figures(unitId);
  for (const { id: metric } of METRICS) {
    const { total, listed } = await allRecords(unitId, metric);
    expect({ metric, total }).toEqual({ metric, total: shown[COUNTING[metric]].value });
    expect({ metric, listed }).toEqual({ metric, listed: total });
  }
  // The demo data gives the district something behind its figures.
  if (unitId === 'sfq') expect(shown.D1.value).toBeGreaterThan(0);
});

test('the total is read from the stored figure, without counting the cases', async () => {
  const count = jest.spyOn(w.store, 'count');
  try {
    const page = expectOk(await w.call<RecordsView>(DISTRICT, 'rollup', 'records', { unitId: 'sfq', period: year, metric: 'D1', limit: 5 }));
    expect(page.items).toHaveLength(5);
    expect(page.total).toBe((await figures('sfq')).D1.value);
    expect(count.mock.calls.filter(([coll]) => coll === C.disputes)).toEqual([]);
  } finally {
    count.mockRestore();
  }
});
