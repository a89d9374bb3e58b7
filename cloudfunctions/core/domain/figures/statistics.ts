/**
 * 人民调解统计报表 from the stored counters (DOMAIN.md "Monthly statistics"): each line's rule,
 * 同比 and 环比, the splits, and 在办 at a period's end. Pure: the use case reads the rollup
 * documents `periodsToRead` names and hands them in.
 */
import { periodRange, type PeriodKey } from '../../../../types/dates';
import { wanText } from '../../../../types/money';
import { CHANNELS, PREVENTIONS, SOURCES } from '../../../../types/dispute';
import {
  COUNT_LINES, type CountCell, type CountLine, type MoneyCell, type RateCell, type Split, type StatLines,
} from '../../../../types/statistics';
import { counterKey, parseCounterKey, type Counters } from './rollup';

/** The counters of one unit (or a derived one: a parent's 本级) by period key. */
export type CountersAt = (period: PeriodKey) => Counters;

export interface StatPeriods {
  key: PeriodKey;
  /** The same period a year earlier (同比) and the previous one of the same length (环比). */
  yoy: PeriodKey;
  mom: PeriodKey;
}

const KEY_RE = /^(\d{4})(?:Q([1-4])|-(\d{2}))?$/;

function shiftPeriod(key: PeriodKey, by: 'year' | 'previous'): PeriodKey {
  const [, y, q, m] = KEY_RE.exec(key)!;
  const year = Number(y);
  if (by === 'year' || (!q && !m)) return key.replace(y, String(year - 1));
  if (q) return q === '1' ? `${year - 1}Q4` : `${year}Q${Number(q) - 1}`;
  return m === '01' ? `${year - 1}-12` : `${year}-${String(Number(m) - 1).padStart(2, '0')}`;
}

export function statPeriods(key: PeriodKey): StatPeriods {
  return { key, yoy: shiftPeriod(key, 'year'), mom: shiftPeriod(key, 'previous') };
}

/**
 * The rollup periods 在办 at the end of `key` sums: every whole year from the first with records,
 * then the months of the last year up to the end. What was accepted minus what was concluded
 * up to a day is what is open on it.
 */
function periodsToEnd(key: PeriodKey, firstYear: number): PeriodKey[] {
  const end = periodRange(key).to;
  const year = Number(end.slice(0, 4));
  const month = Number(end.slice(5, 7));
  const out: PeriodKey[] = [];
  for (let y = firstYear; y < year; y++) out.push(String(y));
  if (month === 12) out.push(String(year));
  else for (let m = 1; m <= month; m++) out.push(`${year}-${String(m).padStart(2, '0')}`);
  return out;
}

/** Every rollup period a read of these periods needs, per unit: the periods and what their 在办 sums. */
export function periodsToRead(periods: readonly PeriodKey[], firstYear: number | null): PeriodKey[] {
  const keys = new Set<PeriodKey>(periods);
  if (firstYear !== null) for (const k of periods) for (const e of periodsToEnd(k, firstYear)) keys.add(e);
  return [...keys];
}

const open = (c: Counters) => (c.accepted ?? 0) - (c.success ?? 0) - (c.failed ?? 0) - (c.ended ?? 0);

/** 在办 at the end of a period: accepted on or before its last day and not concluded by it. */
export function openAtEnd(at: CountersAt, key: PeriodKey, firstYear: number | null): number {
  return firstYear === null ? 0 : periodsToEnd(key, firstYear).reduce((sum, k) => sum + open(at(k)), 0);
}

function countsOf(at: CountersAt, key: PeriodKey, firstYear: number | null): Record<CountLine, number> & { people: Record<string, number> } {
  const c = at(key);
  const n = (k: string) => c[k] ?? 0;
  const people: Record<string, number> = {};
  const out = {
    受理: n('accepted'),
    调解成功: n('success'),
    调解不成: n('failed'),
    终止: n('ended'),
    在办: openAtEnd(at, key, firstYear),
    书面协议: n(counterKey('success', 'agreement', '书面')),
    口头协议: n(counterKey('success', 'agreement', '口头')),
    排查次数: n('screenings'),
    排查发现纠纷: n('screenFound'),
    预防纠纷: n('screenPrevented'),
    people,
  } as Record<CountLine, number> & { people: Record<string, number> };
  for (const kind of PREVENTIONS) {
    out[kind] = n(counterKey('prevented', 'kind', kind));
    people[kind] = n(counterKey('preventedPeople', 'kind', kind));
  }
  return out;
}

