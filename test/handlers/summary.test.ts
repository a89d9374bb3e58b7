/**
 * 汇总 (issue 14): each figure with 同比, the dispute figures by type and by channel, and the
 * monthly trend worded, all read from the rollup documents of the units × periods in view.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import type { Dispute, DisputeInput } from '../../types/dispute';
import type { SummaryView, TrendView } from '../../types/metrics';
import { caseInput, demoWorld, expectOk, type World } from '../support/world';

const DISTRICT = 'demo-district';
const MEDIATOR = 'demo-mediator';
const year = new Date().toISOString().slice(0, 4);
const lastYear = String(Number(year) - 1);

let w: World;
beforeEach(async () => {
  w = await demoWorld(0);
});
afterEach(() => w.store.close());

const view = async (unitId: string, period: string) => expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { unitId, period }));

async function save(overrides: Partial<DisputeInput>): Promise<void> {
  expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput(overrides)));
}

/** A case of 前进村 concluded on `date`. */
const resolvedOn = (date: string, rest: Partial<DisputeInput> = {}) => save({ acceptedDate: date, resolvedDate: date, ...rest });

describe('同比', () => {
  beforeEach(async () => {
    await resolvedOn(`${lastYear}-03-05`, { amountFen: 1_234_500 });
    await resolvedOn(`${lastYear}-03-06`, { amountFen: 1_234_500 });
    await resolvedOn(`${lastYear}-03-07`, { channel: '诉调', banners: 2 });
    await resolvedOn(`${year}-03-05`, { amountFen: 1_234_500 });
    await resolvedOn(`${year}-03-06`, { amountFen: 1_234_500 });
    await resolvedOn(`${year}-03-07`, { amountFen: 1_234_500, type: '合同' });
  });

  test('each figure beside the same period a year earlier, worded, and the change in percent', async () => {
    const v = await view('xhy-qj', `${year}-03`);
    expect(v.yoyPeriod).toBe(`${lastYear}-03`);
    expect(v.scope.figures.D1.value).toBe(3);
    expect(v.scope.yoy.D1).toEqual({ value: 2, text: '2件', change: '+50.0%' });
    expect(v.scope.yoy.D2).toEqual({ value: 2_469_000, text: '2余万元', change: '+50.0%' });
    expect(v.scope.yoy.D3).toEqual({ value: 1, text: '1件', change: '-100.0%' });
    expect(v.scope.yoy.D4).toEqual({ value: 2, text: '2面', change: '-100.0%' });
    // Nothing a year earlier: no change to speak of.
    expect(v.scope.yoy.T1.change).toBe('—');
  });

  test('a quarter and a year compare with the same quarter and year before; sub-units carry their own', async () => {
    const q = await view('xhy', `${year}Q1`);
    expect(q.yoyPeriod).toBe(`${lastYear}Q1`);
    expect(q.scope.yoy.D1).toMatchObject({ value: 2, change: '+50.0%' });
    const village = q.children.find((c) => c.unitId === 'xhy-qj')!;
    expect(village.yoy.D1).toMatchObject({ value: 2, change: '+50.0%' });
    expect(q.children.filter((c) => c.unitId !== 'xhy-qj').every((c) => c.yoy.D1.value === 0)).toBe(true);
    const y = await view('sfq', year);
    expect(y.yoyPeriod).toBe(lastYear);
    expect(y.scope.yoy.D3).toMatchObject({ value: 1, text: '1件' });
  });

  test('the view reads no record, and the rollups of the units × periods in one query', async () => {
    const find = jest.spyOn(w.store, 'find');
    const count = jest.spyOn(w.store, 'count');
    try {
      await view('sfq', `${year}-03`);
      const colls = find.mock.calls.map(([coll]) => coll);
      expect(colls).not.toContain(C.disputes);
      expect(count.mock.calls).toEqual([]);
      // firstYear's one document, then every unit × period at once.
      expect(colls.filter((c) => c === C.rollups)).toHaveLength(2);
    } finally {
      find.mockRestore();
      count.mockRestore();
    }
  });
});

describe('breakdowns', () => {
  test('the dispute figures by type (the district order) and by channel; values holding nothing left out', async () => {
    await resolvedOn(`${year}-03-05`, { type: '合同', amountFen: 2_000_000_00 });
    await resolvedOn(`${year}-03-06`, { type: '邻里', amountFen: 500_000 });
    await resolvedOn(`${year}-03-07`, { type: '邻里', channel: '诉调', banners: 1 });
    await resolvedOn(`${year}-03-08`, { type: '婚姻家庭', outcome: '调解不成', agreementForm: undefined });
    const { splits } = await view('xhy', `${year}-03`);
    expect(splits.byType.map((r) => r.name)).toEqual(['邻里', '合同']);
    const neighbours = splits.byType[0].figures;
    expect([neighbours.D1.text, neighbours.D2.text, neighbours.D3.text, neighbours.D4.text]).toEqual(['1件', '5000元', '1件', '1面']);
    expect(splits.byType[1].figures.D2).toMatchObject({ value: 2_000_000_00, text: '200万元' });
    expect(splits.byChannel.map((r) => r.name)).toEqual(['民调', '诉调']);
    expect(splits.byChannel[1].figures.D1.value).toBe(0);
    expect(splits.byChannel[1].figures.D3.value).toBe(1);
  });

  test('a period with no dispute has empty breakdowns', async () => {
    const { splits } = await view('sfq', `${year}-03`);
    expect(splits).toEqual({ byType: [], byChannel: [] });
  });
});

test('the trend words each month as the report does', async () => {
  await resolvedOn(`${year}-03-05`, { amountFen: 1_234_500 });
  const t = expectOk(await w.call<TrendView>(DISTRICT, 'rollup', 'trend', { unitId: 'xhy-qj', year }));
  const march = t.months[2];
  expect(march.values.D2).toBe(1_234_500);
  expect(march.texts.D2).toBe('1余万元');
  expect(march.texts.D1).toBe('1件');
  expect(t.months[0].texts.D1).toBe('0件');
});
