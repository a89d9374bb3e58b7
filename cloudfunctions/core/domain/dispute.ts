/**
 * Dispute-specific rules on top of the shared record rules: who may change or read a case,
 * which cases are 我的台账, closing an 在办 case, and who sees the parties' names and
 * phones (also where the summary names them). Pure.
 */
import { hasAgreement, isClosed, type Dispute, type DisputeInput } from '../../../types/dispute';
import { followUpDueOf } from '../../../types/followup';
import { RECORDERS, type User } from '../../../types/org';
import { maskPhones } from '../../../types/phone';
import { grantUnits, reaches } from '../../../types/reach';
import { maskNames, withoutParties } from './privacy';
import { Refusal } from './refusal';
import { firstVersion, planDelete, planSave, type NewRecord, type Plan, type RecordRules } from './versioned';

export const DISPUTE_RULES: RecordRules<Dispute> = {
  noun: '案件',
  fields: [
    'unitId', 'acceptedDate', 'resolvedDate', 'type', 'channel', 'outcome', 'agreementForm',
    'amountFen', 'parties', 'banners', 'summary', 'partyNames', 'partyPhones', 'source', 'prevention', 'involvedPeople', 'alerts',
    'agreementTerms', 'performanceWay', 'performanceDeadline',
  ],
  privateFields: ['partyNames', 'partyPhones'],
};

export interface WriteContext {
  caller: User;
  unitPath: string[];
  nowIso: string;
  /** District setting: mediators may edit any case of their unit, not only their own. */
  unitWideEditing: boolean;
  /** District setting: the dispute types a case may take. */
  disputeTypes: readonly string[];
  /** District setting: days after 调结 a 回访 is due. */
  followUpDays: number;
}

/**
 * Why a case may not take this type, or null. A type the district has since dropped from its
 * list stays valid on the cases that already have it, so they can still be edited.
 */
export function disputeTypeProblem(type: string, existing: Pick<Dispute, 'type'> | null, listed: readonly string[]): string | null {
  if (listed.includes(type) || existing?.type === type) return null;
  return `「${type}」不在本区的纠纷类型中,请从列表中选择`;
}

export function mayEdit(existing: Dispute, ctx: Pick<WriteContext, 'caller' | 'unitWideEditing'>): boolean {
  // Reach first: a mediator moved to another unit no longer changes the old unit's cases.
  if (!reaches(ctx.caller, RECORDERS.dispute, existing.unitPath)) return false;
  if (existing.mediatorId === ctx.caller._id) return true;
  return ctx.unitWideEditing && grantUnits(ctx.caller, RECORDERS.dispute).includes(existing.unitId);
}

/** Who sees party names and phones in full: the recorder, and supervisors at or above the case's unit. */
export function maySeePrivate(viewer: User, d: Dispute): boolean {
  return viewer._id === d.mediatorId || reaches(viewer, ['supervisor'], d.unitPath);
}

/** Who may open a case: whoever may edit it, and supervisors at or above its unit. */
export function mayRead(d: Dispute, ctx: Pick<WriteContext, 'caller' | 'unitWideEditing'>): boolean {
  return mayEdit(d, ctx) || reaches(ctx.caller, ['supervisor'], d.unitPath);
}

/** Who reads a case's history: the same people who see its parties, the recorder and supervisors above. */
export function maySeeHistory(viewer: User, d: Dispute): boolean {
  return maySeePrivate(viewer, d);
}

/**
 * 协议形式 and the agreement's terms belong to 调解成功 alone; on another outcome they are dropped,
 * not refused: old ledgers carry 协议形式 on failed cases, and a case reopened keeps no stale terms.
 */
export function dropStrayAgreementForm(fields: Pick<DisputeInput, 'outcome' | 'agreementForm' | 'agreementTerms' | 'performanceWay' | 'performanceDeadline'>): void {
  if (hasAgreement(fields.outcome)) return;
  delete fields.agreementForm;
  delete fields.agreementTerms;
  delete fields.performanceWay;
  delete fields.performanceDeadline;
}

/** The fields a case's form or ledger row gives; the id, unit path and stamps come from `at`. */
export type DisputeFields = Omit<DisputeInput, 'id' | 'baseVersion' | 'confirmLargeAmount'>;

