/**
 * Period locks: once a district closes a year or a month for a subtree, no write may
 * add, change or remove anything dated in it. Pure: which lock documents a write touches.
 */
import { rollupId, type Contribution } from './rollup';

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
}

/** A lock closes a unit's period: it is keyed as that unit's rollup document for the period. */
export const lockId = rollupId;

/** The locks that would cover any date a record version contributes at any of its units. */
export function lockIdsFor(versions: { unitPath: readonly string[]; contributions: Contribution[] }[]): string[] {
  const ids = new Set<string>();
  for (const { unitPath, contributions } of versions) {
    for (const { date } of contributions) {
      for (const period of [date.slice(0, 4), date.slice(0, 7)]) {
        for (const unitId of unitPath) ids.add(lockId(unitId, period));
      }
    }
  }
  return [...ids];
}

export function periodLabel(period: string): string {
  return period.length === 4 ? `${period}年` : `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}

export function lockedMessage(lock: LockDoc): string {
  return `「${lock.unitName}」${periodLabel(lock.period)}已锁定,不能新增、修改或删除该期间的记录;如确需更改,请联系区级主管解锁`;
}
