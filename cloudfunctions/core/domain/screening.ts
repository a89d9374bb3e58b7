/** 矛盾纠纷排查: record rules, how a round is built, and what it adds to the statistics (排查次数, 排查发现纠纷, 预防纠纷). Pure. */
import type { Screening, ScreeningInput } from '../../../types/screening';
import type { Contribution, CounterName } from './figures/rollup';
import { firstVersion, type NewRecord, type RecordRules } from './versioned';

export const SCREENING_RULES: RecordRules<Screening> = {
  noun: '排查记录',
  fields: ['unitId', 'date', 'found', 'prevented', 'note'],
};

export function screeningRecord(input: Omit<ScreeningInput, 'baseVersion'>, at: NewRecord): Screening {
  return Object.assign(firstVersion(at), {
    createdBy: at.by,
    unitId: input.unitId,
    date: input.date,
    found: input.found,
    prevented: input.prevented,
    note: input.note,
  });
}

export function screeningContributions(s: Screening | null): Contribution[] {
  if (!s || s.deleted) return [];
  return [{ date: s.date, counters: { screenings: 1, screenFound: s.found, screenPrevented: s.prevented } satisfies Partial<Record<CounterName, number>> }];
}
