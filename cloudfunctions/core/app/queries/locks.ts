/** Period locks (C.locks). */
import type { Unit } from '../../../../types/org';
import type { LockDoc } from '../../domain/figures/locks';
import { C, type Store, type Tx } from '../../platform/port';

/** Locks that bind this unit's view, newest period first: set on it or above it, or on units below it. */
export async function locksBinding(store: Store, unit: Unit): Promise<LockDoc[]> {
  const locks = await store.find<LockDoc>(C.locks, {}, { sort: { period: -1 } });
  return locks.filter((l) => unit.path.includes(l.unitId) || l.unitPath.includes(unit._id));
}

export function readLock(tx: Pick<Tx, 'get'>, id: string): Promise<LockDoc | null> {
  return tx.get<LockDoc>(C.locks, id);
}

/** The locks set on any of these units. */
export function locksAt(store: Store, unitIds: readonly string[]): Promise<LockDoc[]> {
  return unitIds.length ? store.find<LockDoc>(C.locks, { unitId: { $in: [...unitIds] } }) : Promise.resolve([]);
}
