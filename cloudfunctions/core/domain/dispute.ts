/**
 * Dispute-specific rules on top of the shared record rules: who may change or read a case,
 * which cases are 我的台账, closing an 在办 case, and who sees the parties' names and
 * phones (also where the summary names them). Pure.
 */
import { periodRange } from '../../../types/dates';
import { hasAgreement, isClosed, type Dispute, type DisputeInput } from '../../../types/dispute';
import type { DisputeListQuery } from '../../../types/ledger';
import { RECORDERS, type User } from '../../../types/org';
import { maskPhones } from '../../../types/phone';
import { containsText, type Filter, type FindOptions } from '../platform/port';
import { maskNames, withoutParties } from './privacy';
import { grantUnits, reaches } from './reach';
import { Refusal } from './refusal';
import { planDelete, planSave, type Plan, type RecordRules } from './versioned';

export const DISPUTE_RULES: RecordRules<Dispute> = {
  noun: '案件',
  fields: [
    'unitId', 'acceptedDate', 'resolvedDate', 'type', 'channel', 'outcome', 'agreementForm',
    'amountFen', 'parties', 'banners', 'summary', 'partyNames', 'partyPhones',
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
 * 我的台账's order: the latest logged first. An import's rows share createdAt, so they follow
 * their 受理日期, newest first; the id breaks what ties remain, so pages neither skip nor repeat.
 */
export const MY_CASES_ORDER: FindOptions['sort'] = { createdAt: -1, acceptedDate: -1, _id: -1 };

/**
 * 我的台账: the caller's cases in units they still reach as a mediator (one moved elsewhere
 * no longer sees the old unit's), narrowed by the page's filters.
 */
export function myCasesFilter(caller: User, q: Omit<DisputeListQuery, 'skip' | 'limit'>): Filter {
  const filter: Filter = { mediatorId: caller._id, deleted: false, unitPath: { $in: grantUnits(caller, RECORDERS.dispute) } };
  if (q.month) {
    const { from, to } = periodRange(q.month);
    filter.acceptedDate = { $gte: from, $lte: to };
  }
  if (q.outcome) filter.outcome = q.outcome;
  if (q.type) filter.type = q.type;
  if (q.q) filter.summary = containsText(q.q);
  return filter;
}

/** 协议形式 belongs to 调解成功 alone; on another outcome it is dropped, not refused: old ledgers carry it on failed cases. */
export function dropStrayAgreementForm(fields: Pick<DisputeInput, 'outcome' | 'agreementForm'>): void {
  if (!hasAgreement(fields.outcome)) delete fields.agreementForm;
}

export function planDisputeSave(existing: Dispute | null, input: DisputeInput, ctx: WriteContext): Plan<Dispute> {
  const typeProblem = disputeTypeProblem(input.type, existing, ctx.disputeTypes);
  if (typeProblem) throw new Refusal('INVALID', typeProblem, { type: typeProblem });
  const { baseVersion, confirmLargeAmount, ...fields } = input;
  void confirmLargeAmount;
  // Someone who sees party details masked (in the summary too) cannot have changed them: keep what is stored.
  if (existing && !maySeePrivate(ctx.caller, existing)) {
    fields.partyNames = existing.partyNames;
    fields.partyPhones = existing.partyPhones;
    fields.summary = existing.summary;
  }
  dropStrayAgreementForm(fields);
  const fresh: Dispute = {
    ...fields,
    _id: input.id,
    unitPath: ctx.unitPath,
    mediatorId: ctx.caller._id,
    mediatorName: ctx.caller.name,
    version: 1,
    deleted: false,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
  };
  return withCloseAction(planSave(DISPUTE_RULES, existing, fresh, baseVersion, (e) => mayEdit(e, ctx)), existing);
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

/** The summary an import stores: an exported ledger's summary coming back exactly as it went out masked keeps the stored text. */
export function summaryToStore(incoming: string, existing: Dispute | null): string {
  return existing?.summary && incoming === maskedSummary(existing) ? existing.summary : incoming;
}

/** The case as this viewer may see it: without private access, the parties are masked, in the summary too. */
export function presentDispute(viewer: User, d: Dispute): Dispute {
  return maySeePrivate(viewer, d) ? d : { ...maskDispute(d), summary: maskedSummary(d) };
}
