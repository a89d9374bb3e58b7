/**
 * Period locks (锁定期间) and the recount check: the district closes a year or a month for a
 * subtree, so nothing dated in it changes; unlocking needs a reason, kept in the audit trail.
 */
import { DISTRICT_ACTS, VIEWERS, type Unit } from '../../../types/org';
import type { LockInput, LocksQuery, LockView, UnlockInput } from '../../../types/metrics';
import { lockId, type LockDoc } from '../domain/figures/locks';
import { authorize } from '../domain/reach';
import { Refusal } from '../domain/refusal';
import { C, type Call } from '../platform/port';
import { locksBinding, readLock } from './queries/locks';
import { districtGrant, requireUnit } from './queries/units';
import { recount } from './recount';
import { unitInView } from './unit-in-view';
import { appendAudit } from './write';

/** Locks are the district's: a supervisor whose grant sits at the top of the tree. */
async function requireDistrictSupervisor(call: Call, unit: Unit): Promise<void> {
  authorize(call.caller, DISTRICT_ACTS.lock, unit);
  const district = await districtGrant(call.store, call.caller, DISTRICT_ACTS.lock);
  if (!district || !unit.path.includes(district._id)) throw new Refusal('FORBIDDEN', '只有区级主管可以锁定或解锁期间');
}

export async function listLocks(call: Call, q: LocksQuery): Promise<LockView[]> {
  const unit = await unitInView(call, VIEWERS, q.unitId, '只有主管可以查看汇总');
  return (await locksBinding(call.store, unit)).map(({ _id, unitId, unitName, period, byName, at }) => ({ _id, unitId, unitName, period, byName, at }));
}

/** Locking twice is once. */
export async function lockPeriod(call: Call, q: LockInput): Promise<LockView> {
  const unit = await requireUnit(call.store, q.unitId);
  await requireDistrictSupervisor(call, unit);
  const lock: LockDoc = {
    _id: lockId(unit._id, q.period),
    unitId: unit._id,
    unitName: unit.name,
    unitPath: unit.path,
    period: q.period,
    by: call.caller._id,
    byName: call.caller.name,
    at: call.now().toISOString(),
  };
  await call.store.transaction(async (tx) => {
    if (await readLock(tx, lock._id)) return;
    await tx.set(C.locks, lock);
    await appendAudit(tx, { coll: C.locks, recordId: lock._id, version: 0, action: 'lock', by: lock.by, byName: lock.byName, at: lock.at, changes: {} });
  });
  return lock;
}

export async function unlockPeriod(call: Call, q: UnlockInput): Promise<{ id: string }> {
  const unit = await requireUnit(call.store, q.unitId);
  await requireDistrictSupervisor(call, unit);
  const id = lockId(unit._id, q.period);
  const at = call.now().toISOString();
  await call.store.transaction(async (tx) => {
    const lock = await readLock(tx, id);
    if (!lock) throw new Refusal('NOT_FOUND', '该期间没有锁定');
    // An approved month is reopened by 撤销审核, which also puts its submission back: unlocking alone would leave it '审核通过' and open.
    if (lock.byApproval) throw new Refusal('CONFLICT', `「${lock.unitName}」${lock.period}因月报审核通过而锁定,请在报送审核中撤销审核`);
    await tx.remove(C.locks, id);
    await appendAudit(tx, { coll: C.locks, recordId: id, version: 0, action: 'unlock', by: call.caller._id, byName: call.caller.name, at, changes: { reason: [null, q.reason] } });
  });
  return { id };
}

/** Compares every stored rollup with a recount from the raw records; names the first hundred differences. */
export async function checkFigures(call: Call) {
  await requireDistrictSupervisor(call, await unitInView(call, VIEWERS, undefined, '只有主管可以查看汇总'));
  const r = await recount(call.store, false);
  return { ...r, differences: r.differences.slice(0, 100), differenceCount: r.differences.length };
}
