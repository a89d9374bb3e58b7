/**
 * DOMAIN.md "Time": functions run in UTC, but a case resolved at 23:30 on 31 December
 * Beijing time belongs to that year, and the 汇总 page's default year is Beijing's.
 */
import type { SummaryView } from '../../types/metrics';
import { caseInput, demoWorld, expectOk } from '../support/world';

const DISTRICT = 'demo-district';

test.each([
  ['2024-12-31T15:30:00Z', '2024'], // 23:30 on 31 December in Beijing
  ['2024-12-31T16:30:00Z', '2025'], // 00:30 on 1 January in Beijing
])('at %s the summary defaults to the Beijing year %s', async (instant, year) => {
  const w = await demoWorld(2, () => new Date(instant));
  try {
    const s = expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', {}));
    expect(s.scope.period).toBe(year);
    expect(s.scope.unitId).toBe('sfq');
  } finally {
    await w.store.close();
  }
});

test('a case resolved on 31 December counts in that year, quarter and month, not the next', async () => {
  const w = await demoWorld(2, () => new Date('2024-12-31T15:30:00Z'));
  try {
    expectOk(
      await w.call('demo-mediator', 'dispute', 'save', caseInput({ acceptedDate: '2024-12-20', resolvedDate: '2024-12-31', amountFen: 7_000_000 })),
    );
    const d1 = async (period: string) => {
      const s = expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { unitId: 'xhy-qj', period }));
      return [s.scope.figures.D1.value, s.scope.figures.D2.text];
    };
    for (const period of ['2024', '2024Q4', '2024-12']) expect(await d1(period)).toEqual([1, '7万元']);
    for (const period of ['2025', '2025Q1', '2025-01']) expect(await d1(period)).toEqual([0, '0元']);
  } finally {
    await w.store.close();
  }
});
