/**
 * The 登记纠纷 form as data: what a blank form holds, and how it becomes a
 * `DisputeInput` checked by the shared schema. Pages render; this decides.
 */
import { todayBeijing } from '../../types/dates';
import {
  ALERTS, DisputeInput, hasAgreement, isClosed, PREVENTIONS, sourceOf, type Channel, type Dispute, type Outcome, type Prevention, type Source,
} from '../../types/dispute';
import { fenToYuanText, LARGE_AMOUNT_FEN, yuanToFen } from '../../types/money';
import type { Me } from '../../types/org';
import { validate, type FieldErrors } from '../../types/validation';
import { toInt } from './form-values';
import { newRecordId } from './ids';
import { newRecordUnit } from './units';

/** A prevention flag's field: named by the schema's path for its people, so the schema's message lands next to it. */
export const preventionField = (kind: Prevention) => `prevention.${kind}` as const;

/** Each prevention flag's people as typed; a key present (even blank) is a flag switched on. */
type PreventionFields = { [K in Prevention as `prevention.${K}`]?: string };

/**
 * The statistics' fields (来源, 涉及人数, the prevention flags) are optional here: a draft saved
 * before the form asked them comes back without them, and means none given.
 */
export interface DisputeForm extends PreventionFields {
  id: string;
  unitId: string;
  acceptedDate: string;
  resolvedDate: string;
  type: string;
  channel: string;
  outcome: string;
  agreementForm: string;
  amountYuan: string;
  parties: string;
  banners: string;
  summary: string;
  partyNames: string;
  partyPhones: string;
  confirmLargeAmount: boolean;
  /** The 来源 the user chose; absent: sourceOf's default, which follows the channel. */
  source?: string;
  /** 涉及人数 as typed; blank: not given. */
  involvedPeople?: string;
  /** The agreement (调解成功 only): 协议内容, 履行方式, 履行期限, as typed; blank: not given. */
  agreementTerms?: string;
  performanceWay?: string;
  performanceDeadline?: string;
  /** 重大 flags switched on (群体性, 可能激化); absent or empty: none. */
  alerts?: string[];
  baseVersion?: number;
}

/** What 协议形式 starts as wherever it is first asked: most village agreements are oral. */
const DEFAULT_AGREEMENT_FORM = '口头';

/** Today's date, my unit (my last case's, if the form offers it), my last channel and type: a typical case needs few inputs. */
export function blankForm(me: Me): DisputeForm {
  const today = todayBeijing();
  return {
    id: newRecordId(),
    unitId: newRecordUnit(me, 'dispute'),
    acceptedDate: today,
    resolvedDate: today,
    type: me.defaults.type ?? '',
    channel: me.defaults.channel ?? '民调',
    outcome: '调解成功',
    agreementForm: DEFAULT_AGREEMENT_FORM,
    amountYuan: '',
    parties: '2',
    banners: '0',
    summary: '',
    partyNames: '',
    partyPhones: '',
    confirmLargeAmount: false,
    involvedPeople: '',
  };
}

/** A case as it was submitted: a write the back end refused, opened again from the outbox to fix. */
export function formFromInput(d: DisputeInput): DisputeForm {
  return {
    id: d.id,
    unitId: d.unitId,
    acceptedDate: d.acceptedDate,
    resolvedDate: d.resolvedDate ?? todayBeijing(),
    type: d.type,
    channel: d.channel,
    outcome: d.outcome,
    agreementForm: d.agreementForm ?? '',
    amountYuan: d.amountFen ? fenToYuanText(d.amountFen) : '',
    parties: String(d.parties),
    banners: String(d.banners),
    summary: d.summary ?? '',
    partyNames: d.partyNames ?? '',
    partyPhones: d.partyPhones ?? '',
    confirmLargeAmount: !!d.confirmLargeAmount,
    ...(d.source ? { source: d.source } : {}),
    involvedPeople: d.involvedPeople === undefined ? '' : String(d.involvedPeople),
    ...(d.agreementTerms ? { agreementTerms: d.agreementTerms } : {}),
    ...(d.performanceWay ? { performanceWay: d.performanceWay } : {}),
    ...(d.performanceDeadline ? { performanceDeadline: d.performanceDeadline } : {}),
    ...Object.fromEntries(PREVENTIONS.filter((k) => d.prevention?.[k] !== undefined).map((k) => [preventionField(k), String(d.prevention?.[k])])),
    ...(d.alerts?.length ? { alerts: [...d.alerts] } : {}),
    ...(d.baseVersion ? { baseVersion: d.baseVersion } : {}),
  };
}

