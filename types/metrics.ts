import * as v from 'valibot';
import { PeriodKeySchema } from './dates';
import { UnitIdSchema } from './org';

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

/** Beside the report lines, work in hand: cases accepted and still open in the period. */
export type CounterId = MetricId | 'accepted' | 'inProgress';

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

export interface Summary {
  unitId: string;
  unitName: string;
  period: string;
  figures: Record<MetricId, Figure>;
  accepted: number;
  inProgress: number;
}

/** What `rollup.summary` answers: the scope's figures and each sub-unit's, for drill-down. */
export interface SummaryView {
  scope: Summary;
  children: Summary[];
  parentId: string | null;
}
