/**
 * Every number is traceable: which records are behind a figure. These are the same rules as the
 * contributions in rollup.ts and training.ts, stated as criteria (app/queries turns them into
 * filters); a test checks that each figure equals the count of its records. Pure.
 */
import { periodRange } from '../../../../types/dates';
import type { Channel } from '../../../../types/dispute';
import type { MetricId } from '../../../../types/metrics';
import { LAW_PERSON_TRAINING } from '../../../../types/training';
import { coveragePrefix } from './coverage';
import { DEFAULT_REPORT_CONFIG, type ReportConfig } from './rollup';

/** Records of a unit's subtree, not deleted, dated in a period's range. */
interface Dated {
  unitId: string;
  from: string;
  to: string;
}

export type RecordsBehind =
  | ({ kind: 'disputes'; outcome: '调解成功'; channels: readonly Channel[]; dateField: 'resolvedDate' } & Dated)
  | ({ kind: 'trainings'; category: string; dateField: 'date' } & Dated)
  | ({ kind: 'publicity'; dateField: 'date' } & Dated)
  /** T2: the distinct people, by their coverage keys under this prefix. */
  | { kind: 'coverage'; prefix: string };

export function recordsBehind(metric: MetricId, unitId: string, period: string, cfg: ReportConfig = DEFAULT_REPORT_CONFIG): RecordsBehind {
  const dated = { unitId, ...periodRange(period) };
  switch (metric) {
    case 'D1':
    case 'D2':
    case 'D3':
    case 'D4': {
      const channels = metric === 'D1' || metric === 'D2' ? cfg.caseChannels : cfg.courtChannels;
      return { kind: 'disputes', outcome: '调解成功', channels, dateField: 'resolvedDate', ...dated };
    }
    case 'T1':
      return { kind: 'trainings', category: LAW_PERSON_TRAINING, dateField: 'date', ...dated };
    case 'T2':
      return { kind: 'coverage', prefix: coveragePrefix(unitId, period) };
    default:
      return { kind: 'publicity', dateField: 'date', ...dated };
  }
}
