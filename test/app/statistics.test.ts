/** How the 统计报表 page picks its first period, words each line beside 同比/环比, and ranks the sub-unit rows. */
import { compareText, lastMonth, lineText, rankRows } from '../../src/services/statistics';
import type { CountCell, CountLine, StatisticsRow, StatLines } from '../../types/statistics';
import { COUNT_LINES } from '../../types/statistics';

const cell = (value: number, yoy = 0, mom = 0): CountCell => ({ value, yoy, mom, yoyChange: yoy ? '+0.0%' : '—', momChange: mom ? '+0.0%' : '—' });

function lines(counts: Partial<Record<(typeof COUNT_LINES)[number], CountCell>>, rate = '—', fen = 0): StatLines {
  return {
    ...(Object.fromEntries(COUNT_LINES.map((l) => [l, counts[l] ?? cell(0)])) as Record<CountLine, CountCell>),
    成功率: { value: rate, yoy: '50.0%', mom: '—' },
    协议涉及金额: { value: `${(fen / 1e6).toFixed(2)}万元`, fen, yuan: '', yoy: 0, mom: fen, yoyChange: '—', momChange: '+0.0%' },
  };
}
const row = (unit: string, l: StatLines): StatisticsRow => ({ unit, unitId: unit, lines: l });

test('the table opens on the month before today, across a year boundary too', () => {
  expect(lastMonth('2024-03-15')).toBe('2024-02');
  expect(lastMonth('2024-01-01')).toBe('2023-12');
  expect(lastMonth('2024-12-31')).toBe('2024-11');
});

test('a line is worded with its 同比 and 环比: earlier value and change; a rate beside its earlier rates; money in 万元 and its change', () => {
  const l = lines({ 受理: { value: 12, yoy: 10, mom: 15, yoyChange: '+20.0%', momChange: '-20.0%' } }, '90.0%', 1_234_500);
  expect(lineText(l, '受理')).toBe('12');
  expect(compareText(l, '受理')).toEqual({ yoy: '10 +20.0%', mom: '15 -20.0%' });
  expect(lineText(l, '成功率')).toBe('90.0%');
  expect(compareText(l, '成功率')).toEqual({ yoy: '50.0%', mom: '—' });
  expect(lineText(l, '协议涉及金额')).toBe('1.23万元');
  expect(compareText(l, '协议涉及金额')).toEqual({ yoy: '0.00万元 —', mom: '1.23万元 +0.0%' });
});

test('rows rank largest first on the line chosen, ties keep the tree order; money by fen, no rate below every rate', () => {
  const rows = [
    row('甲', lines({ 受理: cell(3), 在办: cell(1) }, '—', 50)),
    row('乙', lines({ 受理: cell(5), 在办: cell(1) }, '80.0%', 900)),
    row('丙', lines({ 受理: cell(3), 在办: cell(4) }, '100.0%', 100)),
  ];
  const order = (line: Parameters<typeof rankRows>[1]) => rankRows(rows, line).map((r) => r.unit);
  expect(order('受理')).toEqual(['乙', '甲', '丙']);
  expect(order('在办')).toEqual(['丙', '甲', '乙']);
  expect(order('协议涉及金额')).toEqual(['乙', '丙', '甲']);
  expect(order('成功率')).toEqual(['丙', '乙', '甲']);
  // The rows given are not reordered in place.
  expect(rows.map((r) => r.unit)).toEqual(['甲', '乙', '丙']);
});
