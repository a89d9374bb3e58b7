/** The organisation tree (C.units): its reads in one place. */
import type { Role, Unit, User } from '../../../../types/org';
import { districtGrant as districtOf, grantUnits } from '../../../../types/reach';
import { Refusal } from '../../domain/refusal';
import { placementChange, type Relocation } from '../../domain/tree';
import { C, type Doc, type Store, type Tx } from '../../platform/port';

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

/** Every unit below the units where the caller holds one of `roles` (those included), each once, in tree order. */
export async function unitsUnderGrants(store: Store, caller: User, roles: readonly Role[]): Promise<Unit[]> {
  const tops = grantUnits(caller, roles);
  if (!tops.length) return [];
  const units = await store.find<Unit>(C.units, { path: { $in: tops } });
  return units.sort((a, b) => a.path.join('/').localeCompare(b.path.join('/'), 'zh'));
}

/**
 * A page of a collection's documents (records, locks) still at a moving unit's old placement:
 * under the unit and an ancestor it leaves, or (moving below its old parent: it leaves none)
 * under none it joins. A rewritten document never matches again, so the pages need no cursor.
 */
export function atOldPlacement<T extends Doc>(store: Store, coll: string, r: Relocation, limit: number): Promise<T[]> {
  const { lost, gained } = placementChange(r);
  const old = lost.length ? { unitPath: lost[lost.length - 1] } : { unitPath: { $nin: gained } };
  return store.find<T>(coll, { $and: [{ unitPath: r.unitId }, old] }, { limit });
}

/** How many documents of a collection sit in the subtree of `unitId`. */
export function countUnder(store: Store, coll: string, unitId: string): Promise<number> {
  return store.count(coll, { unitPath: unitId });
}
