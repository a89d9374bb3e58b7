/** Cases (C.disputes): the filters of 我的台账 in one place. */
import type { Dispute } from '../../../../types/dispute';
import type { DisputeList, DisputeListQuery } from '../../../../types/ledger';
import { RECORDERS, type Unit, type User } from '../../../../types/org';
import { grantUnits } from '../../../../types/reach';
import { addDays, periodRange, todayBeijing } from '../../../../types/dates';
import { CONFIRMATION_STATUSES, confirmationWindowStart, type DueCounts, type DueKind } from '../../../../types/followup';
import { tallied, tallyPlace } from '../../domain/figures/rollup';
import { C, containsText, type Filter, type FindOptions, type Store } from '../../platform/port';
import { eachDoc } from './paging';
import { readRollups, yearsCounted } from './rollups';

/**
 * 我的台账's order: the latest logged first. An import's rows share createdAt, so they follow
 * their 受理日期, newest first; the id breaks what ties remain, so pages neither skip nor repeat.
 */
const MY_CASES_ORDER: FindOptions['sort'] = { createdAt: -1, acceptedDate: -1, _id: -1 };
/**
 * One 受理月份 lists by 受理日期, newest first: in the order logged, a month's page would walk
 * every case logged since, which grows with the ledger.
 */
const MONTH_ORDER: FindOptions['sort'] = { acceptedDate: -1, createdAt: -1, _id: -1 };

/**
 * The cases of a due kind on `today` (awaitsConfirmation and followUpDue's query form): each an
 * index range (outcome + 调结日期, or followUpDue) with the rest checked on the cases in it.
 */
export function dueFilter(kind: DueKind, today: string): Filter {
  if (kind === 'open') return { outcome: '在办' };
  // Bounded below too (every due date is a date): SQLite's planner prices a one-sided range as
  // most of the table, though most cases have no due date, and would read every case instead.
  if (kind === 'followUp') return { followUpDue: { $gte: '1900-01-01', $lte: today } };
  return {
    outcome: '调解成功',
    resolvedDate: { $gte: confirmationWindowStart(today), $lte: today },
    agreementForm: '书面',
    // Absent is 未申请: $nin matches a case with no confirmation too.
    'confirmation.status': { $nin: CONFIRMATION_STATUSES.filter((s) => s !== '未申请') },
  };
}

/** How many of the cases `base` selects are of each due kind today: three counts, each walking its own index. */
export async function dueCounts(store: Store, base: Filter, today: string): Promise<DueCounts> {
  const [open, followUp, confirmation] = await Promise.all(
    (['open', 'followUp', 'confirmation'] as const).map((k) => store.count(C.disputes, { ...base, ...dueFilter(k, today) })),
  );
  return { open, followUp, confirmation };
}

/** The caller's cases in units they still reach as a mediator (one moved elsewhere no longer sees the old unit's). */
export const myCasesBase = (caller: User): Filter => ({ mediatorId: caller._id, deleted: false, unitPath: { $in: grantUnits(caller, RECORDERS.dispute) } });

/** 我的台账: the caller's cases (myCasesBase), narrowed by the page's filters. */
function myCasesFilter(caller: User, q: Omit<DisputeListQuery, 'skip' | 'limit'>, today = todayBeijing()): Filter {
  const filter: Filter = myCasesBase(caller);
  if (q.due) Object.assign(filter, dueFilter(q.due, today));
  if (q.month) {
    const { from, to } = periodRange(q.month);
    filter.acceptedDate = { $gte: from, $lte: to };
  }
  if (q.outcome) filter.outcome = q.outcome;
  if (q.type) filter.type = q.type;
  if (q.q) filter.summary = containsText(q.q);
  return filter;
}

/**
 * One page of 我的台账, and how many cases match: counted from the mediator's tally, so the
 * count costs their years, not their cases. A search is not counted (no tally holds the
 * words of summaries): its answer says only whether more follow. What is due has no tally:
 * its count is the indexed query on the due field (dueFilter).
 */
