/**
 * 年度报告: the report lines and paragraph of a unit and year, and the same as .xlsx / .docx
 * files; and the unit's ledger for the year in the import format (台账导出, as `npm run export`).
 */
import { AnnualQuery, ExportQuery } from '../../types/report';
import { annualReport, exportReport } from '../core/app/annual-report';
import { exportLedger } from '../core/app/export-ledger';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const report: CloudFunction = {
  annual: (payload, call) => annualReport(call, parse(AnnualQuery, payload ?? {})),
  export: (payload, call) => exportReport(call, parse(ExportQuery, payload ?? {})),
  ledger: (payload, call) => exportLedger(call, parse(AnnualQuery, payload ?? {})),
};
