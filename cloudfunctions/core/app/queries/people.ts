/** The roster (C.people): its filters in one place. */
import type { Person, RosterQuery } from '../../../../types/training';
import { nameForms, samePerson } from '../../domain/person';
import { C, containsText, type Filter, type Store } from '../../platform/port';

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

/** One page of an area's roster by name, and how many match. */
export async function rosterPage(store: Store, areaId: string, q: Pick<RosterQuery, 'q' | 'lawPersonOnly' | 'skip' | 'limit'>): Promise<{ items: Person[]; total: number }> {
  const filter: Filter = { unitPath: areaId, deleted: false };
  if (q.lawPersonOnly) filter.isLawPerson = true;
  if (q.q) filter.name = containsText(q.q);
  const [items, total] = await Promise.all([
    // The id breaks ties between people of the same name, so pages neither skip nor repeat.
    store.find<Person>(C.people, filter, { sort: { name: 1, _id: 1 }, skip: q.skip, limit: q.limit }),
    store.count(C.people, filter),
  ]);
  return { items, total };
}

export function getPerson(store: Store, id: string): Promise<Person | null> {
  return store.get<Person>(C.people, id);
}

/** Everyone of area `areaId` (the unit and all below it) with this phone (normalised) or this name: matchPerson's candidates. */
export async function peopleLike(store: Store, areaId: string, name: string, phone: string): Promise<Person[]> {
  const phoneKey = samePerson(name, phone).phoneKey;
  const [byPhone, byName] = await Promise.all([
    phoneKey ? store.find<Person>(C.people, { unitPath: areaId, phoneKey, deleted: false }) : Promise.resolve([]),
    store.find<Person>(C.people, { unitPath: areaId, name: { $in: nameForms(name) }, deleted: false }),
  ]);
  return [...new Map([...byPhone, ...byName].map((p) => [p._id, p])).values()];
}
