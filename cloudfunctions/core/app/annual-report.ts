/** 年度报告: read from the rollups (a unit's documents, whatever the number of records), as lines and as files. */
import { VIEWERS, type Unit } from '../../../types/org';
import { composeParagraph, type AnnualQuery, type AnnualReport, type ExportedFile, type ExportFormat, type ExportQuery } from '../../../types/report';
import { disputeTypesOf } from '../../../types/settings';
import { breakdownsFor, breakdownTable, buildAnnualReport, courtBodyOf, type BreakdownTable } from '../domain/figures/report';
import type { Call, Store } from '../platform/port';
import { keepFile } from './kept-file';
import { readRollup, readRollups } from './queries/rollups';
import { readSettings } from './queries/settings';
import { childUnits } from './queries/units';
import { unitInView } from './unit-in-view';

const REPORT_REFUSAL = '只有主管可以查看年度报告';

export async function annualReportOf(store: Store, unit: Unit, year: number): Promise<AnnualReport> {
  const [counters, children] = await Promise.all([readRollup(store, unit._id, String(year)), childUnits(store, unit._id)]);
  return buildAnnualReport(unit, year, counters, { courtBody: courtBodyOf(unit, children) });
}

export async function breakdownTablesOf(store: Store, unit: Unit, year: number): Promise<BreakdownTable[]> {
  const period = String(year);
  const children = await childUnits(store, unit._id);
  const counters = await readRollups(store, [unit, ...children].map((u) => u._id), [period]);
  const [scope, ...rows] = [unit, ...children].map((u) => ({ name: u.name, counters: counters(u._id, period) }));
  const disputeTypes = disputeTypesOf(await readSettings(store));
  return breakdownsFor(disputeTypes).map((b) => breakdownTable(b, scope, rows));
}

/** How the paragraph is shown: lines exact, zero clauses in (the 年度报告 page's switches); by default worded, left out. */
export type Shown = Pick<ExportQuery, 'exact' | 'showZero'>;

/**
 * The annual report of `unit` for `year` as a file, its paragraph as shown. exceljs and docx
 * load on first use: they add about half a second to a cold start.
 */
export async function reportFile(store: Store, unit: Unit, year: number, format: ExportFormat, now: Date, shown: Shown = { exact: [], showZero: false }) {
  const files = await import('../files/report-files');
  const report = await annualReportOf(store, unit, year);
  const paragraph = composeParagraph(report, new Set(shown.exact), shown.showZero);
  return files.reportFile({ ...report, paragraph }, format === 'xlsx' ? await breakdownTablesOf(store, unit, year) : [], format, now);
}

/** The report lines and paragraph of the unit in view. */
export async function annualReport(call: Call, q: AnnualQuery): Promise<AnnualReport> {
  return annualReportOf(call.store, await unitInView(call, VIEWERS, q.unitId, REPORT_REFUSAL), q.year);
}

/** The same as an .xlsx or .docx, kept under exports/ for download. */
export async function exportReport(call: Call, q: ExportQuery): Promise<ExportedFile> {
  const unit = await unitInView(call, VIEWERS, q.unitId, REPORT_REFUSAL);
  const file = await reportFile(call.store, unit, q.year, q.format, call.now(), q);
  return keepFile(call, { dir: `exports/${q.year}`, tag: unit._id, tail: `.${q.format}` }, file.bytes, file.name);
}
