/**
 * Accounts (issue 12), pure: an invitation's state, the invitation code's alphabet, who may grant
 * what to whom, and what joining writes. The use cases (app/invitations.ts, app/users.ts) read and
 * store; these decide.
 */
import { grantableRoles, INVITATION_CODE, type Invitation, type InvitationState } from '../../../types/account';
import { ROLE_LABELS, type Role, type RoleGrant, type Unit, type User } from '../../../types/org';
import { maskPhones, normalizePhone } from '../../../types/phone';
import { Refusal } from './refusal';

/** The code's alphabet: digits and capitals without 0/O, 1/I. 32 characters, so a byte's low 5 bits pick one without bias. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A code from 10 random bytes (crypto's, in the use case). */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 10) throw new Error('an invitation code needs 10 random bytes');
  const code = Array.from(bytes.subarray(0, 10), (b) => CODE_ALPHABET[b & 31]).join('');
  if (!INVITATION_CODE.test(code)) throw new Error(`invitation code ${code} is outside its alphabet`);
  return code;
}

/** Revoked beats used up beats expired: the first reason it cannot be used is the one shown. */
export function invitationState(inv: Pick<Invitation, 'revokedAt' | 'joined' | 'uses' | 'expiresAt'>, nowIso: string): InvitationState {
  if (inv.revokedAt) return '已撤销';
  if (inv.joined.length >= inv.uses) return '已用完';
  if (inv.expiresAt <= nowIso) return '已过期';
  return '有效';
}

const REFUSED: Record<Exclude<InvitationState, '有效'>, string> = {
  已撤销: '该邀请已被撤销,请联系邀请人重新邀请',
  已用完: '该邀请的名额已用完,请联系邀请人重新邀请',
  已过期: '该邀请已过期,请联系邀请人重新邀请',
};

/** Refuses, naming the unit and role, unless `caller` may grant `role` at `unit`. */
export function assertMayGrant(caller: User, role: Role, unit: Pick<Unit, 'path' | 'name'>): void {
  if (!grantableRoles(caller, unit.path).includes(role)) {
    throw new Refusal('FORBIDDEN', `您不能在「${unit.name}」授予或撤销${ROLE_LABELS[role]}角色`);
  }
}

/**
 * Whether `caller` manages `user` as a whole (deactivate, reset link): every role the user holds
 * is one the caller could grant where it is held. `pathOf` gives a grant's unit path (absent: a unit gone).
 */
export function managesUser(caller: User, user: Pick<User, 'roles'>, pathOf: (unitId: string) => readonly string[] | undefined): boolean {
  return user.roles.length > 0 && user.roles.every((g) => grantableRoles(caller, pathOf(g.unitId) ?? []).includes(g.role));
}

export const maskedPhone = (phone: string | undefined): string => (phone ? maskPhones(phone) : '');

export function sameGrant(a: RoleGrant, b: RoleGrant): boolean {
  return a.role === b.role && a.unitId === b.unitId;
}

/** The grants with `grant` added once. */
export function withGrant(roles: readonly RoleGrant[], grant: RoleGrant): RoleGrant[] {
  return roles.some((g) => sameGrant(g, grant)) ? [...roles] : [...roles, grant];
}

export interface JoinPlan {
  user: User;
  invitation: Invitation;
  /** The user was new (else the role was added to the registered caller). */
  created: boolean;
}

/**
 * What joining through `inv` writes, decided from the stored invitation and the caller's stored
 * user (both read in the join's transaction, so its uses are counted exactly), or a refusal.
 * `phoneOwner` is the user already registered with this phone, if any. Null: nothing to write.
 */
export function planJoin(
  inv: Invitation | null,
  existing: User | null,
  input: { openid: string; name: string; phone: string },
  phoneOwner: string | undefined,
  nowIso: string,
): JoinPlan | null {
  if (!inv) throw new Refusal('NOT_FOUND', '邀请码不存在,请核对后重新输入');
  // Joined through it already (a resent join): nothing more to write, no second use counted.
  if (existing?.active !== false && inv.joined.some((j) => j.userId === input.openid) && existing?.roles.some((g) => sameGrant(g, inv))) return null;
  const state = invitationState(inv, nowIso);
  if (state !== '有效') throw new Refusal('FORBIDDEN', REFUSED[state]);
  if (existing?.active === false) throw new Refusal('UNREGISTERED', '您的账号已停用,请联系管理员');
  const phone = normalizePhone(input.phone);
  if (phoneOwner && phoneOwner !== input.openid) throw new Refusal('CONFLICT', '该手机号已被其他用户登记,请换一个号码或联系管理员');
  const grant = { role: inv.role, unitId: inv.unitId };
  const invitation: Invitation = {
    ...inv,
    joined: [...inv.joined, { userId: input.openid, name: existing?.roles.length ? existing.name : input.name, at: nowIso }],
    version: inv.version + 1,
  };
  const version = (existing?.version ?? 0) + 1;
  // A registered caller keeps their name and phone; one left with no role starts again as typed.
  const user: User = existing?.roles.length
    ? { ...existing, roles: withGrant(existing.roles, grant), version }
    : { ...existing, _id: input.openid, name: input.name, phone, roles: [grant], createdAt: existing?.createdAt ?? nowIso, version };
  return { user, invitation, created: !existing };
}
