/** The organisation tree (C.units): its reads in one place. */
import type { Role, Unit, User } from '../../../../types/org';
import { districtGrant as districtOf, grantUnits } from '../../../../types/reach';
import { Refusal } from '../../domain/refusal';
import { C, type Store, type Tx } from '../../platform/port';

export async function requireUnit(store: Store | Tx, unitId: string): Promise<Unit> {
  const unit = await store.get<Unit>(C.units, unitId);
  if (!unit) throw new Refusal('INVALID', '所选单位不存在', { unitId: '所选单位不存在' });
  return unit;
}

/** The district (the top of the tree) when `caller` holds one of `roles` there, else null. */
export async function districtGrant(store: Store, caller: User, roles: readonly Role[]): Promise<Unit | null> {
  const tops = grantUnits(caller, roles);
  if (!tops.length) return null;
  return districtOf(caller, roles, await store.find<Unit>(C.units, { _id: { $in: tops } })) ?? null;
}

const KIND_ORDER: Record<string, number> = { 乡镇街道: 0, 村社区: 1, 区直: 2, 区: 3 };

/** Sub-units in the order people read them: townships, then villages, then district bodies; by name. */
export async function childUnits(store: Store, parentId: string): Promise<Unit[]> {
  const units = await store.find<Unit>(C.units, { parentId });
  return units.sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.name.localeCompare(b.name, 'zh'));
}

/** The unit and everything below it. */
export function subtree(store: Store, rootId: string): Promise<Unit[]> {
  return store.find<Unit>(C.units, { path: rootId });
}

/** Every unit the caller's grants reach, each once, in tree order (by path). */
export async function unitsReached(store: Store, caller: User): Promise<Unit[]> {
  const tops = [...new Set(caller.roles.map((g) => g.unitId))];
  const reach = await Promise.all(tops.map((id) => subtree(store, id)));
  return [...new Map(reach.flat().map((u) => [u._id, u])).values()].sort((a, b) => a.path.join('/').localeCompare(b.path.join('/'), 'zh'));
}
