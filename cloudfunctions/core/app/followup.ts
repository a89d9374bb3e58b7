/**
 * 回访 and 司法确认 use cases (a new version of the case, through write.ts like any edit: audited,
 * idempotent), and what the home page says is due.
 */
import { todayBeijing } from '../../../types/dates';
import type { Dispute } from '../../../types/dispute';
import type { ConfirmationInput, DueView, FollowUpInput } from '../../../types/followup';
import { RECORDERS } from '../../../types/org';
import { grantUnits } from '../../../types/reach';
import { presentDispute, type WriteContext } from '../domain/dispute';
import { planConfirmation, planFollowUp } from '../domain/followup';
import { Refusal } from '../domain/refusal';
import type { Plan } from '../domain/versioned';
import type { Call } from '../platform/port';
import { commitCase, writeContext } from './dispute';
import { dueCounts, getDispute, myCasesBase } from './queries/disputes';
import { requireUnit } from './queries/units';

async function recordOnCase(call: Call, caseId: string, plan: (existing: Dispute | null, ctx: WriteContext) => Plan<Dispute>): Promise<Dispute> {
  const found = await getDispute(call.store, caseId);
  if (!found || found.deleted) throw new Refusal('NOT_FOUND', '案件不存在或已删除');
  const ctx = await writeContext(call, found.unitPath);
  const saved = await commitCase(call, caseId, (existing) => plan(existing, ctx));
  return presentDispute(call.caller, saved);
}

export const saveFollowUp = (call: Call, input: FollowUpInput) => recordOnCase(call, input.caseId, (d, ctx) => planFollowUp(d, input, ctx));
export const saveConfirmation = (call: Call, input: ConfirmationInput) => recordOnCase(call, input.caseId, (d, ctx) => planConfirmation(d, input, ctx));

/** The home page's counts: a mediator's own cases, and each unit a supervisor holds (its villages' cases with its own). */
export async function dueView(call: Call): Promise<DueView> {
  const today = todayBeijing(call.now());
  const mine = grantUnits(call.caller, RECORDERS.dispute).length ? await dueCounts(call.store, myCasesBase(call.caller), today) : undefined;
  const units = await Promise.all(
    grantUnits(call.caller, ['supervisor']).map(async (unitId) => ({
      unitId,
      name: (await requireUnit(call.store, unitId)).name,
      counts: await dueCounts(call.store, { unitPath: unitId, deleted: false }, today),
    })),
  );
  return { ...(mine ? { mine } : {}), units };
}
