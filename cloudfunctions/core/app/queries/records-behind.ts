/** The records behind a figure (domain/figures/trace.ts's criteria) as the collection and filter that find them. */
import type { MetricId } from '../../../../types/metrics';
import { recordsBehind } from '../../domain/figures/trace';
import { C, type Filter } from '../../platform/port';

export type RecordSource = { coll: string; filter: Filter; dateField: string } | { coll: typeof C.coverage; prefix: string };

export function recordSource(metric: MetricId, unitId: string, period: string): RecordSource {
  const c = recordsBehind(metric, unitId, period);
  if (c.kind === 'coverage') return { coll: C.coverage, prefix: c.prefix };
  const base = { unitPath: c.unitId, deleted: false, [c.dateField]: { $gte: c.from, $lte: c.to } };
  switch (c.kind) {
    case 'disputes':
      return { coll: C.disputes, filter: { ...base, outcome: c.outcome, channel: { $in: [...c.channels] } }, dateField: c.dateField };
    case 'trainings':
      return { coll: C.trainings, filter: { ...base, category: c.category }, dateField: c.dateField };
    default:
      return { coll: C.publicity, filter: base, dateField: c.dateField };
  }
}
