/** 回访 and 司法确认 on the case page (writes through the outbox), the home page's due counts, and their forms as data. */
import { todayBeijing } from '../../types/dates';
import type { Dispute } from '../../types/dispute';
import { ConfirmationInput, DUE_LABELS, FollowUpInput, type ConfirmationStatus, type DueKind, type DueView } from '../../types/followup';
import { validate, type FieldErrors } from '../../types/validation';
import { call } from './backend';
import { newRecordId } from './ids';
import { PAGES } from './routes';
import { submitWrite } from './sync';

export const getDue = () => call<DueView>('dispute', 'due');

/** Each 回访 has its own phone-made id: a resend is stored once, and two 回访 of one case never replace each other in the outbox. */
export const saveFollowUp = (input: FollowUpInput) =>
  submitWrite<Dispute>('dispute', 'followUpSave', input, `回访 ${input.date} · ${input.performance}`);

/** The case's one 司法确认 state: a newer save replaces one still waiting in the outbox. */
export const saveConfirmation = (input: ConfirmationInput) =>
  submitWrite<Dispute>('dispute', 'confirmationSave', input, `司法确认 · ${input.status}`, `confirmation:${input.caseId}`);

/** The list a due count opens: 我的台账 filtered to those cases, or for a supervisor its unit's. */
export function dueListUrl(kind: DueKind, unit?: { unitId: string; name: string }): string {
  const base = `${PAGES.myLedger}?due=${kind}`;
  return unit ? `${base}&unitId=${unit.unitId}&name=${encodeURIComponent(unit.name)}` : base;
}

/** What a due list's head says: '待回访 · 杏花营镇'. */
export const dueListTitle = (kind: DueKind, unitName?: string) => (unitName ? `${DUE_LABELS[kind]} · ${unitName}` : `${DUE_LABELS[kind]}`);

export interface FollowUpForm {
  id: string;
  date: string;
  way: string;
  performance: string;
  note: string;
}

export const blankFollowUpForm = (): FollowUpForm => ({ id: newRecordId(), date: todayBeijing(), way: '', performance: '', note: '' });

export function checkFollowUpForm(caseId: string, form: FollowUpForm): { ok: true; input: FollowUpInput } | { ok: false; errors: FieldErrors } {
  const result = validate(FollowUpInput, { caseId, ...form, note: form.note || undefined });
  return result.ok ? { ok: true, input: result.output } : { ok: false, errors: result.fields };
}

export interface ConfirmationForm {
  status: ConfirmationStatus;
  appliedDate: string;
  decidedDate: string;
}

export const confirmationForm = (d: Pick<Dispute, 'confirmation'>): ConfirmationForm => ({
  status: d.confirmation?.status ?? '未申请',
  appliedDate: d.confirmation?.appliedDate ?? '',
  decidedDate: d.confirmation?.decidedDate ?? '',
});

export function checkConfirmationForm(caseId: string, form: ConfirmationForm): { ok: true; input: ConfirmationInput } | { ok: false; errors: FieldErrors } {
  const result = validate(ConfirmationInput, {
    caseId,
    status: form.status,
    ...(form.appliedDate ? { appliedDate: form.appliedDate } : {}),
    ...(form.decidedDate ? { decidedDate: form.decidedDate } : {}),
  });
  return result.ok ? { ok: true, input: result.output } : { ok: false, errors: result.fields };
}
