import * as v from 'valibot';
import { PeriodKeySchema } from './dates';
import { UnitIdSchema } from './org';
import { paging } from './validation';

/** The report lines of DOMAIN.md. Kind decides how a figure is worded. */
export type MetricKind = 'exact' | 'round' | 'money';
export interface MetricDef {
  id: MetricId;
  label: string;
  unit: string;
  kind: MetricKind;
}
export const METRICS = [
  { id: 'D1', label: '化解矛盾纠纷', unit: '件', kind: 'exact' },
  { id: 'D2', label: '涉及金额', unit: '万元', kind: 'money' },
  { id: 'D3', label: '成功调解法院移交案件', unit: '件', kind: 'exact' },
  { id: 'D4', label: '收到锦旗', unit: '面', kind: 'exact' },
  { id: 'T1', label: '“法律明白人”培训会', unit: '次', kind: 'exact' },
  { id: 'T2', label: '覆盖人群', unit: '人', kind: 'exact' },
  { id: 'P1', label: '宣传活动', unit: '场', kind: 'round' },
  { id: 'P2', label: '发放宣传资料', unit: '份', kind: 'round' },
  { id: 'P3', label: '解答群众咨询', unit: '人次', kind: 'round' },
] as const satisfies readonly { id: string; label: string; unit: string; kind: MetricKind }[];
export type MetricId = 'D1' | 'D2' | 'D3' | 'D4' | 'T1' | 'T2' | 'P1' | 'P2' | 'P3';

/** Beside the report lines: cases accepted in the period. */
export type CounterId = MetricId | 'accepted';

export interface Figure {
  /** Exact value: a count, or fen for money. */
  value: number;
  /** As the report words it: '4454件', '6835余万元', '180余场'. */
  text: string;
  /** Exact wording: '4454件', '68357200.37元', '183场'. */
  exactText: string;
}

export const SummaryQuery = v.object({
  unitId: v.optional(UnitIdSchema),
  period: v.optional(PeriodKeySchema),
});
export type SummaryQuery = v.InferOutput<typeof SummaryQuery>;

/** A figure the same period a year earlier (同比). */
export interface YearOnYear {
  /** Exact value then: a count, or fen for money. */
  value: number;
  /** Worded as the report words it. */
  text: string;
  /** The change to now in percent, one decimal, signed ('+12.5%'); '—' when it was 0. */
  change: string;
}

export interface Summary {
  unitId: string;
  unitName: string;
  period: string;
  figures: Record<MetricId, Figure>;
  yoy: Record<MetricId, YearOnYear>;
  accepted: number;
  inProgress: number;
}

/** The report lines of disputes: the ones broken down by type and by channel. */
export const DISPUTE_METRICS = ['D1', 'D2', 'D3', 'D4'] as const satisfies readonly MetricId[];
export type DisputeMetricId = (typeof DISPUTE_METRICS)[number];

/** One value of a breakdown (a dispute type, a channel) with the dispute figures it holds. */
export interface FigureSplitRow {
  name: string;
  figures: Record<DisputeMetricId, Figure>;
}

/** What `rollup.summary` answers: the scope's figures and each sub-unit's, for drill-down. */
export interface SummaryView {
  scope: Summary;
  children: Summary[];
  parentId: string | null;
  /** The period 同比 compares with: the same one a year earlier ('2023', '2023Q1', '2023-03'). */
  yoyPeriod: string;
  /** The scope's dispute figures by type (the district's list first) and by channel; values with nothing left out. */
  splits: { byType: FigureSplitRow[]; byChannel: FigureSplitRow[] };
  /** The scope's figures broken down: { 'D1|type': { 邻里: 3 }, 'D1|channel': {…}, 'trainings|category': {…} }. */
  breakdowns: Record<string, Record<string, number>>;
}

export const METRIC_IDS = ['D1', 'D2', 'D3', 'D4', 'T1', 'T2', 'P1', 'P2', 'P3'] as const;

export const TrendQuery = v.object({
  unitId: v.optional(UnitIdSchema),
  year: v.optional(v.pipe(v.string('年份格式应为 2024'), v.regex(/^\d{4}$/, '年份格式应为 2024'))),
});
export type TrendQuery = v.InferOutput<typeof TrendQuery>;
export interface TrendView {
  unitId: string;
  year: string;
  /** Twelve months, January first: each metric's exact value, and worded. */
  months: { period: string; values: Record<MetricId, number>; texts: Record<MetricId, string> }[];
}


export const RecordsQuery = v.object({
  unitId: UnitIdSchema,
  period: PeriodKeySchema,
  metric: v.picklist(METRIC_IDS, '未知的指标'),
  ...paging(200, 50),
});
export type RecordsQuery = v.InferOutput<typeof RecordsQuery>;
/** The records behind a figure, as lines a supervisor reads (personal information masked). */
export interface RecordsView {
  total: number;
  items: { id: string; kind: 'dispute' | 'training' | 'publicity' | 'person'; date: string; title: string; detail: string; unitName: string }[];
}

/** The locks that bind a unit's view (default: the top of my reach). */
export const LocksQuery = v.object({ unitId: v.optional(UnitIdSchema) });
export type LocksQuery = v.InferOutput<typeof LocksQuery>;

export const LockInput = v.object({
  unitId: UnitIdSchema,
  period: v.pipe(v.string('请选择年份或月份'), v.regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, '只能锁定整年或整月')),
});
export type LockInput = v.InferOutput<typeof LockInput>;
export const UnlockInput = v.object({
  ...LockInput.entries,
  reason: v.pipe(v.string('请填写解锁原因'), v.trim(), v.minLength(2, '请填写解锁原因'), v.maxLength(200, '原因不超过200字')),
});
export type UnlockInput = v.InferOutput<typeof UnlockInput>;

export interface LockView {
  _id: string;
  unitId: string;
  unitName: string;
  period: string;
  byName: string;
  at: string;
}
