/**
 * 汇总 for supervisors: figures for any unit subtree and period with drill-down, monthly
 * trends, the records behind each figure, period locks, and the
 * recount check.
 */
import { LockInput, LocksQuery, RecordsQuery, SummaryQuery, TrendQuery, UnlockInput } from '../../types/metrics';
import { recordsBehind, summary, trend } from '../core/app/figures';
import { checkFigures, listLocks, lockPeriod, unlockPeriod } from '../core/app/lock-period';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const rollup: CloudFunction = {
  summary: (payload, call) => summary(call, parse(SummaryQuery, payload ?? {})),
  trend: (payload, call) => trend(call, parse(TrendQuery, payload ?? {})),
  records: (payload, call) => recordsBehind(call, parse(RecordsQuery, payload)),
  locks: (payload, call) => listLocks(call, parse(LocksQuery, payload ?? {})),
  lock: (payload, call) => lockPeriod(call, parse(LockInput, payload)),
  unlock: (payload, call) => unlockPeriod(call, parse(UnlockInput, payload)),
  check: (_payload, call) => checkFigures(call),
};
