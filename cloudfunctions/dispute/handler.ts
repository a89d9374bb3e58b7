/** 矛盾纠纷: save (create or edit, idempotent), remove, list mine, get one, history. */
import { DisputeInput, type Dispute } from '../../types/dispute';
import { DisputeListQuery, RecordRef, RecordVersionRef, type AuditEntry, type DisputeList, type DisputeView } from '../../types/ledger';
import { RECORDERS } from '../../types/org';
import { disputeTypesOf } from '../../types/settings';
import { MY_CASES_ORDER, myCasesFilter } from '../core/app/queries/disputes';
import {
  maskDispute, mayEdit, mayRead, maySeeHistory, maySeePrivate, planDisputeDelete, planDisputeSave, presentDispute, type WriteContext,
} from '../core/domain/dispute';
import type { Plan } from '../core/domain/versioned';
import { authorize } from '../core/domain/reach';
import { Refusal } from '../core/domain/refusal';
import { disputeContributions } from '../core/domain/figures/rollup';
import { C } from '../core/platform/port';
import { commitRecord, readSettings, requireUnit } from '../core/app/write';
import { parse, type Call, type CloudFunction } from '../core/platform/runtime';

async function writeContext(call: Call, unitPath: string[]): Promise<WriteContext> {
  const settings = await readSettings(call.store);
  return {
    caller: call.caller,
    unitPath,
    nowIso: call.now().toISOString(),
    unitWideEditing: !!settings.unitWideEditing,
    disputeTypes: disputeTypesOf(settings),
  };
}

/** Writes through the shared record path: case, rollups and audit in one transaction. */
function commit(call: Call, id: string, plan: (existing: Dispute | null) => Plan<Dispute>): Promise<Dispute> {
  return commitRecord(call.store, call.caller, { coll: C.disputes, id, plan, contributions: (d) => disputeContributions(d) });
}

/** The case as this caller may see it (see mayRead), with what they may do to it. */
async function readable(call: Call, id: string): Promise<DisputeView> {
  const d = await call.store.get<Dispute>(C.disputes, id);
  if (!d || d.deleted) throw new Refusal('NOT_FOUND', '案件不存在或已删除');
  const ctx = await writeContext(call, d.unitPath);
  if (!mayRead(d, ctx)) throw new Refusal('FORBIDDEN', '您无权查看该案件');
  return {
    record: presentDispute(call.caller, d),
    canSeePrivate: maySeePrivate(call.caller, d),
    canEdit: mayEdit(d, ctx),
    canSeeHistory: maySeeHistory(call.caller, d),
  };
}

export const dispute: CloudFunction = {
  async save(payload, call) {
    const input = parse(DisputeInput, payload);
    const unit = await requireUnit(call.store, input.unitId);
    authorize(call.caller, RECORDERS.dispute, unit);
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

  async list(payload, call): Promise<DisputeList> {
    const q = parse(DisputeListQuery, payload ?? {});
    const filter = myCasesFilter(call.caller, q);
    const [items, total] = await Promise.all([
      call.store.find<Dispute>(C.disputes, filter, { sort: MY_CASES_ORDER, skip: q.skip, limit: q.limit }),
      call.store.count(C.disputes, filter),
    ]);
    // Lists always mask party information; the full text is on the case page for those allowed.
    return { items: items.map(maskDispute), total };
  },

  async get(payload, call): Promise<DisputeView> {
    return readable(call, parse(RecordRef, payload).id);
  },

  async history(payload, call): Promise<AuditEntry[]> {
    const { id } = parse(RecordRef, payload);
    if (!(await readable(call, id)).canSeeHistory) throw new Refusal('FORBIDDEN', '只有登记人和上级主管可以查看修改记录');
    return call.store.find<AuditEntry>(C.audit, { coll: C.disputes, recordId: id }, { sort: { version: 1 } });
  },
};
