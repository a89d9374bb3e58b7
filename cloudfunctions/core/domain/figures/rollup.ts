/**
 * Pre-aggregated rollups. Every write turns the record's old and new versions into
 * contributions (a dated counter increment), and the difference lands on one rollup
 * document per ancestor unit × period, inside the write's own transaction. Reads then
 * cost one document (or its few shards) whatever the number of records. Pure: no I/O here.
 *
 * Shards: every write of a district touches the district's documents, so on an engine
 * with many concurrent writers (CloudBase: one function instance per request) those
 * documents would serialise every save. There a unit × period is kept as several shard
 * documents, each transaction attempt adding to one of them (the adapter picks which);
 * a read sums the shards. Counters are sums, so which shard a change lands on never
 * matters. Shard 0 is the plain id, so a one-writer engine's documents are unchanged.
 */
import { periodsOf, type PeriodKey } from '../../../../types/dates';
import { isClosed, sourceOf, type Channel, type ClosedOutcome, type Dispute, type Prevention } from '../../../../types/dispute';
import type { CounterId } from '../../../../types/metrics';

/** Which channels feed which report line: report configuration, DOMAIN.md's table as default. */
export interface ReportConfig {
  caseChannels: readonly Channel[]; // D1, D2
  courtChannels: readonly Channel[]; // D3, D4
}
export const DEFAULT_REPORT_CONFIG: ReportConfig = {
  caseChannels: ['民调', '警调', '裁调', '访调'],
  courtChannels: ['诉调'],
};

/**
 * What a rollup counts: the figures, trainings of any category (T1 is one category's), and the
 * monthly statistics' lines: cases concluded by outcome on their 调结日期 (all channels; 在办 at a
 * period's end is what was accepted minus what was concluded up to it), the 调解成功 cases'
 * amount, the prevention flags (件, and 人), and the 排查 rounds by their date (rounds, disputes
 * found, disputes prevented).
 */
export type CounterName =
  | CounterId | 'trainings' | 'success' | 'failed' | 'ended' | 'successFen' | 'prevented' | 'preventedPeople'
  | 'screenings' | 'screenFound' | 'screenPrevented';

/** The counter of a concluded case by its outcome. */
export const CONCLUDED: Record<ClosedOutcome, CounterName> = { 调解成功: 'success', 调解不成: 'failed', 终止: 'ended' };

/** Counters by counterKey: a figure ('D1'), or a figure broken down ('D1|type|邻里', 'D2|channel|民调'). */
export type Counters = Record<string, number>;

export interface Contribution {
  date: string;
  counters: Counters;
  /** Where it counts when not at the record's units: a mediator's tally (mediatorTally). */
  at?: readonly string[];
}

export interface RollupDoc {
  _id: string;
  unitId: string;
  period: PeriodKey;
  c: Counters;
}

export function rollupId(unitId: string, period: PeriodKey): string {
  return `${unitId}@${period}`;
}

/** The document of one shard of a rollup (see the header); shard 0 is the rollup's own id. */
export function shardId(rollup: string, shard: number): string {
  return shard ? `${rollup}~${shard}` : rollup;
}

/** Sums the shard documents of rollups into one counter set per rollup id. */
export function mergeShards(docs: Iterable<RollupDoc>): Map<string, RollupDoc> {
  const out = new Map<string, RollupDoc>();
  for (const d of docs) {
    const id = rollupId(d.unitId, d.period);
    const merged = out.get(id);
    out.set(id, merged ? addCounters(merged, { ...d, _id: id }) : { ...d, _id: id });
  }
  return out;
}

/**
 * A breakdown value (a dispute type, a training category: typed by users) becomes part of
 * a field name in the stored document, where `.` and `$` mean paths and operators and `|`
 * separates the key's parts: those, and the escape character itself, are %-escaped.
 */
