/** The annual report read from the rollups: one document per unit, whatever the number of records. */
import type { Unit } from '../../types/org';
import type { AnnualReport } from '../../types/report';
import { disputeTypesOf } from '../../types/settings';
import { breakdownsFor, breakdownTable, buildAnnualReport, courtBodyOf, type BreakdownTable } from './domain/report';
import { childUnits, readRollup, readSettings } from './records';
import type { Store } from './port';

export async function annualReportOf(store: Store, unit: Unit, year: number): Promise<AnnualReport> {
  const [counters, children] = await Promise.all([readRollup(store, unit._id, String(year)), childUnits(store, unit._id)]);
  return buildAnnualReport(unit, year, counters, { courtBody: courtBodyOf(unit, children) });
}

export async function breakdownTablesOf(store: Store, unit: Unit, year: number): Promise<BreakdownTable[]> {
  const period = String(year);
  const children = await childUnits(store, unit._id);
  const [scope, ...rows] = await Promise.all(
    [unit, ...children].map(async (u) => ({ name: u.name, counters: await readRollup(store, u._id, period) })),
  );
  const disputeTypes = disputeTypesOf(await readSettings(store));
  return breakdownsFor(disputeTypes).map((b) => breakdownTable(b, scope, rows));
}
