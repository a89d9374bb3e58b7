/**
 * Roles and reach (DOMAIN.md): a role held at a unit reaches that unit and everything below
 * it. One rule for the functions, which authorise by it, and for the app, which offers only
 * what would be authorised.
 */
import type { Role, RoleGrant, Unit } from './org';

interface Holder {
  roles: readonly RoleGrant[];
}

export function reaches(user: Holder, roles: readonly Role[], unitPath: readonly string[]): boolean {
  return user.roles.some((g) => roles.includes(g.role) && unitPath.includes(g.unitId));
}

/** The units a user's grants of these roles sit at (the tops of their reach), in grant order. */
export function grantUnits(user: Holder, roles: readonly Role[]): string[] {
  return [...new Set(user.roles.filter((g) => roles.includes(g.role)).map((g) => g.unitId))];
}

/** The district (the unit with no parent) among `units` when `user` holds one of `roles` there. */
export function districtGrant<U extends Pick<Unit, '_id' | 'parentId'>>(user: Holder, roles: readonly Role[], units: readonly U[]): U | undefined {
  const tops = grantUnits(user, roles);
  return units.find((u) => u.parentId === null && tops.includes(u._id));
}
