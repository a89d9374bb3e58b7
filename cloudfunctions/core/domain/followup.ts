/**
 * 回访 and 司法确认 on a case: who records them, the dates they may carry, and the new version of
 * the case each makes (its 回访 due date recomputed). Pure: app/followup.ts writes what this plans.
 */
import type { Dispute } from '../../../types/dispute';
import { confirmationOf, type Confirmation, type ConfirmationInput, type FollowUp, type FollowUpInput } from '../../../types/followup';
import { mayEdit, withFollowUpDue, type WriteContext } from './dispute';
import { Refusal } from './refusal';
import type { Plan } from './versioned';

/** The case to record on, or why not: it must exist and be the caller's to change (the recording mediator, as for an edit). */
function caseToRecordOn(existing: Dispute | null, ctx: WriteContext, what: string): Dispute {
  if (!existing || existing.deleted) throw new Refusal('NOT_FOUND', '案件不存在或已删除');
  if (!mayEdit(existing, ctx)) throw new Refusal('FORBIDDEN', `只有登记该案件的调解员可以记录${what}`);
  if (existing.outcome !== '调解成功') throw new Refusal('INVALID', `只有调解成功的案件才有${what}`);
  return existing;
}

/** The next version of the case, with `patch` and its 回访 due date as they now stand. */
function nextVersion(existing: Dispute, patch: Partial<Dispute>, ctx: WriteContext, changes: Record<string, [unknown, unknown]>): Plan<Dispute> {
  const record: Dispute = { ...existing, ...patch, version: existing.version + 1, updatedAt: ctx.nowIso };
  return withFollowUpDue({ kind: 'write', record, action: 'edit', changes }, ctx.followUpDays);
}

const followUpText = (f: Pick<FollowUp, 'date' | 'way' | 'performance'>) => `${f.date} ${f.way}回访 ${f.performance}`;

/**
 * A 回访 added to the case (listed by date). The same one sent again (its id) is unchanged; other
 * content under its id is a conflict. Dated from 调结 to today (the schema refuses the future).
 */
export function planFollowUp(existing: Dispute | null, input: FollowUpInput, ctx: WriteContext): Plan<Dispute> {
  const d = caseToRecordOn(existing, ctx, '回访');
  const { caseId, ...fields } = input;
  const stored = d.followUps?.find((f) => f.id === input.id);
  if (stored) {
    const same = stored.date === fields.date && stored.way === fields.way && stored.performance === fields.performance && (stored.note ?? '') === (fields.note ?? '');
    if (same) return { kind: 'unchanged', record: d };
    throw new Refusal('CONFLICT', '该回访记录已保存且内容不同,请刷新后查看');
  }
  if (d.resolvedDate && fields.date < d.resolvedDate) {
    const message = `回访日期不能早于调结日期(${d.resolvedDate})`;
    throw new Refusal('INVALID', message, { date: message });
  }
  const { note, ...rest } = fields;
  const followUp: FollowUp = { ...rest, ...(note ? { note } : {}), by: ctx.caller._id, byName: ctx.caller.name, at: ctx.nowIso };
  const followUps = [...(d.followUps ?? []), followUp].sort((a, b) => a.date.localeCompare(b.date) || a.at.localeCompare(b.at));
  return nextVersion(d, { followUps }, ctx, { followUps: [null, followUpText(followUp)] });
}

const confirmationText = (c: Confirmation) =>
  [c.status, c.appliedDate && `申请 ${c.appliedDate}`, c.decidedDate && `${c.status === '已确认' ? '确认' : '裁定'} ${c.decidedDate}`].filter(Boolean).join(' ');

/**
 * The case's 司法确认 set to what the page sends; the same again is unchanged (a resend). Only a
 * written agreement goes to court, and it is applied for on or after 调结.
 */
export function planConfirmation(existing: Dispute | null, input: ConfirmationInput, ctx: WriteContext): Plan<Dispute> {
  const d = caseToRecordOn(existing, ctx, '司法确认');
  const next = confirmationOf(input);
  const before: Confirmation = d.confirmation ?? { status: '未申请' };
  if (confirmationText(before) === confirmationText(next)) return { kind: 'unchanged', record: d };
  if (next.status !== '未申请' && d.agreementForm !== '书面') throw new Refusal('INVALID', '司法确认须有书面调解协议,口头协议不能申请');
  if (next.appliedDate && d.resolvedDate && next.appliedDate < d.resolvedDate) {
    const message = `申请日期不能早于调结日期(${d.resolvedDate})`;
    throw new Refusal('INVALID', message, { appliedDate: message });
  }
  return nextVersion(d, { confirmation: next }, ctx, { confirmation: [confirmationText(before), confirmationText(next)] });
}
