/**
 * Periods as the summary and report pages pick them: keys '2024', '2024Q2', '2024-03'
 * (types/dates.ts), split into the year and the part a picker shows.
 */
import { periodsOf, todayBeijing, type PeriodKey } from '../../types/dates';

export const WHOLE_YEAR = '全年';

/** This Beijing year, quarter and month as period keys. */
export function currentPeriods(today: string = todayBeijing()): { year: PeriodKey; quarter: PeriodKey; month: PeriodKey } {
  const [year, quarter, month] = periodsOf(today);
  return { year, quarter, month };
}

/** This year and the `count - 1` before it, newest first: the years a page offers. */
export function recentYears(count: number, today: string = todayBeijing()): PeriodKey[] {
  const year = Number(currentPeriods(today).year);
  return Array.from({ length: count }, (_, i) => String(year - i));
}

/** Year chips' labels: '2024' → '2024年'. */
export function yearLabels(years: readonly PeriodKey[]): Record<string, string> {
  return Object.fromEntries(years.map((y) => [y, `${y}年`]));
}

/** '2024' → 全年, '2024Q2' → 'Q2', '2024-03' → '03', each with its year. */
export function splitPeriod(period: PeriodKey): { year: string; part: string } {
  const year = period.slice(0, 4);
  return { year, part: period.length === 4 ? WHOLE_YEAR : period.includes('Q') ? period.slice(4) : period.slice(5) };
}

export function joinPeriod(year: string, part: string): PeriodKey {
  return part === WHOLE_YEAR ? year : part.startsWith('Q') ? `${year}${part}` : `${year}-${part}`;
}

/** What the lock panel closes for a period on screen: a month, else its whole year (quarters are not locked alone). */
export function lockedPeriod(period: PeriodKey): PeriodKey {
  const { year, part } = splitPeriod(period);
  return part === WHOLE_YEAR || part.startsWith('Q') ? year : period;
}

/** A month key's number as a chart labels it: '2024-03' → '3'. */
export const monthNumber = (month: PeriodKey): string => String(Number(month.slice(5)));
