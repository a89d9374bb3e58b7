/**
 * Which units a page offers or looks at. `whoami` lists every unit any of my roles reaches (a
 * trainer who is also a mediator gets the trainer's township too); a form offers only those
 * reached by a role that may record what it records, as the functions check it.
 */
import { RECORDERS, type Me, type Role, type Unit } from '../../types/org';
import { grantUnits, reaches } from '../../types/reach';

/** My units that a grant of one of `roles` reaches (the grant's unit and everything below it). */
export function unitsFor(me: Pick<Me, 'user' | 'units'>, roles: readonly Role[]): Unit[] {
  return me.units.filter((u) => reaches(me.user, roles, u.path));
}

/** `preferred` (my last case's unit) if it is on offer, else the first offered: never a unit the form does not show. */
export function offeredUnit(offered: readonly Pick<Unit, '_id'>[], preferred?: string): string {
  return offered.find((u) => u._id === preferred)?._id ?? offered[0]?._id ?? '';
}

/** A new entry's unit: the one asked for (the village the roster was showing) if offered, else my first village, else my first unit. */
export function newPersonUnit(offered: readonly Unit[], asked?: string): string {
  return offeredUnit(offered, offered.some((u) => u._id === asked) ? asked : offered.find((u) => u.kind === '村社区')?._id);
}

/**
 * Where a new record starts, among the units its form offers: a roster entry as `newPersonUnit`
 * (`asked`: a link's ?unitId=), anything else at my last case's unit.
 */
export function newRecordUnit(me: Pick<Me, 'user' | 'units' | 'defaults'>, kind: keyof typeof RECORDERS, asked?: string): string {
  const offered = unitsFor(me, RECORDERS[kind]);
  return kind === 'person' ? newPersonUnit(offered, asked) : offeredUnit(offered, me.defaults.unitId);
}

/** My area for these roles: where my first grant of one sits, the unit the functions look at when a page names none. */
export function myArea(me: Pick<Me, 'user'> | undefined, roles: readonly Role[]): string | undefined {
  return me ? grantUnits(me.user, roles)[0] : undefined;
}

/** A unit's name from what `whoami` listed (the units I reach), else its id. */
export function unitNamer(me: Pick<Me, 'units'> | undefined): (id: string) => string {
  const names = new Map(me?.units.map((u) => [u._id, u.name]));
  return (id) => names.get(id) ?? id;
}

/** The units under `areaId` that I reach (its villages, for filter chips). */
export function unitsUnder(me: Pick<Me, 'units'> | undefined, areaId: string): Unit[] {
  return me?.units.filter((u) => u._id !== areaId && u.path.includes(areaId)) ?? [];
}
