/** Port operations the handlers share: units, rollups, the audit trail. */
import type { AuditEntry } from '../../types/ledger';
import type { Unit } from '../../types/org';
import { addCounters, rollupId, type RollupDoc } from './domain/rollup';
import { Refusal } from './domain/refusal';
import { C, type Store, type Tx } from './port';

export async function requireUnit(store: Store | Tx, unitId: string): Promise<Unit> {
  const unit = await store.get<Unit>(C.units, unitId);
  if (!unit) throw new Refusal('INVALID', '所选单位不存在', { unitId: '所选单位不存在' });
  return unit;
}

/** District-wide settings (one document). */
export interface Settings {
  _id: string;
  /** Mediators may edit any case of their unit, not only their own. */
  unitWideEditing?: boolean;
}

export async function readSettings(store: Store): Promise<Settings> {
  return (await store.get<Settings>(C.settings, 'district')) ?? { _id: 'district' };
}

export function childUnits(store: Store, parentId: string): Promise<(Unit)[]> {
  return store.find<Unit>(C.units, { parentId }, { sort: { _id: 1 } });
}

/** Inside the write's transaction: each rollup document read, added to, written back. */
export async function applyRollupDelta(tx: Tx, delta: Map<string, RollupDoc>): Promise<void> {
  for (const d of delta.values()) {
    const stored = await tx.get<RollupDoc>(C.rollups, d._id);
    const next = addCounters(stored, d);
    if (Object.keys(next.c).length) await tx.set(C.rollups, next);
    else if (stored) await tx.remove(C.rollups, d._id);
  }
}

export async function readRollup(store: Store, unitId: string, period: string): Promise<Record<string, number>> {
  return (await store.get<RollupDoc>(C.rollups, rollupId(unitId, period)))?.c ?? {};
}


export function appendAudit(tx: Tx, entry: Omit<AuditEntry, '_id'>): Promise<void> {
  return tx.set(C.audit, { _id: `${entry.coll}:${entry.recordId}:${entry.version}`, ...entry });
}
