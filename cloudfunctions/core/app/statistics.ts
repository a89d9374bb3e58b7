/**
 * 人民调解统计报表 (report.statistics): a unit subtree's table for a month, quarter or year with
 * 同比 and 环比, and one row per sub-unit. Reads the rollup documents of the units and periods
 * in view (their number follows the tree and the years recorded, never the records).
 */
import { periodLabel, periodRange, type PeriodKey } from '../../../types/dates';
import { VIEWERS, type Unit } from '../../../types/org';
import { disputeTypesOf } from '../../../types/settings';
import type { StatisticsQuery, StatisticsRow, StatisticsView } from '../../../types/statistics';
import { isBlank, ownPart, periodsToRead, splitsOf, statLines, statPeriods, type CountersAt } from '../domain/figures/statistics';
import type { Call, Store } from '../platform/port';
import { firstYear, readRollups } from './queries/rollups';
import { readSettings } from './queries/settings';
import { childUnits } from './queries/units';
import { unitInView } from './unit-in-view';

/** The row for what a unit recorded itself (a 司法所's own cases), beside its sub-units'. */
const OWN_ROW = '本级';

export function statistics(call: Call, q: StatisticsQuery): Promise<StatisticsView> {
  return unitInView(call, VIEWERS, q.unitId, '只有主管可以查看统计报表').then((unit) => statisticsOf(call.store, unit, q.period));
}

/** The table of `unit` for a period key ('2024', '2024Q1', '2024-03'), as the function and the CLI give it. */
export async function statisticsOf(store: Store, unit: Unit, period: PeriodKey): Promise<StatisticsView> {
  const p = statPeriods(period);
  const [children, settings, first] = await Promise.all([childUnits(store, unit._id), readSettings(store), firstYear(store, unit.path[0])]);
  const counters = await readRollups(store, [unit, ...children].map((u) => u._id), periodsToRead([p.key, p.yoy, p.mom], first));
  const at = (unitId: string): CountersAt => (key) => counters(unitId, key);

  const rows: StatisticsRow[] = children.map((u) => ({ unit: u.name, unitId: u._id, lines: statLines(at(u._id), p, first) }));
  if (children.length) {
    const own = statLines(ownPart(at(unit._id), children.map((u) => at(u._id))), p, first);
    if (!isBlank(own)) rows.push({ unit: OWN_ROW, unitId: unit._id, lines: own });
  }
  return {
    unit: unit.name,
    unitId: unit._id,
    period: { key: p.key, ...periodRange(p.key), label: periodLabel(p.key) },
    compared: { yoy: periodRange(p.yoy), mom: periodRange(p.mom) },
    lines: statLines(at(unit._id), p, first),
    ...splitsOf(counters(unit._id, p.key), disputeTypesOf(settings)),
    rows,
  };
}
