/**
 * The monthly statistics' line rules (DOMAIN.md "Monthly statistics"), table by table: 成功率's
 * rounding, 万元 with two decimals, 同比 and 环比 across a year boundary, 在办 at a period's end.
 */
import {
  changeText, openAtEnd, periodsToRead, statLines, statPeriods, successRate, type CountersAt,
} from '../../cloudfunctions/core/domain/figures/statistics';
import { wanText } from '../../types/money';
import { disputeContributions, RollupSums, type Counters } from '../../cloudfunctions/core/domain/figures/rollup';
import type { Dispute } from '../../types/dispute';

test.each([
  [0, 0, 0, '—'],
  [1, 0, 0, '100.0%'],
  [1, 2, 0, '33.3%'],
  [2, 1, 0, '66.7%'],
  [1, 7, 0, '12.5%'],
  [1, 15, 0, '6.3%'], // 6.25: half up
  [973, 20, 7, '97.3%'],
  [9995, 5, 0, '100.0%'], // 99.95: half up
  [19989, 11, 0, '99.9%'], // 99.945
])('成功率 %i ÷ (%i + %i + 终止 …) is %s', (success, failed, ended, text) => {
  expect(successRate(success, failed, ended)).toBe(text);
});

test.each([
  [0, '0.00万元'],
  [500_000, '0.50万元'], // 5000元
  [4_999, '0.00万元'], // 49.99元
  [5_000, '0.01万元'], // 50元: half up
  [1_234_500_00, '123.45万元'], // 1234500元
  [12_345_000_00, '1234.50万元'],
  [683_572_003_7, '6835.72万元'],
])('协议涉及金额 %i fen is %s', (fen, text) => expect(wanText(fen)).toBe(text));

test.each([
  [110, 100, '+10.0%'],
  [90, 100, '-10.0%'],
  [100, 100, '0.0%'],
  [5, 0, '—'],
  [0, 3, '-100.0%'],
  [1, 3, '-66.7%'],
])('the change from %i … %i is %s', (now, before, text) => expect(changeText(now, before)).toBe(text));

test.each([
  ['2025-01', '2024-01', '2024-12'],
  ['2025-03', '2024-03', '2025-02'],
  ['2025Q1', '2024Q1', '2024Q4'],
  ['2025Q3', '2024Q3', '2025Q2'],
  ['2025', '2024', '2024'],
])('%s is compared with %s (同比) and %s (环比)', (key, yoy, mom) => {
  expect(statPeriods(key)).toEqual({ key, yoy, mom });
});

/** Counters by period from cases, as the rollups store them (one unit). */
function countersOf(cases: Partial<Dispute>[]): CountersAt {
  const byPeriod = new Map<string, Counters>();
  const sums = new RollupSums();
  cases.forEach((c, i) => sums.add({ unitPath: ['u'], contributions: disputeContributions(base(c, i)) }, 1));
  for (const doc of sums.delta().values()) if (doc.unitId === 'u') byPeriod.set(doc.period, doc.c);
  return (period) => byPeriod.get(period) ?? {};
}
const base = (c: Partial<Dispute>, i: number): Dispute => ({
  _id: `d${i}`, unitId: 'u', unitPath: ['u'], mediatorId: 'm', mediatorName: '调解员', version: 1, deleted: false, createdAt: '', updatedAt: '',
  type: '邻里', channel: '民调', outcome: '在办', acceptedDate: '2024-01-01', amountFen: 0, parties: 2, banners: 0, summary: '', ...c,
}) as Dispute;

describe('在办 at the end of a period', () => {
  const at = countersOf([
    { acceptedDate: '2023-12-20' }, // open since 2023, never closed
    { acceptedDate: '2023-11-02', outcome: '调解成功', resolvedDate: '2024-02-10', agreementForm: '书面' }, // open until February
    { acceptedDate: '2024-01-15', outcome: '终止', resolvedDate: '2024-01-31' }, // concluded in its own month
    { acceptedDate: '2024-03-05', outcome: '调解不成', resolvedDate: '2024-04-01' }, // open at the end of March only
  ]);
  test.each([
    ['2023-11', 1],
    ['2023-12', 2],
    ['2024-01', 2],
    ['2024-02', 1],
    ['2024-03', 2],
    ['2024Q1', 2],
    ['2024-04', 1],
    ['2024', 1],
    ['2023', 2],
  ])('%s: %i', (key, open) => expect(openAtEnd(at, key, 2023)).toBe(open));

  test('the table reads the whole years before and the months of the year up to the end, and nothing when nothing is recorded', () => {
    expect(periodsToRead(['2025-03'], 2023).sort()).toEqual(['2023', '2024', '2025-01', '2025-02', '2025-03'].sort());
    expect(periodsToRead(['2025-03'], null)).toEqual(['2025-03']);
  });

  test('a line: 受理 and the outcomes in the month, 书面协议, 同比 and 环比 beside', () => {
    const lines = statLines(at, statPeriods('2024-02'), 2023);
    expect(lines.受理).toMatchObject({ value: 0, yoy: 0, mom: 1 });
    expect(lines.调解成功).toMatchObject({ value: 1, mom: 0, momChange: '—' });
    expect(lines.书面协议.value).toBe(1);
    expect(lines.在办).toMatchObject({ value: 1, mom: 2, momChange: '-50.0%' });
    expect(lines.成功率).toEqual({ value: '100.0%', yoy: '—', mom: '0.0%' });
  });
});

test('the prevention lines count concluded cases flagged so in the month, with their people', () => {
  const at = countersOf([
    { outcome: '调解成功', acceptedDate: '2024-03-01', resolvedDate: '2024-03-09', prevention: { 防止民转刑: 3 } },
    { outcome: '终止', acceptedDate: '2024-03-01', resolvedDate: '2024-03-20', prevention: { 防止民转刑: 2, 防止群体性上访: 40 } },
    { outcome: '在办', acceptedDate: '2024-03-01', prevention: { 防止民转刑: 9 } }, // not concluded: not yet counted
  ]);
  const lines = statLines(at, statPeriods('2024-03'), 2024);
  expect([lines.防止民转刑.value, lines.防止民转刑.people]).toEqual([2, 5]);
  expect([lines.防止群体性上访.value, lines.防止群体性上访.people]).toEqual([1, 40]);
  expect([lines.防止民间纠纷引起自杀.value, lines.防止民间纠纷引起自杀.people]).toEqual([0, 0]);
});
