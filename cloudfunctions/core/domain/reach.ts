/** Authorising by reach (types/reach.ts): a refusal that names the unit when the caller's roles do not reach it. */
import { RECORDERS, type Role, type Unit, type User } from '../../../types/org';
import { reaches } from '../../../types/reach';
import { Refusal } from './refusal';

export function authorize(user: User, roles: readonly Role[], unit: Pick<Unit, 'path' | 'name'>): void {
  if (!reaches(user, roles, unit.path)) {
    throw new Refusal('FORBIDDEN', `您没有在「${unit.name}」进行此操作的权限`);
  }
}

/** Whoever records a kind in an area (RECORDERS) may read and change its records there. */
export function mayRecord(user: User, kind: keyof typeof RECORDERS, unitPath: readonly string[]): boolean {
  return reaches(user, RECORDERS[kind], unitPath);
}