/** The change from `before` to `now` in percent, one decimal, signed; '—' from nothing. */
export function changeText(now: number, before: number): string {
  if (!before) return '—';
  const tenths = halfUpDiv((now - before) * 1000, before);
  return `${tenths > 0 ? '+' : ''}${(tenths / 10).toFixed(1)}%`;
}

/** a ÷ b rounded half away from zero, on integers (no float drift at the .5). */
function halfUpDiv(a: number, b: number): number {
  const sign = Math.sign(a) * Math.sign(b);
  const [x, y] = [Math.abs(a), Math.abs(b)];
  return sign * Math.floor((2 * x + y) / (2 * y));
}

/** 成功率: 调解成功 ÷ (调解成功 + 调解不成 + 终止), one decimal, half up; '—' when nothing was concluded. */
export function successRate(success: number, failed: number, ended: number): string {
  const concluded = success + failed + ended;
  return concluded ? `${(halfUpDiv(success * 1000, concluded) / 10).toFixed(1)}%` : '—';
}

const yuanText = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}元`;

export function statLines(at: CountersAt, p: StatPeriods, firstYear: number | null): StatLines {
  const [now, yoy, mom] = [p.key, p.yoy, p.mom].map((k) => countsOf(at, k, firstYear));
  const lines = {} as StatLines;
  for (const line of COUNT_LINES) {
    const cell: CountCell = {
      value: now[line],
      yoy: yoy[line],
      mom: mom[line],
      yoyChange: changeText(now[line], yoy[line]),
      momChange: changeText(now[line], mom[line]),
    };
    if (line in now.people) cell.people = now.people[line];
    lines[line] = cell;
  }
  const rate = (c: typeof now) => successRate(c.调解成功, c.调解不成, c.终止);
  lines.成功率 = { value: rate(now), yoy: rate(yoy), mom: rate(mom) } satisfies RateCell;
  const [fen, yoyFen, momFen] = [p.key, p.yoy, p.mom].map((k) => at(k).successFen ?? 0);
  lines.协议涉及金额 = {
    value: wanText(fen),
    fen,
    yuan: yuanText(fen),
    yoy: yoyFen,
    mom: momFen,
    yoyChange: changeText(fen, yoyFen),
    momChange: changeText(fen, momFen),
  } satisfies MoneyCell;
  return lines;
}

/** 受理 and 调解成功 by one breakdown, every listed value shown (0 included), then any other stored. */
function split(c: Counters, by: string, listed: readonly string[]): Split {
  const out: Split = {};
  const values = new Set(listed);
  for (const key of Object.keys(c)) {
    const { id, by: keyBy, value } = parseCounterKey(key);
    if (keyBy === by && (id === 'accepted' || id === 'success')) values.add(value!);
  }
  for (const value of values) out[value] = { 受理: c[counterKey('accepted', by, value)] ?? 0, 调解成功: c[counterKey('success', by, value)] ?? 0 };
  return out;
}

export function splitsOf(c: Counters, disputeTypes: readonly string[]): { byType: Split; byChannel: Split; bySource: Split } {
  return { byType: split(c, 'type', disputeTypes), byChannel: split(c, 'channel', CHANNELS), bySource: split(c, 'source', SOURCES) };
}

/** A parent's 本级: its counters less its children's, so the rows add up to the parent's line. */
export function ownPart(parent: CountersAt, children: readonly CountersAt[]): CountersAt {
  return (period) => {
    const out: Counters = { ...parent(period) };
    for (const child of children) for (const [k, n] of Object.entries(child(period))) out[k] = (out[k] ?? 0) - n;
    return out;
  };
}

/** Nothing in any line, this period or the two compared: a 本级 row not worth showing. */
export function isBlank(lines: StatLines): boolean {
  const m = lines.协议涉及金额;
  return !m.fen && !m.yoy && !m.mom && COUNT_LINES.every((l) => !lines[l].value && !lines[l].yoy && !lines[l].mom);
}
