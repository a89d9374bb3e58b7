/** How 汇总 ranks its sub-units by a figure and words 同比 beside each figure. */
import { rankByFigure, yoyText } from '../../src/services/rollup';
import { METRICS, type Figure, type MetricId, type Summary } from '../../types/metrics';

const figure = (value: number): Figure => ({ value, text: `${value}`, exactText: `${value}` });

function unit(name: string, values: Partial<Record<MetricId, number>>): Summary {
  const figures = Object.fromEntries(METRICS.map((m) => [m.id, figure(values[m.id] ?? 0)])) as Record<MetricId, Figure>;
  const yoy = Object.fromEntries(METRICS.map((m) => [m.id, { value: 0, text: '0', change: '—' }])) as Summary['yoy'];
  return { unitId: name, unitName: name, period: '2024', figures, yoy, accepted: 0, inProgress: 0 };
}

test('sub-units rank largest first on the chosen figure; equal ones keep the tree order', () => {
  const units = [unit('金耀街道', { D1: 5, P2: 10 }), unit('杏花营镇', { D1: 9, P2: 300 }), unit('区司法局', { D1: 5 }), unit('区诉调联动中心', { D1: 0, P2: 40 })];
  expect(rankByFigure(units, 'D1').map((u) => u.unitName)).toEqual(['杏花营镇', '金耀街道', '区司法局', '区诉调联动中心']);
  expect(rankByFigure(units, 'P2').map((u) => u.unitName)).toEqual(['杏花营镇', '区诉调联动中心', '金耀街道', '区司法局']);
  // The tree order itself is left as it was.
  expect(units[0].unitName).toBe('金耀街道');
});

test('同比 names the figure a year earlier and the change, or — when there was nothing then', () => {
  expect(yoyText({ value: 12, text: '12件', change: '+8.3%' })).toBe('去年同期 12件 · 同比 +8.3%');
  expect(yoyText({ value: 0, text: '0元', change: '—' })).toBe('去年同期 0元 · 同比 —');
});
