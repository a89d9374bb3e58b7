/** Stored rollup counters → the figures of the report, worded. */
import { METRICS, type Figure, type MetricId, type Summary } from '../../../../types/metrics';
import type { Counters } from './rollup';
import { wordFigure } from './wording';

export function figuresOf(c: Counters): Record<MetricId, Figure> {
  return Object.fromEntries(METRICS.map((m) => [m.id, wordFigure(c[m.id] ?? 0, m.unit, m.kind)])) as Record<
    MetricId,
    Figure
  >;
}

/** A unit's figures for a period; `inProgress`: its 在办 at the period's end (statistics.ts openAtEnd). */
export function summarize(unit: { _id: string; name: string }, period: string, c: Counters, inProgress: number): Summary {
  return {
    unitId: unit._id,
    unitName: unit.name,
    period,
    figures: figuresOf(c),
    accepted: c.accepted ?? 0,
    inProgress,
  };
}
