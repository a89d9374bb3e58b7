/**
 * Period locks: once a district closes a year or a month for a subtree, no write may change
 * its figures. Pure: which lock documents a write touches.
 */
import { periodLabel } from '../../../../types/dates';
import { rollupId, type RollupDoc } from './rollup';

export interface LockDoc {
  _id: string;
  unitId: string;
  unitName: string;
  unitPath: string[];
  /** '2024' (a year) or '2024-03' (a month). */
  period: string;
  by: string;
  byName: string;
  at: string;
  /** Set by 审核通过 (reporting cycle): 撤销审核 lifts it; a lock the district set stays. */
  byApproval?: boolean;
}

/** A lock closes a unit's period: it is keyed as that unit's rollup document for the period. */
export const lockId = rollupId;

/**
 * The locks covering the rollup documents a change touches: a lock concerns the figures of the
 * period a write changes (DOMAIN.md "Reporting cycle"), so closing a case accepted in a locked
 * month, with its 调结日期 in an open one, touches only the open month. Locks are of years and
 * months; a quarter's document changes with one of its months.
 */
export function lockIdsFor(touched: Iterable<Pick<RollupDoc, 'unitId' | 'period'>>): string[] {
  const ids = new Set<string>();
  for (const { unitId, period } of touched) if (!period.includes('Q')) ids.add(lockId(unitId, period));
  return [...ids];
}

export function lockedMessage(lock: LockDoc): string {
  if (lock.byApproval) return `「${lock.unitName}」${periodLabel(lock.period)}的月报已审核通过,不能新增、修改或删除该期间的记录;如确需更改,请联系上级主管撤销审核`;
  return `「${lock.unitName}」${periodLabel(lock.period)}已锁定,不能新增、修改或删除该期间的记录;如确需更改,请联系区级主管解锁`;
}