/** A new case: who mediated it (the caller in the app; the ledger's 调解员 on import), then its fields. */
export function disputeRecord(fields: DisputeFields, at: NewRecord, mediator: Pick<Dispute, 'mediatorId' | 'mediatorName'>): Dispute {
  return Object.assign(firstVersion(at), mediator, fields);
}

export function planDisputeSave(existing: Dispute | null, input: DisputeInput, ctx: WriteContext): Plan<Dispute> {
  const typeProblem = disputeTypeProblem(input.type, existing, ctx.disputeTypes);
  if (typeProblem) throw new Refusal('INVALID', typeProblem, { type: typeProblem });
  const { baseVersion, confirmLargeAmount, ...fields } = input;
  // Someone who sees party details masked (in the summary too) cannot have changed them: keep what is stored.
  if (existing && !maySeePrivate(ctx.caller, existing)) {
    fields.partyNames = existing.partyNames;
    fields.partyPhones = existing.partyPhones;
    fields.summary = existing.summary;
    fields.agreementTerms = existing.agreementTerms;
  }
  dropStrayAgreementForm(fields);
  const fresh = disputeRecord(fields, { id: input.id, unitPath: ctx.unitPath, by: ctx.caller._id, nowIso: ctx.nowIso }, {
    mediatorId: ctx.caller._id,
    mediatorName: ctx.caller.name,
  });
  return withFollowUpDue(withCloseAction(planSave(DISPUTE_RULES, existing, fresh, baseVersion, (e) => mayEdit(e, ctx)), existing), ctx.followUpDays);
}

/** The record a plan writes carries its 回访 due date as it now stands: closing, reopening or a new 调结日期 moves it. */
export function withFollowUpDue(plan: Plan<Dispute>, days: number): Plan<Dispute> {
  if (plan.kind !== 'write') return plan;
  const due = followUpDueOf(plan.record, days);
  if (due) plan.record.followUpDue = due;
  else delete plan.record.followUpDue;
  return plan;
}

/** An edit that takes an 在办 case to an outcome is a close: its history says so. */
export function withCloseAction(plan: Plan<Dispute>, existing: Dispute | null): Plan<Dispute> {
  if (plan.kind === 'write' && plan.action === 'edit' && existing && !isClosed(existing.outcome) && isClosed(plan.record.outcome)) {
    return { ...plan, action: 'close' };
  }
  return plan;
}

export function planDisputeDelete(existing: Dispute | null, baseVersion: number, ctx: WriteContext): Plan<Dispute> {
  return planDelete(DISPUTE_RULES, existing, baseVersion, (e) => mayEdit(e, ctx), ctx.nowIso);
}

export function maskDispute(d: Dispute): Dispute {
  return {
    ...d,
    ...(d.partyNames ? { partyNames: maskNames(d.partyNames) } : {}),
    ...(d.partyPhones ? { partyPhones: maskPhones(d.partyPhones) } : {}),
  };
}

/** The summary with the case's parties masked: what exports carry and viewers without private access read. */
export function maskedSummary(d: Pick<Dispute, 'summary' | 'partyNames' | 'partyPhones'>): string {
  return withoutParties(d.summary ?? '', d.partyNames, d.partyPhones);
}

/** The agreement's terms with the parties masked, as colleagues and the ledger export see them. */
export function maskedTerms(d: Pick<Dispute, 'agreementTerms' | 'partyNames' | 'partyPhones'>): string {
  return withoutParties(d.agreementTerms ?? '', d.partyNames, d.partyPhones);
}

/** The summary an import stores: an exported ledger's summary coming back exactly as it went out masked keeps the stored text. */
export function summaryToStore(incoming: string, existing: Dispute | null): string {
  return existing?.summary && incoming === maskedSummary(existing) ? existing.summary : incoming;
}

/** The terms an import stores, as summaryToStore. */
export function termsToStore(incoming: string, existing: Dispute | null): string {
  return existing?.agreementTerms && incoming === maskedTerms(existing) ? existing.agreementTerms : incoming;
}

/** The case as this viewer may see it: without private access, the parties are masked, in the summary and the agreement's terms too. */
export function presentDispute(viewer: User, d: Dispute): Dispute {
  if (maySeePrivate(viewer, d)) return d;
  const terms = d.agreementTerms ? { agreementTerms: maskedTerms(d) } : {};
  return { ...maskDispute(d), summary: maskedSummary(d), ...terms };
}
