/**
 * 人民调解统计报表: the monthly (quarterly, yearly) table a 司法所 and a 司法局 file upward,
 * DOMAIN.md "Monthly statistics" — a public contract, like the import format. The shape is
 * what `report.statistics` answers and `npm run stats -- --format json` prints.
 */
import * as v from 'valibot';
import { PeriodKeySchema } from './dates';
import { PREVENTIONS } from './dispute';
import { UnitIdSchema } from './org';
import { EXPORT_FORMATS } from './report';

/** The lines counted from 排查 records (types/screening.ts) rather than from cases. */
export const SCREENING_LINES = ['排查次数', '排查发现纠纷', '预防纠纷'] as const;
/** The table's count lines, in its order (成功率 and 协议涉及金额 are worded apart). */
export const COUNT_LINES = ['受理', '调解成功', '调解不成', '终止', '在办', '书面协议', '口头协议', ...PREVENTIONS, ...SCREENING_LINES] as const;
export type CountLine = (typeof COUNT_LINES)[number];
export const RATE_LINE = '成功率';
export const MONEY_LINE = '协议涉及金额';
/** Every line, in the table's order. */
export const STAT_LINES = ['受理', '调解成功', '调解不成', '终止', '在办', RATE_LINE, MONEY_LINE, '书面协议', '口头协议', ...PREVENTIONS, ...SCREENING_LINES] as const;
export type StatLine = (typeof STAT_LINES)[number];

export const StatisticsQuery = v.object({
  unitId: v.optional(UnitIdSchema),
  /** '2024' (a year), '2024Q1' (a quarter) or '2024-03' (a month). */
  period: PeriodKeySchema,
});
export type StatisticsQuery = v.InferOutput<typeof StatisticsQuery>;

/** `report.statisticsExport`: the same table as a filing table (.xlsx) or a document (.docx). */
export const StatisticsExportQuery = v.object({
  ...StatisticsQuery.entries,
  format: v.picklist(EXPORT_FORMATS, '导出格式只能是 xlsx 或 docx'),
});
export type StatisticsExportQuery = v.InferOutput<typeof StatisticsExportQuery>;

/** A line's value this period, the same period a year earlier (同比) and the previous one (环比). */
export interface CountCell {
  value: number;
  yoy: number;
  mom: number;
  /** The change in percent, one decimal, signed ('+12.5%'); '—' when the earlier value is 0. */
  yoyChange: string;
  momChange: string;
  /** The prevention lines: the sum of people (人) beside the cases (件). */
  people?: number;
}
export interface RateCell {
  /** '97.3%', or '—' when nothing was concluded. */
  value: string;
  yoy: string;
  mom: string;
}
export interface MoneyCell {
  /** '123.45万元': 万元 with two decimals. */
  value: string;
  /** Exact, in fen. */
  fen: number;
  /** Exact, in yuan: '1234500.00元'. */
  yuan: string;
  /** 同比 and 环比 in fen (DOMAIN.md: money as fen). */
  yoy: number;
  mom: number;
  yoyChange: string;
  momChange: string;
}
export type StatLines = Record<CountLine, CountCell> & { 成功率: RateCell; 协议涉及金额: MoneyCell };

/** 受理 and 调解成功 split one way (by type, channel or 来源). */
export type Split = Record<string, { 受理: number; 调解成功: number }>;

export interface StatisticsRow {
  unit: string;
  unitId: string;
  lines: StatLines;
}

export interface StatisticsView {
  unit: string;
  unitId: string;
  period: { key: string; from: string; to: string; label: string };
  /** The periods 同比 and 环比 compare with. */
  compared: { yoy: { from: string; to: string }; mom: { from: string; to: string } };
  lines: StatLines;
  byType: Split;
  byChannel: Split;
  bySource: Split;
  /** One per sub-unit, in the tree's order; their count lines sum to `lines`. */
  rows: StatisticsRow[];
}
