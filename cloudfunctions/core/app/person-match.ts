/**
 * One person, one entry at a session (issue 16): a walk-in or a self check-in is looked for in
 * the session's whole area (its unit and all below it), by phone first, then by name. The same
 * person is ticked as themselves; a likely one is offered back (PersonMatch) before a second
 * entry is made.
 */
import { maskPhones } from '../../../types/phone';
import type { Person, PersonMatch, Training } from '../../../types/training';
import { matchPerson, type Typed } from '../domain/person';
import type { Store } from '../platform/port';
import { peopleLike } from './queries/people';
import { requireUnit } from './queries/units';

export function matchInArea(store: Store, t: Pick<Training, 'unitId'>, typed: Typed): Promise<{ exact?: Person; near?: Person }> {
  return peopleLike(store, t.unitId, typed).then((found) => matchPerson(typed, found));
}

/** An entry as offered to whoever is asked "是同一人吗?": name, masked phone and unit, nothing more. */
export async function personMatch(store: Store, p: Person): Promise<PersonMatch> {
  return { _id: p._id, name: p.name, phone: maskPhones(p.phone), isLawPerson: p.isLawPerson, unitId: p.unitId, unitName: (await requireUnit(store, p.unitId)).name };
}
