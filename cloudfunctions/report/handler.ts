/**
 * 年度报告: the report lines and paragraph of a unit and year, and the same as .xlsx / .docx
 * files; the unit's ledger for the year in the import format (台账导出, as `npm run export`); and
 * the 人民调解统计报表 of a month, quarter or year, and the same as a filing table (.xlsx / .docx).
 */
import { AnnualQuery, ExportQuery } from '../../types/report';
import { StatisticsExportQuery, StatisticsQuery } from '../../types/statistics';
import { annualReport, exportReport } from '../core/app/annual-report';
import { exportLedger } from '../core/app/export-ledger';
import { exportStatistics, statistics } from '../core/app/statistics';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const report: CloudFunction = {
  annual: (payload, call) => annualReport(call, parse(AnnualQuery, payload ?? {})),
  export: (payload, call) => exportReport(call, parse(ExportQuery, payload ?? {})),
  ledger: (payload, call) => exportLedger(call, parse(AnnualQuery, payload ?? {})),
  statistics: (payload, call) => statistics(call, parse(StatisticsQuery, payload)),
  statisticsExport: (payload, call) => exportStatistics(call, parse(StatisticsExportQuery, payload)),
};
