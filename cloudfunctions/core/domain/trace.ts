/**
 * Every number is traceable: the query that finds the records behind a figure. These
 * are the same rules as the contributions in rollup.ts and training.ts, stated as
 * filters; a test checks that each figure equals the count of its records. Pure.
 */
import { periodRange } from '../../../types/dates';
import type { MetricId } from '../../../types/metrics';
import { LAW_PERSON_TRAINING } from '../../../types/training';
import { C, type Filter } from '../platform/port';
import { DEFAULT_REPORT_CONFIG, type ReportConfig } from './rollup';

export type RecordSource = { coll: string; filter: Filter; dateField: string } | { coll: typeof C.coverage; prefix: string };

export function recordsBehind(metric: MetricId, unitId: string, period: string, cfg: ReportConfig = DEFAULT_REPORT_CONFIG): RecordSource {
  const { from, to } = periodRange(period);
  const dated = (field: string) => ({ [field]: { $gte: from, $lte: to } });
  const base = { unitPath: unitId, deleted: false };
  switch (metric) {
    case 'D1':
    case 'D2':
    case 'D3':
    case 'D4': {
      const channels = metric === 'D1' || metric === 'D2' ? cfg.caseChannels : cfg.courtChannels;
      return {
        coll: C.disputes,
        filter: { ...base, outcome: '调解成功', channel: { $in: [...channels] }, ...dated('resolvedDate') },
        dateField: 'resolvedDate',
      };
    }
    case 'T1':
      return { coll: C.trainings, filter: { ...base, category: LAW_PERSON_TRAINING, ...dated('date') }, dateField: 'date' };
    case 'T2':
      return { coll: C.coverage, prefix: `${unitId}@${period}#` };
    default:
      return { coll: C.publicity, filter: { ...base, ...dated('date') }, dateField: 'date' };
  }
}
