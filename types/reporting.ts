/**
 * The reporting cycle (DOMAIN.md "Reporting cycle"): a unit that records submits its month
 * (上报, or '本月无纠纷' as a 零报告), its parent's supervisor approves it (审核通过, which locks the
 * month) or returns it with a reason (退回); a parent is approved only after all its children.
 */
import * as v from 'valibot';
import { MonthSchema, PeriodKeySchema } from './dates';
import type { PushOffer } from './notify';
import { UnitIdSchema } from './org';

export const SUBMISSION_STATES = ['submitted', 'approved', 'returned'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** One unit's month in the cycle, keyed `${unitId}:${period}`. Absent: not submitted. */
export interface Submission {
  _id: string;
  unitId: string;
  unitName: string;
  unitPath: string[];
  /** '2024-03'. */
  period: string;
  state: SubmissionState;
  /** '本月无纠纷': a submission with nothing to report. */
  zero: boolean;
  /** Timeliness is by the first submission: a month sent on time and returned for a fix is still 按时. */
  firstSubmittedAt: string;
  submittedAt: string;
  submittedByName: string;
  reviewedAt?: string;
  reviewedByName?: string;
  /** Why it was returned (退回) or un-approved; shown to the unit's recorders. */
  reason?: string;
  /** Counts the cycle's acts on it; names its audit lines. */
  version: number;
}

export const submissionId = (unitId: string, period: string): string => `${unitId}:${period}`;

/** Where a unit's month stands, as lists and the home page say it. */
export const STATE_LABELS: Record<SubmissionState | 'none', string> = {
  none: '未上报',
  submitted: '已上报,待审核',
  approved: '审核通过',
  returned: '已退回',
};

/** Timeliness of one unit's month (DOMAIN.md): 按时 / 逾期 by the first submission and the due day; 未报送 when none stands. */
export const TIMELINESS = ['按时', '逾期', '未报送'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

const Reason = v.pipe(
  v.string('请填写原因'),
  v.trim(),
  v.minLength(2, '请填写原因(至少2个字)'),
  v.maxLength(200, '原因不超过200字'),
);

export const SubmitInput = v.object({
  unitId: UnitIdSchema,
  period: MonthSchema,
  /** '本月无纠纷'. */
  zero: v.optional(v.boolean('请选择是否零报告'), false),
});
export type SubmitInput = v.InferOutput<typeof SubmitInput>;

export const ReviewInput = v.object({ unitId: UnitIdSchema, period: MonthSchema });
export type ReviewInput = v.InferOutput<typeof ReviewInput>;
export const ReturnInput = v.object({ ...ReviewInput.entries, reason: Reason });
export type ReturnInput = v.InferOutput<typeof ReturnInput>;

/** 报送审核: the units under `unitId` (default my unit) for one month. */
export const ReviewQuery = v.object({ unitId: v.optional(UnitIdSchema), period: MonthSchema });
export type ReviewQuery = v.InferOutput<typeof ReviewQuery>;

/** One unit's line on 报送审核. */
export interface ReviewLine {
  unitId: string;
  name: string;
  parentName: string;
  state: SubmissionState | 'none';
  zero: boolean;
  timeliness: Timeliness;
  submittedAt?: string;
  submittedByName?: string;
  reviewedByName?: string;
  reason?: string;
  /** The month's 受理 (件) in the unit's own records, so a reviewer sees what a 零报告 or a submission holds. */
  accepted: number;
  /** What the caller may do now, with why not when they may not. */
  canApprove: boolean;
  canReturn: boolean;
  canUnapprove: boolean;
  blockedBy?: string;
  /** Units under it that record (the review goes down a level by tapping). */
  hasChildren: boolean;
}

export interface ReviewView {
  unitId: string;
  unitName: string;
  period: string;
  /** The 25th of the next month, or the district's setting. */
  dueDate: string;
  /** The units directly under the one in view that are expected to report. */
  lines: ReviewLine[];
  parentId: string | null;
}

/** 报送情况: completeness and timeliness over a month, quarter or year, counted per unit and per township. */
export const CompletenessQuery = v.object({ unitId: v.optional(UnitIdSchema), period: PeriodKeySchema });
export type CompletenessQuery = v.InferOutput<typeof CompletenessQuery>;

export interface CompletenessCounts {
  /** Unit-months expected. */
  expected: number;
  已报送: number;
  按时: number;
  逾期: number;
  零报告: number;
  未报送: number;
}

export interface CompletenessView {
  unitId: string;
  unitName: string;
  period: string;
  total: CompletenessCounts;
  /** One row per unit directly under the one in view (its subtree's unit-months). */
  rows: ({ unitId: string; name: string } & CompletenessCounts)[];
  /** Every expected unit in the subtree that has months not reported, with those months. */
  missing: { unitId: string; name: string; parentName: string; months: string[] }[];
}

/** 提醒报送: to every expected unit under `unitId` that has not submitted the month. */
export const RemindInput = v.object({ unitId: v.optional(UnitIdSchema), period: MonthSchema });
export type RemindInput = v.InferOutput<typeof RemindInput>;
export interface RemindView {
  /** Units reminded (a reminder sent again the same day is the same reminder). */
  units: number;
  /** 订阅消息 the platform took (users who accepted 接收微信提醒; none where there is no push channel). */
  pushed: number;
}

/** A notice on a unit's home page: 提醒报送. */
export interface Notice {
  _id: string;
  unitId: string;
  unitPath: string[];
  kind: 'remind';
  period: string;
  text: string;
  byName: string;
  at: string;
}

/** Marks a unit as not expected to report (区司法局 records nothing by nature), or expected again. */
export const ExpectedInput = v.object({ unitId: UnitIdSchema, expected: v.boolean('请选择是否需要报送') });
export type ExpectedInput = v.InferOutput<typeof ExpectedInput>;

/** The home page's card: my units' month in the cycle, and their notices. */
export interface MyReportingView {
  period: string;
  dueDate: string;
  units: { unitId: string; name: string; state: SubmissionState | 'none'; zero: boolean; reason?: string; accepted: number; canSubmit: boolean }[];
  notices: Notice[];
  /** On WeChat, when 提醒报送 has a template: what the card's 接收微信提醒 asks the user to accept. */
  push?: PushOffer;
}
export const MyReportingQuery = v.object({ period: v.optional(MonthSchema) });
export type MyReportingQuery = v.InferOutput<typeof MyReportingQuery>;
