/**
 * 矛盾纠纷 use cases: save (create or edit, idempotent), remove, 我的台账, read one, history.
 * Validated by types/dispute.ts (DisputeInput) and the rules in domain/dispute.ts; stored by
 * write.ts's commitRecord, which moves the rollups in the same transaction.
 */
import { todayBeijing } from '../../../types/dates';
import type { Dispute, DisputeInput } from '../../../types/dispute';
import type { AuditEntry, DisputeList, DisputeListQuery, DisputeView } from '../../../types/ledger';
import { RECORDERS } from '../../../types/org';
import { disputeTypesOf, followUpDaysOf } from '../../../types/settings';
import {
  maskDispute, mayEdit, mayRead, maySeeHistory, maySeePrivate, planDisputeDelete, planDisputeSave, presentDispute, type WriteContext,
} from '../domain/dispute';
import { disputeContributions } from '../domain/figures/rollup';
import { authorize } from '../domain/reach';
import { Refusal } from '../domain/refusal';
import { assertOpenFor } from '../domain/tree';
import type { Plan } from '../domain/versioned';
import { C, type Call, type Tx } from '../platform/port';
import { flagAlerts } from './alerts';
import { numberCase } from './case-no';
import { photoUrls } from './kept-file';
import { historyOf } from './queries/audit';
import { dueCasesUnder, getDispute, myCases } from './queries/disputes';
import { readSettings } from './queries/settings';
import { requireUnit } from './queries/units';
import { commitRecord } from './write';

export async function writeContext(call: Call, unitPath: string[]): Promise<WriteContext> {
  const settings = await readSettings(call.store);
  return {
    caller: call.caller,
    unitPath,
    nowIso: call.now().toISOString(),
    unitWideEditing: !!settings.unitWideEditing,
    disputeTypes: disputeTypesOf(settings),
    followUpDays: followUpDaysOf(settings),
  };
}

/** A case's one write: its rollups, its 案号 on creation, and `also` (writes that land with it). */
export function commitCase(call: Call, id: string, plan: (existing: Dispute | null) => Plan<Dispute>, also?: (tx: Tx, before: Dispute | null, after: Dispute) => Promise<void>): Promise<Dispute> {
  return commitRecord(call.store, call.caller, { coll: C.disputes, id, plan, contributions: disputeContributions, also, onCreate: numberCase });
}

export async function saveDispute(call: Call, input: DisputeInput): Promise<Dispute> {
  const unit = await requireUnit(call.store, input.unitId);
  authorize(call.caller, RECORDERS.dispute, unit);
  const ctx = await writeContext(call, unit.path);
  const alerts = flagAlerts(call, unit);
  const saved = await commitCase(call, input.id, (existing) => {
    assertOpenFor(unit, existing);
    return planDisputeSave(existing, input, ctx);
  }, alerts.also);
  await alerts.push();
  return presentDispute(call.caller, saved);
}

export async function removeDispute(call: Call, { id, baseVersion }: { id: string; baseVersion: number }): Promise<{ id: string }> {
  const existing = await getDispute(call.store, id);
  if (!existing) throw new Refusal('NOT_FOUND', '案件不存在');
  const ctx = await writeContext(call, existing.unitPath);
  await commitCase(call, id, (current) => planDisputeDelete(current, baseVersion, ctx));
  return { id };
}

/**
 * 我的台账 (or, with a unit, a supervisor's list of what is due in its subtree). Lists always mask
 * party information; the full text is on the case page for those allowed.
 */
export async function listMyCases(call: Call, q: DisputeListQuery): Promise<DisputeList> {
  const today = todayBeijing(call.now());
  const list = q.unitId ? await casesDueUnder(call, q.unitId, q, today) : await myCases(call.store, call.caller, q, today);
  return { ...list, items: list.items.map(maskDispute) };
}

async function casesDueUnder(call: Call, unitId: string, q: DisputeListQuery, today: string) {
  if (!q.due) throw new Refusal('INVALID', '请选择要查看的案件:在办、待回访或司法确认待申请');
  const unit = await requireUnit(call.store, unitId);
  authorize(call.caller, ['supervisor'], unit);
  return dueCasesUnder(call.store, unitId, q.due, q, today);
}

/** The case as this caller may see it (see mayRead), with what they may do to it. */
export async function readDispute(call: Call, id: string): Promise<DisputeView> {
  const d = await getDispute(call.store, id);
  if (!d || d.deleted) throw new Refusal('NOT_FOUND', '案件不存在或已删除');
  const ctx = await writeContext(call, d.unitPath);
  if (!mayRead(d, ctx)) throw new Refusal('FORBIDDEN', '您无权查看该案件');
  return {
    record: presentDispute(call.caller, d),
    canSeePrivate: maySeePrivate(call.caller, d),
    canEdit: mayEdit(d, ctx),
    canSeeHistory: maySeeHistory(call.caller, d),
    photoUrls: await photoUrls(call, d),
  };
}

export async function disputeHistory(call: Call, id: string): Promise<AuditEntry[]> {
  if (!(await readDispute(call, id)).canSeeHistory) throw new Refusal('FORBIDDEN', '只有登记人和上级主管可以查看修改记录');
  return historyOf(call.store, C.disputes, id);
}
