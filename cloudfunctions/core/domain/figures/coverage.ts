/**
 * Distinct coverage (T2): a person counts once per unit and period however many
 * sessions they attended. Each (unit, period, person) keeps a count of the sessions
 * that person attended there; T2 moves only when that count leaves or reaches zero,
 * so unticking someone who also attended another session changes nothing. Pure.
 */
import { periodsOf } from '../../../../types/dates';
import { rollupId } from './rollup';

export interface CoverageDoc {
  _id: string;
  n: number;
}

export interface CoverageKey {
  coverageId: string;
  rollupId: string;
  unitId: string;
  period: string;
}

/** The coverage keys of a unit × period start with this: one per distinct attendee. */
export function coveragePrefix(unitId: string, period: string): string {
  return `${rollupId(unitId, period)}#`;
}

export function coverageKeys(unitPath: readonly string[], date: string, personId: string): CoverageKey[] {
  return periodsOf(date).flatMap((period) =>
    unitPath.map((unitId) => ({
      coverageId: `${coveragePrefix(unitId, period)}${personId}`,
      rollupId: rollupId(unitId, period),
      unitId,
      period,
    })),
  );
}

/** The new session count for a key, and how T2 moves with it. */
export function coverageStep(stored: CoverageDoc | null, sign: 1 | -1): { n: number; t2: -1 | 0 | 1 } {
  const before = stored?.n ?? 0;
  const n = Math.max(0, before + sign);
  return { n, t2: before === 0 && n > 0 ? 1 : before > 0 && n === 0 ? -1 : 0 };
}