const escapePart = (value: string) => value.replace(/[%.$|]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
const unescapePart = (part: string) => part.replace(/%(25|2E|24|7C)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** A counter's field name: a figure ('D1'), or a figure broken down ('D1|type|邻里'). */
export function counterKey(id: CounterName, by?: string, value?: string): string {
  return by ? `${id}|${by}|${escapePart(value ?? '')}` : id;
}

/** counterKey's parts back, the breakdown value as it was typed. */
export function parseCounterKey(key: string): { id: string; by?: string; value?: string } {
  const [id, by, value] = key.split('|');
  return by === undefined ? { id } : { id, by, value: unescapePart(value ?? '') };
}

function withBreakdowns(figures: Partial<Record<CounterName, number>>, dims: Record<string, string>): Counters {
  // for…in, not Object.entries: this runs per record per contribution, and a recount reads them all.
  const out: Counters = {};
  for (const id in figures) {
    const n = figures[id as CounterName]!;
    out[id] = n;
    for (const by in dims) out[counterKey(id as CounterName, by, dims[by])] = n;
  }
  return out;
}

export function disputeContributions(d: Dispute | null, cfg: ReportConfig = DEFAULT_REPORT_CONFIG): Contribution[] {
  if (!d || d.deleted) return [];
  const dims = { type: d.type, channel: d.channel, source: sourceOf(d) };
  const out: Contribution[] = [{ date: d.acceptedDate, counters: withBreakdowns({ accepted: 1 }, dims) }, mediatorTally(d)];
  if (!isClosed(d.outcome) || !d.resolvedDate) return out;
  const concluded = withBreakdowns({ [CONCLUDED[d.outcome]]: 1 }, d.outcome !== '调解成功' ? {} : d.agreementForm ? { ...dims, agreement: d.agreementForm } : dims);
  if (d.outcome === '调解成功') concluded.successFen = d.amountFen;
  for (const kind in d.prevention) {
    concluded[counterKey('prevented', 'kind', kind)] = 1;
    concluded[counterKey('preventedPeople', 'kind', kind)] = d.prevention[kind as Prevention]!;
  }
  out.push({ date: d.resolvedDate, counters: concluded });
  if (d.outcome === '调解成功') {
    if (cfg.caseChannels.includes(d.channel)) {
      out.push({ date: d.resolvedDate, counters: withBreakdowns({ D1: 1, D2: d.amountFen }, dims) });
    }
    if (cfg.courtChannels.includes(d.channel)) {
      out.push({ date: d.resolvedDate, counters: withBreakdowns({ D3: 1, D4: d.banners }, dims) });
    }
  }
  return out;
}

/**
 * 我的台账's "共 N 件": a mediator's cases counted by unit, 调解结果 and 纠纷类型 on their 受理日期,
 * as rollups of a place of the mediator's own. A count then reads a year's (or the month's)
 * documents, not the cases: at 1M disputes, counting one busy mediator's read 70,000 rows.
 */
export const tallyPlace = (mediatorId: string): string => `mediator:${mediatorId}`;

function mediatorTally(d: Dispute): Contribution {
  const key = [d.unitId, d.outcome, escapePart(d.type)].join('|');
  return { date: d.acceptedDate, at: [tallyPlace(d.mediatorId)], counters: { [key]: 1 } };
}

/** A tally's counters as the cases they count: how many in which unit, with which 调解结果 and 纠纷类型. */
export function tallied(c: Counters): { unitId: string; outcome: string; type: string; n: number }[] {
  return Object.entries(c).map(([key, n]) => {
    const [unitId, outcome, type] = key.split('|');
    return { unitId, outcome, type: unescapePart(type ?? ''), n };
  });
}

/** Contributions of one version of a record, at the units it belongs to. */
export interface Placed {
  unitPath: readonly string[];
  contributions: Contribution[];
}

/**
 * Adds what a record version contributes (sign -1: takes it away) into per-document
 * counter changes: a batch of writes sums its changes here and applies them once.
 */
function addPlaced(byDoc: Map<string, RollupDoc>, { unitPath, contributions }: Placed, sign: 1 | -1): void {
  for (const { date, counters, at } of contributions) {
    for (const period of periodsOf(date)) {
      for (const unitId of at ?? unitPath) {
        const id = rollupId(unitId, period);
        let doc = byDoc.get(id);
        if (!doc) byDoc.set(id, (doc = { _id: id, unitId, period, c: {} }));
        for (const [k, n] of Object.entries(counters)) doc.c[k] = (doc.c[k] ?? 0) + sign * n;
      }
    }
  }
}

/**
 * The change to apply to each rollup document when a record goes from `before` to
 * `after` (which may sit at other units, if the record moved). Zero changes are
 * dropped, so an unchanged record touches nothing.
 */
export function rollupDelta(before: Placed, after: Placed): Map<string, RollupDoc> {
  const byDoc = new Map<string, RollupDoc>();
  addPlaced(byDoc, before, -1);
  addPlaced(byDoc, after, 1);
  return dropZeros(byDoc);
}

/** The rollup documents a record version counts in (what its date and units touch). */
export function rollupsOf(placed: Placed): Map<string, RollupDoc> {
  const byDoc = new Map<string, RollupDoc>();
  addPlaced(byDoc, placed, 1);
  return byDoc;
}

function dropZeros(byDoc: Map<string, RollupDoc>): Map<string, RollupDoc> {
  for (const [id, doc] of byDoc) {
    for (const [k, n] of Object.entries(doc.c)) if (n === 0) delete doc.c[k];
    if (!Object.keys(doc.c).length) byDoc.delete(id);
  }
  return byDoc;
}

/**
 * What many records add to the rollups (an import batch, a recount), summed by unit path and
 * month: every period a date counts in (year, quarter, month) follows from its month, so the
 * records of one place and month share one sum, spread over the rollup documents once, at the
 * end. Adding a record is then one sum, not one per ancestor unit × period.
 */
export class RollupSums {
  private readonly sums = new Map<string, { unitPath: readonly string[]; date: string; counters: Counters }>();

  add({ unitPath, contributions }: Placed, sign: 1 | -1): void {
    for (const { date, counters, at } of contributions) {
      const path = at ?? unitPath;
      const month = date.slice(0, 7);
      const key = `${path.join('/')}@${month}`;
      let sum = this.sums.get(key);
      if (!sum) this.sums.set(key, (sum = { unitPath: path, date: `${month}-01`, counters: {} }));
      for (const k in counters) sum.counters[k] = (sum.counters[k] ?? 0) + sign * counters[k];
    }
  }

  /** The change to each rollup document; as in rollupDelta, zero changes are dropped. */
  delta(): Map<string, RollupDoc> {
    const byDoc = new Map<string, RollupDoc>();
    for (const sum of this.sums.values()) addPlaced(byDoc, { unitPath: sum.unitPath, contributions: [sum] }, 1);
    return dropZeros(byDoc);
  }
}

/** Adds a delta to a stored rollup (or to nothing); counters that reach zero disappear. */
export function addCounters(stored: RollupDoc | null, delta: RollupDoc): RollupDoc {
  // Object.assign, not a spread: a rollup's hundred counters copy several times faster so.
  const c: Counters = Object.assign({}, stored?.c);
  for (const [k, n] of Object.entries(delta.c)) {
    const v = (c[k] ?? 0) + n;
    if (v === 0) delete c[k];
    else c[k] = v;
  }
  return { _id: delta._id, unitId: delta.unitId, period: delta.period, c };
}

/** A figure's counters broken down: { 'D1|type': { 邻里: 3, … }, 'trainings|category': { … } }. */
export function breakdownsOf(c: Counters): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [key, n] of Object.entries(c)) {
    const { id, by, value } = parseCounterKey(key);
    if (by === undefined) continue;
    (out[`${id}|${by}`] ??= {})[value!] = n;
  }
  return out;
}

