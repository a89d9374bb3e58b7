/** Typed calls for the supervisor pages: figures, trends, traced records, locks. */
import type {
  LockInput, LockView, RecordsQuery, RecordsView, SummaryQuery, SummaryView, TrendQuery, TrendView,
  UnlockInput,
} from '../../types/metrics';
import { call } from './backend';

export const getSummary = (q: SummaryQuery = {}) => call<SummaryView>('rollup', 'summary', q);
export const getTrend = (q: TrendQuery = {}) => call<TrendView>('rollup', 'trend', q);
export const getRecordsBehind = (q: Partial<RecordsQuery> & Pick<RecordsQuery, 'unitId' | 'period' | 'metric'>) =>
  call<RecordsView>('rollup', 'records', q);
export const listLocks = (unitId?: string) => call<LockView[]>('rollup', 'locks', { unitId });
export const lockPeriod = (q: LockInput) => call<LockView>('rollup', 'lock', q);
export const unlockPeriod = (q: UnlockInput) => call<{ id: string }>('rollup', 'unlock', q);
