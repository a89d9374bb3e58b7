/** A session's attendance list narrowed by tick (全部 / 已签到 / 未签到), and a village's unticked people for 全村签到. Pure. */
import type { RosterLine } from './training';

export const TICK_FILTERS = ['全部', '已签到', '未签到'] as const;
export type TickFilter = (typeof TICK_FILTERS)[number];

export function byTick(lines: readonly RosterLine[], present: ReadonlySet<string>, f: TickFilter): RosterLine[] {
  return f === '全部' ? [...lines] : lines.filter((p) => present.has(p._id) === (f === '已签到'));
}

/** How many of `lines` each filter shows: the chips carry them, so narrowing never hides the counts. */
export function tickCounts(lines: readonly RosterLine[], present: ReadonlySet<string>): Record<TickFilter, number> {
  const ticked = lines.filter((p) => present.has(p._id)).length;
  return { 全部: lines.length, 已签到: ticked, 未签到: lines.length - ticked };
}
