/** The annual report read from the rollups: a unit's documents, whatever the number of records. */
import type { Unit } from '../../../types/org';
import type { AnnualReport, ExportFormat } from '../../../types/report';
import { disputeTypesOf } from '../../../types/settings';
import { breakdownsFor, breakdownTable, buildAnnualReport, courtBodyOf, type BreakdownTable } from '../domain/figures/report';
import { childUnits, readRollup, readRollups, readSettings } from './write';
import type { Store } from '../platform/port';

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

/** The annual report of `unit` for `year` as a file. exceljs and docx load on first use: they add about half a second to a cold start. */
export async function reportFile(store: Store, unit: Unit, year: number, format: ExportFormat, now: Date) {
  const files = await import('../files/report-files');
  const report = await annualReportOf(store, unit, year);
  return files.reportFile(report, format === 'xlsx' ? await breakdownTablesOf(store, unit, year) : [], format, now);
}
