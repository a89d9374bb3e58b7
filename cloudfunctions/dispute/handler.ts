/** 矛盾纠纷: save (create or edit, idempotent), remove, list mine, get one, history. */
import { DisputeInput, type Dispute } from '../../types/dispute';
import { DisputeListQuery, RecordRef, RecordVersionRef } from '../../types/ledger';
import {
  maskDispute, mayEdit, maySeePrivate, planDisputeDelete, planDisputeSave, presentDispute,
  type DisputePlan, type WriteContext,
} from '../core/domain/dispute';
import { authorize, reaches } from '../core/domain/reach';
import { Refusal } from '../core/domain/refusal';
import { disputeContributions, rollupDelta } from '../core/domain/rollup';
import { C, type Filter } from '../core/port';
import { appendAudit, applyRollupDelta, readSettings, requireUnit, type AuditEntry } from '../core/records';
import { parse, type Call, type CloudFunction } from '../core/runtime';

async function writeContext(call: Call, unitPath: string[]): Promise<WriteContext> {
  const settings = await readSettings(call.store);
  return { caller: call.caller, unitPath, nowIso: call.now().toISOString(), unitWideEditing: !!settings.unitWideEditing };
}

/** One transaction: the case, its rollup change and its audit entry land together or not at all. */
async function commit(call: Call, id: string, plan: (existing: Dispute | null) => DisputePlan): Promise<Dispute> {
  return call.store.transaction(async (tx) => {
    const existing = await tx.get<Dispute>(C.disputes, id);
    const p = plan(existing);
    if (p.kind === 'unchanged') return p.record;
    await tx.set(C.disputes, p.record);
    await applyRollupDelta(tx, rollupDelta(p.record.unitPath, disputeContributions(existing), disputeContributions(p.record)));
    await appendAudit(tx, {
      coll: C.disputes,
      recordId: id,
      version: p.record.version,
      action: p.action,
      by: call.caller._id,
      byName: call.caller.name,
      at: p.record.updatedAt,
      changes: p.changes,
    });
    return p.record;
  });
}

async function readable(call: Call, id: string): Promise<Dispute> {
  const d = await call.store.get<Dispute>(C.disputes, id);
  if (!d || d.deleted) throw new Refusal('NOT_FOUND', '案件不存在或已删除');
  const ctx = await writeContext(call, d.unitPath);
  if (!mayEdit(d, ctx) && !reaches(call.caller, ['supervisor'], d.unitPath)) {
    throw new Refusal('FORBIDDEN', '您无权查看该案件');
  }
  return d;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const dispute: CloudFunction = {
  async save(payload, call) {
    const input = parse(DisputeInput, payload);
    const unit = await requireUnit(call.store, input.unitId);
    authorize(call.caller, ['mediator'], unit);
    const ctx = await writeContext(call, unit.path);
    return presentDispute(call.caller, await commit(call, input.id, (existing) => planDisputeSave(existing, input, ctx)));
  },

  async remove(payload, call) {
    const { id, baseVersion } = parse(RecordVersionRef, payload);
    const existing = await call.store.get<Dispute>(C.disputes, id);
    if (!existing) throw new Refusal('NOT_FOUND', '案件不存在');
    const ctx = await writeContext(call, existing.unitPath);
    await commit(call, id, (current) => planDisputeDelete(current, baseVersion, ctx));
    return { id };
  },

  async list(payload, call) {
    const q = parse(DisputeListQuery, payload ?? {});
    const filter: Filter = { mediatorId: call.caller._id, deleted: false };
    if (q.month) filter.acceptedDate = { $gte: `${q.month}-01`, $lte: `${q.month}-31` };
    if (q.outcome) filter.outcome = q.outcome;
    if (q.type) filter.type = q.type;
    if (q.q) filter.summary = { $regex: escapeRegex(q.q) };
    const [items, total] = await Promise.all([
      call.store.find<Dispute>(C.disputes, filter, { sort: { createdAt: -1 }, skip: q.skip, limit: q.limit }),
      call.store.count(C.disputes, filter),
    ]);
    // Lists always mask party information; the full text is on the case page for those allowed.
    return { items: items.map(maskDispute), total };
  },

  async get(payload, call) {
    const { id } = parse(RecordRef, payload);
    const d = await readable(call, id);
    return { record: presentDispute(call.caller, d), canSeePrivate: maySeePrivate(call.caller, d) };
  },

  async history(payload, call) {
    const { id } = parse(RecordRef, payload);
    await readable(call, id);
    return call.store.find<AuditEntry>(C.audit, { coll: C.disputes, recordId: id }, { sort: { version: 1 } });
  },
};