/** An existing case, opened for editing (or copied as a new draft when `copy`). */
export function formFromDispute(d: Dispute, copy = false): DisputeForm {
  // Its amount was confirmed when it was saved: an edit that leaves it alone is not asked again.
  if (!copy) return formFromInput({ ...d, id: d._id, baseVersion: d.version, confirmLargeAmount: d.amountFen > LARGE_AMOUNT_FEN });
  const today = todayBeijing();
  return {
    // Another case's parties and what they agreed are not this one's.
    ...formFromInput({ ...d, id: newRecordId(), partyNames: undefined, partyPhones: undefined, agreementTerms: undefined, performanceDeadline: undefined }),
    acceptedDate: today,
    resolvedDate: today,
    outcome: '调解成功',
  };
}

/**
 * The district's types, always in its order (my last one is chosen, not moved: a hurried tap
 * must land where it did last time); a case whose type the district has since dropped keeps it on offer.
 */
export function typeOptions(me: Pick<Me, 'disputeTypes'>, current: string): string[] {
  const listed = me.disputeTypes;
  return current && !listed.includes(current) ? [...listed, current] : [...listed];
}

/** The amount typed, in fen: 0 when blank, null when it is not an amount. */
const amountFen = (form: Pick<DisputeForm, 'amountYuan'>) => (form.amountYuan.trim() === '' ? 0 : yuanToFen(form.amountYuan));

/** Over 1亿元 the form asks to confirm the amount (almost always a typo); once ticked, the tick stays on screen to undo. */
export function needsLargeConfirm(form: Pick<DisputeForm, 'amountYuan' | 'confirmLargeAmount'>): boolean {
  return form.confirmLargeAmount || (amountFen(form) ?? 0) > LARGE_AMOUNT_FEN;
}

/** A closed case has a 调结日期; an open one (在办) has none yet. The chips offer only OUTCOMES. */
export const asksResolvedDate = (form: Pick<DisputeForm, 'outcome'>): boolean => isClosed(form.outcome as Outcome);

/** 协议形式 is asked only of a successful mediation; any other outcome stores none. */
export const asksAgreementForm = (form: Pick<DisputeForm, 'outcome'>): boolean => hasAgreement(form.outcome as Outcome);

/** 协议形式 once the outcome is `outcome`: closing an 在办 case as 调解成功 asks it with the same default as a new case, not blank. */
export const agreementFormFor = (form: Pick<DisputeForm, 'agreementForm'>, outcome: string): string =>
  form.agreementForm || (hasAgreement(outcome as Outcome) ? DEFAULT_AGREEMENT_FORM : '');

/** The 来源 the chips show: the user's choice, else what the case will count as for its channel. */
export const shownSource = (form: Pick<DisputeForm, 'source' | 'channel'>): Source =>
  (form.source as Source | undefined) || sourceOf({ channel: form.channel as Channel });

export const isPrevented = (form: PreventionFields, kind: Prevention): boolean => form[preventionField(kind)] !== undefined;

/** The flags switched on, in the statistics' order. */
export const preventedKinds = (form: PreventionFields): Prevention[] => PREVENTIONS.filter((k) => isPrevented(form, k));

/** Whether the form holds any statistics field: then their block stays open, so nothing given is out of sight. */
export const hasStatisticsFields = (form: DisputeForm): boolean =>
  !!form.source || !!form.involvedPeople?.trim() || preventedKinds(form).length > 0 || asksInvolvedPeople(form);

