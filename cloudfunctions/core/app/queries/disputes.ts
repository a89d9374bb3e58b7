/** Cases (C.disputes): the filters of 我的台账 in one place. */
import type { DisputeListQuery } from '../../../../types/ledger';
import { RECORDERS, type User } from '../../../../types/org';
import { grantUnits } from '../../../../types/reach';
import { periodRange } from '../../../../types/dates';
import { containsText, type Filter, type FindOptions } from '../../platform/port';

/**
 * 我的台账's order: the latest logged first. An import's rows share createdAt, so they follow
 * their 受理日期, newest first; the id breaks what ties remain, so pages neither skip nor repeat.
 */
export const MY_CASES_ORDER: FindOptions['sort'] = { createdAt: -1, acceptedDate: -1, _id: -1 };

/**
 * 我的台账: the caller's cases in units they still reach as a mediator (one moved elsewhere
 * no longer sees the old unit's), narrowed by the page's filters.
 */
export function myCasesFilter(caller: User, q: Omit<DisputeListQuery, 'skip' | 'limit'>): Filter {
  const filter: Filter = { mediatorId: caller._id, deleted: false, unitPath: { $in: grantUnits(caller, RECORDERS.dispute) } };
  if (q.month) {
    const { from, to } = periodRange(q.month);
    filter.acceptedDate = { $gte: from, $lte: to };
  }
  if (q.outcome) filter.outcome = q.outcome;
  if (q.type) filter.type = q.type;
  if (q.q) filter.summary = containsText(q.q);
  return filter;
}
