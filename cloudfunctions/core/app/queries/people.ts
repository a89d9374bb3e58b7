/** The roster (C.people): its filters in one place. */
import type { Person, RosterQuery } from '../../../../types/training';
import { nameForms, phoneTypos, samePerson, type Typed } from '../../domain/person';
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

/**
 * The most entries of one unit read for a near name: more than a village's roster holds (the
 * attendance page loads up to 1000 of a whole area at once).
 */
const UNIT_ROSTER_LIMIT = 1000;

/**
 * matchPerson's candidates in area `areaId` (the unit and all below it), each read through an
 * index and bounded by what it finds: the entries with this phone or one a slip away (phoneTypos:
 * at most 100 keys of the phone index), with this name (the name index), and the roster of the
 * unit the attendee would join (`typed.unitId`, one village: a near name or a name spelled
 * otherwise is looked for there only, since no index finds "one character apart").
 */
export async function peopleLike(store: Store, areaId: string, typed: Typed): Promise<Person[]> {
  const phoneKey = samePerson(typed.name, typed.phone).phoneKey;
  const phoneKeys = phoneKey ? [phoneKey, ...phoneTypos(phoneKey)] : [];
  const [byPhone, byName, ofUnit] = await Promise.all([
    phoneKeys.length ? store.find<Person>(C.people, { unitPath: areaId, phoneKey: { $in: phoneKeys }, deleted: false }) : Promise.resolve([]),
    store.find<Person>(C.people, { unitPath: areaId, name: { $in: nameForms(typed.name) }, deleted: false }),
    typed.unitId ? store.find<Person>(C.people, { unitId: typed.unitId, unitPath: areaId, deleted: false }, { limit: UNIT_ROSTER_LIMIT }) : Promise.resolve([]),
  ]);
  return [...new Map([...byPhone, ...byName, ...ofUnit].map((p) => [p._id, p])).values()];
}
