/** Typed calls for the 年度报告 page. */
import type { AnnualQuery, AnnualReport, ExportedFile, ExportQuery } from '../../types/report';
import { call, openFile } from './backend';

export const getAnnualReport = (q: AnnualQuery) => call<AnnualReport>('report', 'annual', q);

/** Builds the file on the back end, then downloads (h5) or opens (WeChat) it. */
export async function exportReport(q: ExportQuery): Promise<void> {
  await openFile(await call<ExportedFile>('report', 'export', q), q.format);
}

/** The same unit and year's ledger (台账, in the import format), built and opened the same way. */
export async function exportLedger(q: AnnualQuery): Promise<void> {
  await openFile(await call<ExportedFile>('report', 'ledger', q), 'xlsx');
}
