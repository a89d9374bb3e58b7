/** Stored rollup counters → the figures of the report, worded, with 同比 and breakdowns. */
import { CHANNELS } from '../../../../types/dispute';
import {
  DISPUTE_METRICS, METRICS, type DisputeMetricId, type Figure, type FigureSplitRow, type MetricId, type Summary, type YearOnYear,
} from '../../../../types/metrics';
import { counterKey, parseCounterKey, type Counters } from './rollup';
import { changeText } from './statistics';
import { wordFigure } from './wording';

const DEF = new Map(METRICS.map((m) => [m.id, m]));
const word = (id: MetricId, value: number) => wordFigure(value, DEF.get(id)!.unit, DEF.get(id)!.kind);

export function figuresOf(c: Counters): Record<MetricId, Figure> {
  return Object.fromEntries(METRICS.map((m) => [m.id, word(m.id, c[m.id] ?? 0)])) as Record<MetricId, Figure>;
}

/** Each figure a year earlier (`before`), worded, and the change to now in percent. */
export function yearOnYear(now: Counters, before: Counters): Record<MetricId, YearOnYear> {
  return Object.fromEntries(
    METRICS.map((m) => {
      const f = word(m.id, before[m.id] ?? 0);
      return [m.id, { value: f.value, text: f.text, change: changeText(now[m.id] ?? 0, f.value) }];
    }),
  ) as Record<MetricId, YearOnYear>;
}

/**
 * A unit's figures for a period; `inProgress`: its 在办 at the period's end (statistics.ts
 * openAtEnd); `lastYear`: its counters for the same period a year earlier.
 */
export function summarize(unit: { _id: string; name: string }, period: string, c: Counters, inProgress: number, lastYear: Counters): Summary {
  return {
    unitId: unit._id,
    unitName: unit.name,
    period,
    figures: figuresOf(c),
    yoy: yearOnYear(c, lastYear),
    accepted: c.accepted ?? 0,
    inProgress,
  };
}

/** The dispute figures by one breakdown: listed values first, then any other stored; values holding nothing are left out. */
function splitRows(c: Counters, by: string, listed: readonly string[]): FigureSplitRow[] {
  const met = new Set<string>();
  for (const key of Object.keys(c)) {
    const k = parseCounterKey(key);
    if (k.by === by && (DISPUTE_METRICS as readonly string[]).includes(k.id)) met.add(k.value!);
  }
  const extra = [...met].filter((v) => !listed.includes(v)).sort((x, y) => x.localeCompare(y, 'zh'));
  return [...listed, ...extra]
    .filter((v) => met.has(v))
    .map((name) => ({
      name,
      figures: Object.fromEntries(DISPUTE_METRICS.map((id) => [id, word(id, c[counterKey(id, by, name)] ?? 0)])) as Record<DisputeMetricId, Figure>,
    }))
    .filter((r) => DISPUTE_METRICS.some((id) => r.figures[id].value !== 0));
}

/** The dispute figures by type (in the district's order) and by channel. */
export function figureSplits(c: Counters, disputeTypes: readonly string[]): { byType: FigureSplitRow[]; byChannel: FigureSplitRow[] } {
  return { byType: splitRows(c, 'type', disputeTypes), byChannel: splitRows(c, 'channel', CHANNELS) };
}
