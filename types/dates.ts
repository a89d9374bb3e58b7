import * as v from 'valibot';

/** Business dates are Beijing calendar dates, carried as 'YYYY-MM-DD' strings end to end. */
export const BIZ_DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** Today's calendar date in China Standard Time, whatever zone the caller runs in (functions run in UTC). */
export function todayBeijing(now: Date = new Date()): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date (rejects 2024-02-30). Arithmetic, not Date: an import checks two per row. */
export function isRealDate(s: string): boolean {
  if (!BIZ_DATE_RE.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return Number(s.slice(8, 10)) <= days;
}

let today = { from: 0, until: 0, text: '' };

/** todayBeijing() now, worked out once per Beijing day rather than for every date checked. */
function todayBeijingNow(): string {
  const t = Date.now();
  if (t < today.from || t >= today.until) {
    const text = todayBeijing(new Date(t));
    const from = Date.parse(`${text}T00:00:00Z`) - BEIJING_OFFSET_MS;
    today = { from, until: from + 86_400_000, text };
  }
  return today.text;
}

export const BizDate = (label: string) =>
  v.pipe(
    v.string(`${label}须为日期`),
    v.check(isRealDate, `${label}格式应为 年-月-日,如 2024-03-07`),
    v.check((s) => s <= todayBeijingNow(), `${label}不能晚于今天`),
  );

/** Periods are named by their own keys: '2024', '2024Q1', '2024-03'. */
export type PeriodKey = string;

export function periodsOf(date: string): PeriodKey[] {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return [year, `${year}Q${Math.ceil(month / 3)}`, date.slice(0, 7)];
}

/** A calendar month, as list filters take it: '2024-03'. */
export const MonthSchema = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2024-03'));

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

/** A calendar date `days` later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
