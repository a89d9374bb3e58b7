/**
 * 回访 / 履行 / 司法确认 (DOMAIN.md "Case file"): after a successful mediation the mediator calls on
 * the parties to see whether the agreement is kept, and a written agreement may be taken to court
 * for 司法确认 within 30 days. The form and the function run these same schemas and rules.
 */
import * as v from 'valibot';
import { addDays, BizDate } from './dates';
import { RecordId, type Dispute } from './dispute';
import { visibleText } from './validation';

export const FOLLOW_UP_WAYS = ['电话', '上门', '当面', '其他'] as const;
export const PERFORMANCES = ['已履行', '部分履行', '未履行'] as const;
export const CONFIRMATION_STATUSES = ['未申请', '已申请', '已确认', '不予确认'] as const;
export type ConfirmationStatus = (typeof CONFIRMATION_STATUSES)[number];

/** 回访 is due this many days after 调结 unless the district sets otherwise (区级设置). */
export const DEFAULT_FOLLOW_UP_DAYS = 30;
/** 司法确认 is applied for within 30 days of the agreement taking effect (人民调解法 第三十三条). */
export const CONFIRMATION_WINDOW_DAYS = 30;

/** The district's 回访 interval as 区级设置 takes it. */
export const FollowUpDays = v.pipe(
  v.number('回访期限须为1到365之间的整数'),
  v.integer('回访期限须为1到365之间的整数'),
  v.minValue(1, '回访期限须为1到365之间的整数'),
  v.maxValue(365, '回访期限须为1到365之间的整数'),
);

/** One 回访 as recorded, `id` made by the phone so a resend is stored once. */
export const FollowUpInput = v.object({
  caseId: RecordId,
  id: RecordId,
  date: v.pipe(v.string('请选择回访日期'), v.minLength(1, '请选择回访日期'), BizDate('回访日期')),
  way: v.picklist(FOLLOW_UP_WAYS, '请选择回访方式'),
  performance: v.picklist(PERFORMANCES, '请选择履行情况'),
  note: v.optional(v.pipe(v.string('回访情况须为文本'), visibleText, v.trim(), v.maxLength(200, '回访情况不超过200字'))),
});
export type FollowUpInput = v.InferOutput<typeof FollowUpInput>;
export type FollowUp = Omit<FollowUpInput, 'caseId'> & { by: string; byName: string; at: string };

const optionalDate = (label: string) => v.optional(v.pipe(v.string(`${label}须为日期`), v.minLength(1, `请选择${label}`), BizDate(label)));

/** 司法确认 as the case page sets it: a state, with the dates it needs. */
export const ConfirmationInput = v.pipe(
  v.object({
    caseId: RecordId,
    status: v.picklist(CONFIRMATION_STATUSES, '请选择司法确认状态'),
    appliedDate: optionalDate('申请日期'),
    decidedDate: optionalDate('确认/裁定日期'),
  }),
  v.forward(
    v.partialCheck([['status'], ['appliedDate']], (c) => c.status === '未申请' || !!c.appliedDate, '请选择申请日期'),
    ['appliedDate'],
  ),
  v.forward(
    v.partialCheck([['status'], ['decidedDate']], (c) => !isDecided(c.status) || !!c.decidedDate, '请选择确认/裁定日期'),
    ['decidedDate'],
  ),
  v.forward(
    v.partialCheck([['appliedDate'], ['decidedDate']], (c) => !c.appliedDate || !c.decidedDate || c.decidedDate >= c.appliedDate, '确认/裁定日期不能早于申请日期'),
    ['decidedDate'],
  ),
);
export type ConfirmationInput = v.InferOutput<typeof ConfirmationInput>;
export type Confirmation = Omit<ConfirmationInput, 'caseId'>;

export const isDecided = (s: ConfirmationStatus): boolean => s === '已确认' || s === '不予确认';

/** Only the dates a status has: 未申请 keeps none, 已申请 no decision. */
export function confirmationOf(input: ConfirmationInput): Confirmation {
  const { status } = input;
  return {
    status,
    ...(status !== '未申请' && input.appliedDate ? { appliedDate: input.appliedDate } : {}),
    ...(isDecided(status) && input.decidedDate ? { decidedDate: input.decidedDate } : {}),
  };
}

/**
 * When the case's 回访 is due, or undefined: a 调解成功 case with no 回访 on or after its 调结日期
 * is due `days` after it. A case reopened and closed again later needs a new 回访.
 */
export function followUpDueOf(d: Pick<Dispute, 'outcome' | 'resolvedDate' | 'followUps'>, days: number): string | undefined {
  if (d.outcome !== '调解成功' || !d.resolvedDate) return undefined;
  if (d.followUps?.some((f) => f.date >= d.resolvedDate!)) return undefined;
  return addDays(d.resolvedDate, days);
}

/** The earliest 调结日期 whose 司法确认 window is still open today. */
export const confirmationWindowStart = (today: string): string => addDays(today, -CONFIRMATION_WINDOW_DAYS);

/** 司法确认待申请: a written agreement of 调解成功, not applied for, within 30 days after 调结. */
export function awaitsConfirmation(d: Pick<Dispute, 'outcome' | 'resolvedDate' | 'agreementForm' | 'confirmation'>, today: string): boolean {
  return (
    d.outcome === '调解成功' && d.agreementForm === '书面' && !!d.resolvedDate &&
    d.resolvedDate >= confirmationWindowStart(today) && d.resolvedDate <= today &&
    (d.confirmation?.status ?? '未申请') === '未申请'
  );
}

/** What the home page counts: 在办, 待回访 (due on or before today), 司法确认待申请. */
export const DUE_KINDS = ['open', 'followUp', 'confirmation'] as const;
export type DueKind = (typeof DUE_KINDS)[number];
export const DUE_LABELS: Record<DueKind, string> = { open: '在办', followUp: '待回访', confirmation: '司法确认待申请' };

export type DueCounts = Record<DueKind, number>;

/** `dispute.due`: the caller's own cases (a mediator), and each unit they supervise. */
export interface DueView {
  mine?: DueCounts;
  units: { unitId: string; name: string; counts: DueCounts }[];
}
