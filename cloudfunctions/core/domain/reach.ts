/** Roles and reach (DOMAIN.md): a role held at a unit reaches that unit and all below it. */
import type { Role, Unit, User } from '../../../types/org';
import { Refusal } from './refusal';

export function reaches(user: User, roles: readonly Role[], unitPath: readonly string[]): boolean {
  return user.roles.some((g) => roles.includes(g.role) && unitPath.includes(g.unitId));
}

export function authorize(user: User, roles: readonly Role[], unit: Pick<Unit, 'path' | 'name'>): void {
  if (!reaches(user, roles, unit.path)) {
    throw new Refusal('FORBIDDEN', `您没有在「${unit.name}」进行此操作的权限`);
  }
}

/** The units a user's grants of these roles sit at (the tops of their reach). */
export function grantUnits(user: User, roles: readonly Role[]): string[] {
  return [...new Set(user.roles.filter((g) => roles.includes(g.role)).map((g) => g.unitId))];
}
