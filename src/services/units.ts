/**
 * Which units a form offers. `whoami` lists every unit any of my roles reaches (a trainer who
 * is also a mediator gets the trainer's township too); a form offers only those reached by a
 * role that may record what it records, as the functions check it.
 */
import type { Me, Role, Unit } from '../../types/org';

/** My units that a grant of one of `roles` reaches (the grant's unit and everything below it). */
export function unitsFor(me: Pick<Me, 'user' | 'units'>, roles: readonly Role[]): Unit[] {
  const tops = me.user.roles.filter((g) => roles.includes(g.role)).map((g) => g.unitId);
  return me.units.filter((u) => tops.some((top) => u.path.includes(top)));
}

/** `preferred` (my last case's unit) if it is on offer, else the first offered: never a unit the form does not show. */
export function offeredUnit(offered: readonly Pick<Unit, '_id'>[], preferred?: string): string {
  return offered.find((u) => u._id === preferred)?._id ?? offered[0]?._id ?? '';
}
