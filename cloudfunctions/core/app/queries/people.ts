/** The roster (C.people): its filters in one place. */
import type { Person } from '../../../../types/training';
import { samePerson } from '../../domain/person';
import { C, type Store } from '../../platform/port';

/**
 * The entry that is the same person (domain/person.ts samePerson) among those searched: one
 * unit's own roster (`unitId`), or every unit of an area (`areaId`: the unit and all below it).
 */
export async function findSamePerson(store: Store, scope: { unitId: string } | { areaId: string }, name: string, phone: string): Promise<Person | null> {
  const rule = samePerson(name, phone);
  const where = 'unitId' in scope ? { unitId: scope.unitId } : { unitPath: scope.areaId };
  const candidates = await store.find<Person>(C.people, { ...where, phoneKey: rule.phoneKey, deleted: false });
  return candidates.find(rule.is) ?? null;
}