export async function myCases(store: Store, caller: User, q: DisputeListQuery, today?: string): Promise<DisputeList> {
  const filter = myCasesFilter(caller, q, today);
  const sort = q.month ? MONTH_ORDER : MY_CASES_ORDER;
  if (q.q) {
    const found = await store.find<Dispute>(C.disputes, filter, { sort, skip: q.skip, limit: q.limit + 1 });
    return { items: found.slice(0, q.limit), more: found.length > q.limit };
  }
  if (q.due) return countedPage(store, filter, q, sort);
  const [items, total] = await Promise.all([
    store.find<Dispute>(C.disputes, filter, { sort, skip: q.skip, limit: q.limit }),
    myCaseCount(store, caller, q),
  ]);
  return { items, total, more: q.skip + items.length < total };
}

/** A supervisor's list of a subtree's cases of a due kind: the most overdue 回访 first, else the latest logged. */
export function dueCasesUnder(store: Store, unitId: string, kind: DueKind, page: Pick<DisputeListQuery, 'skip' | 'limit'>, today: string): Promise<DisputeList> {
  const sort: FindOptions['sort'] = kind === 'followUp' ? { followUpDue: 1, _id: 1 } : MY_CASES_ORDER;
  return countedPage(store, { unitPath: unitId, deleted: false, ...dueFilter(kind, today) }, page, sort);
}

async function countedPage(store: Store, filter: Filter, page: Pick<DisputeListQuery, 'skip' | 'limit'>, sort: FindOptions['sort']): Promise<DisputeList> {
  const [items, total] = await Promise.all([
    store.find<Dispute>(C.disputes, filter, { sort, skip: page.skip, limit: page.limit }),
    store.count(C.disputes, filter),
  ]);
  return { items, total, more: page.skip + items.length < total };
}

/** The tally's count of the caller's cases matching the month, 调解结果 and 纠纷类型, in units they still reach. */
async function myCaseCount(store: Store, caller: User, q: Pick<DisputeListQuery, 'month' | 'outcome' | 'type'>): Promise<number> {
  const place = tallyPlace(caller._id);
  const periods = q.month ? [q.month] : await yearsCounted(store, place);
  if (!periods.length) return 0;
  const counters = await readRollups(store, [place], periods);
  const counts = periods
    .flatMap((p) => tallied(counters(place, p)))
    .filter((c) => (!q.outcome || c.outcome === q.outcome) && (!q.type || c.type === q.type));
  const reach = new Set(grantUnits(caller, RECORDERS.dispute));
  const unitIds = [...new Set(counts.map((c) => c.unitId))];
  const units = unitIds.length ? await store.find<Unit>(C.units, { _id: { $in: unitIds } }) : [];
  const reached = new Set(units.filter((u) => u.path.some((id) => reach.has(id))).map((u) => u._id));
  return counts.reduce((n, c) => (reached.has(c.unitId) ? n + c.n : n), 0);
}

/** The newest case of 我的台账 (not deleted, in a unit the caller still reaches), if any. */
export async function lastCase(store: Store, caller: User): Promise<Dispute | undefined> {
  const [last] = await store.find<Dispute>(C.disputes, myCasesFilter(caller, {}), { sort: MY_CASES_ORDER, limit: 1 });
  return last;
}

export function getDispute(store: Store, id: string): Promise<Dispute | null> {
  return store.get<Dispute>(C.disputes, id);
}

/**
 * 台账导出's cases: those of the unit's subtree accepted in the year, then those resolved in it
 * that were accepted before it (a case is resolved on or after its 受理日期). Read one day at
 * a time, a day's in pages by id, so each read walks the date's index: the export costs the
 * year's cases, not every year the unit has.
 */
export async function* casesOfYear(store: Store, unitId: string, year: number): AsyncGenerator<Dispute> {
  const from = `${year}-01-01`;
  const days: string[] = [];
  for (let day = from; day.startsWith(String(year)); day = addDays(day, 1)) days.push(day);
  const base = { unitPath: unitId, deleted: false };
  for (const day of days) yield* eachDoc<Dispute>(store, C.disputes, { ...base, acceptedDate: day });
  for (const day of days) yield* eachDoc<Dispute>(store, C.disputes, { ...base, resolvedDate: day, acceptedDate: { $lt: from } });
}
