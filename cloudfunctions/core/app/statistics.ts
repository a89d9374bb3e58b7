/**
 * 人民调解统计报表 (report.statistics): a unit subtree's table for a month, quarter or year with
 * 同比 and 环比, and one row per sub-unit. Reads the rollup documents of the units and periods
 * in view (their number follows the tree and the years recorded, never the records). The same
 * as a filing table file (report.statisticsExport, `npm run stats -- --format xlsx|docx`).
 */
import { periodLabel, periodRange, todayBeijing, type PeriodKey } from '../../../types/dates';
import { VIEWERS, type Unit } from '../../../types/org';
import type { ExportedFile, ExportFormat } from '../../../types/report';
import { disputeTypesOf } from '../../../types/settings';
import type { StatisticsExportQuery, StatisticsQuery, StatisticsRow, StatisticsView } from '../../../types/statistics';
import { isBlank, ownPart, periodsToRead, splitsOf, statLines, statPeriods, type CountersAt } from '../domain/figures/statistics';
import { filingTable } from '../domain/figures/statistics-table';
import type { ReportFile } from '../files/report-files';
import type { Call, Store } from '../platform/port';
import { keepFile } from './kept-file';
import { firstYear, readRollups } from './queries/rollups';
import { readSettings } from './queries/settings';
import { childUnits } from './queries/units';
import { unitInView } from './unit-in-view';

/** The row for what a unit recorded itself (a 司法所's own cases), beside its sub-units'. */
const OWN_ROW = '本级';
const REFUSAL = '只有主管可以查看统计报表';

export function statistics(call: Call, q: StatisticsQuery): Promise<StatisticsView> {
  return unitInView(call, VIEWERS, q.unitId, REFUSAL).then((unit) => statisticsOf(call.store, unit, q.period));
}

/** A table as a file, filed on `now`'s Beijing date. exceljs and docx load on first use, as for the annual report. */
export async function statisticsFile(view: StatisticsView, format: ExportFormat, now: Date): Promise<ReportFile> {
  const files = await import('../files/statistics-files');
  return files.filingFile(filingTable(view, todayBeijing(now)), format);
}

/** The table of the unit in view as an .xlsx or .docx, kept under exports/ for download. */
export async function exportStatistics(call: Call, q: StatisticsExportQuery): Promise<ExportedFile> {
  const unit = await unitInView(call, VIEWERS, q.unitId, REFUSAL);
  const file = await statisticsFile(await statisticsOf(call.store, unit, q.period), q.format, call.now());
  return keepFile(call, { dir: `exports/${q.period}`, tag: unit._id, tail: `-stats.${q.format}` }, file.bytes, file.name);
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
