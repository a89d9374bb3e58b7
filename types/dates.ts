import * as v from 'valibot';

/** Business dates are Beijing calendar dates, carried as 'YYYY-MM-DD' strings end to end. */
export const BIZ_DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** Today's calendar date in China Standard Time, whatever zone the caller runs in (functions run in UTC). */
export function todayBeijing(now: Date = new Date()): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date (rejects 2024-02-30). */
export function isRealDate(s: string): boolean {
  if (!BIZ_DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return d.toISOString().slice(0, 10) === s;
}

export const BizDate = (label: string) =>
  v.pipe(
    v.string(`${label}须为日期`),
    v.check(isRealDate, `${label}格式应为 年-月-日,如 2024-03-07`),
    v.check((s) => s <= todayBeijing(), `${label}不能晚于今天`),
  );

/** Periods are named by their own keys: '2024', '2024Q1', '2024-03'. */
export type PeriodKey = string;

export function periodsOf(date: string): PeriodKey[] {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return [year, `${year}Q${Math.ceil(month / 3)}`, date.slice(0, 7)];
}

export const PeriodKeySchema = v.pipe(
  v.string('期间须为文本'),
  v.regex(/^\d{4}(Q[1-4]|-(0[1-9]|1[0-2]))?$/, '期间格式应为 2024、2024Q1 或 2024-03'),
);

/** An audit instant (UTC ISO) as Beijing wall-clock time: '2024-12-31 23:30'. */
export function beijingDateTime(iso: string): string {
  return new Date(Date.parse(iso) + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** First and last calendar date of a period key ('2024', '2024Q2', '2024-03'). */
export function periodRange(period: PeriodKey): { from: string; to: string } {
  const year = period.slice(0, 4);
  const q = /Q([1-4])$/.exec(period);
  if (q) {
    const first = (Number(q[1]) - 1) * 3 + 1;
    return { from: `${year}-${String(first).padStart(2, '0')}-01`, to: `${year}-${String(first + 2).padStart(2, '0')}-31` };
  }
  if (period.length === 7) return { from: `${period}-01`, to: `${period}-31` };
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
