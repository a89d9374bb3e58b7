/** Typed calls for the supervisor pages: figures, trends, traced records, locks; and how 汇总 ranks and compares. */
import type {
  LockInput, LockView, MetricId, RecordsQuery, RecordsView, Summary, SummaryQuery, SummaryView, TrendQuery, TrendView,
  UnlockInput, YearOnYear,
} from '../../types/metrics';
import { call } from './backend';

export const getSummary = (q: SummaryQuery = {}) => call<SummaryView>('rollup', 'summary', q);
export const getTrend = (q: TrendQuery = {}) => call<TrendView>('rollup', 'trend', q);
export const getRecordsBehind = (q: Partial<RecordsQuery> & Pick<RecordsQuery, 'unitId' | 'period' | 'metric'>) =>
  call<RecordsView>('rollup', 'records', q);
export const listLocks = (unitId?: string) => call<LockView[]>('rollup', 'locks', { unitId });
export const lockPeriod = (q: LockInput) => call<LockView>('rollup', 'lock', q);
export const unlockPeriod = (q: UnlockInput) => call<{ id: string }>('rollup', 'unlock', q);

/** The sub-units, largest first on a figure; equal ones keep the tree's order (the sort is stable). */
export function rankByFigure(units: readonly Summary[], metric: MetricId): Summary[] {
  return [...units].sort((a, b) => b.figures[metric].value - a.figures[metric].value);
}

/** What a figure says of 同比: '去年同期 12件 · 同比 +8.3%' ('—' when there was nothing then). */
export const yoyText = (y: YearOnYear): string => `去年同期 ${y.text} · 同比 ${y.change}`;