/** A 群体性 case must say how many people it involves (2 or more): the form then asks 涉及人数 as required. */
export const asksInvolvedPeople = (form: Pick<DisputeForm, 'alerts'>): boolean => !!form.alerts?.includes('群体性');

/** The form's flags with `alert` switched, in ALERTS' order (the order they are stored and compared in). */
export const toggledAlerts = (form: Pick<DisputeForm, 'alerts'>, alert: string): string[] =>
  ALERTS.filter((a) => (a === alert ? !form.alerts?.includes(a) : !!form.alerts?.includes(a)));

/** The agreement's fields typed (a draft from before the form asked them has none). */
function agreementOf(form: Pick<DisputeForm, 'agreementTerms' | 'performanceWay' | 'performanceDeadline'>): Partial<DisputeInput> {
  const terms = form.agreementTerms?.trim();
  const way = form.performanceWay?.trim();
  return {
    ...(terms ? { agreementTerms: terms } : {}),
    ...(way ? { performanceWay: way } : {}),
    ...(form.performanceDeadline ? { performanceDeadline: form.performanceDeadline } : {}),
  };
}

/** A flag's people: left blank it is a flag of 0 people, which the schema refuses by name (人数至少为1). */
const preventedPeople = (text: string | undefined): number => (text?.trim() ? toInt(text) : 0);

export function checkDisputeForm(
  form: DisputeForm,
): { ok: true; input: DisputeInput } | { ok: false; errors: FieldErrors } {
  const fen = amountFen(form);
  const flagged = preventedKinds(form);
  const candidate = {
    id: form.id,
    unitId: form.unitId,
    acceptedDate: form.acceptedDate,
    resolvedDate: asksResolvedDate(form) ? form.resolvedDate || undefined : undefined,
    type: form.type || undefined,
    channel: form.channel || undefined,
    outcome: form.outcome || undefined,
    agreementForm: asksAgreementForm(form) ? form.agreementForm || undefined : undefined,
    amountFen: fen ?? Number.NaN,
    parties: toInt(form.parties),
    banners: toInt(form.banners),
    summary: form.summary.trim(),
    ...(form.partyNames.trim() ? { partyNames: form.partyNames.trim() } : {}),
    ...(form.partyPhones.trim() ? { partyPhones: form.partyPhones.trim() } : {}),
    ...(form.confirmLargeAmount ? { confirmLargeAmount: true } : {}),
    // Sent only once chosen: a case left at the default keeps following its channel, as old records do.
    ...(form.source ? { source: form.source } : {}),
    ...(form.involvedPeople?.trim() ? { involvedPeople: toInt(form.involvedPeople) } : {}),
    ...(asksAgreementForm(form) ? agreementOf(form) : {}),
    ...(flagged.length ? { prevention: Object.fromEntries(flagged.map((k) => [k, preventedPeople(form[preventionField(k)])])) } : {}),
    ...(form.alerts?.length ? { alerts: form.alerts } : {}),
    ...(form.baseVersion ? { baseVersion: form.baseVersion } : {}),
  };
  const result = validate(DisputeInput, candidate);
  if (result.ok) return { ok: true, input: result.output };
  const errors = { ...result.fields };
  if (fen === null) errors.amountFen = '涉及金额请填写数字,最多两位小数';
  return { ok: false, errors };
}

/**
 * A case waiting on the phone, as its row says it: type, unit, date and the summary's first words,
 * so two waiting cases of one type and day can be told apart.
 */
export function waitingCaseLine(d: Pick<DisputeInput, 'type' | 'unitId' | 'acceptedDate' | 'summary'>, units: readonly { _id: string; name: string }[]): string {
  const unit = units.find((u) => u._id === d.unitId)?.name;
  const words = [...(d.summary ?? '').trim()];
  const excerpt = words.length > 14 ? `${words.slice(0, 14).join('')}…` : words.join('');
  return [d.type, unit, `受理 ${d.acceptedDate}`, excerpt].filter(Boolean).join(' · ');
}
