/**
 * Typed calls for 邀请成员, 用户管理 and 加入, and what those pages work out without the back end:
 * which units and roles I may hand out, an invitation's link, a scanned code's invitation code.
 */
import {
  grantableRoles, InvitationInput, type InvitationPreview, type InvitationView, type JoinInput, type ResetLink, type SignedIn, type UserLine,
  type UserList, type UserListQuery,
} from '../../types/account';
import { ACCOUNT_MANAGERS, ROLES, type Me, type Role, type Unit } from '../../types/org';
import { validate, type FieldErrors } from '../../types/validation';
import type { ApiResult } from '../../types/api';
import { BackendError, call, OfflineError, ServerFaultError } from './backend';
import { signedInAfterJoin } from './deployment';
import { newRecordId } from './ids';
import { forgetMe } from './ledger';
import { PAGES } from './routes';
import { unitsFor } from './units';

export const inviteMember = (input: InvitationInput) => call<InvitationView>('account', 'invite', input);
export const listInvitations = (unitId?: string) => call<InvitationView[]>('account', 'invitations', unitId ? { unitId } : {});
export const revokeInvitation = (id: string) => call<InvitationView>('account', 'revoke', { id });
export const previewInvitation = (code: string) => call<InvitationPreview>('account', 'preview', { code });
export const listUsers = (q: Partial<UserListQuery>) => call<UserList>('account', 'users', q);
export const grantRole = (userId: string, role: Role, unitId: string) => call<UserLine>('account', 'grant', { userId, role, unitId });
export const revokeRole = (userId: string, role: Role, unitId: string) => call<UserLine>('account', 'revokeRole', { userId, role, unitId });
export const moveUser = (userId: string, fromUnitId: string, toUnitId: string) => call<UserLine>('account', 'moveUser', { userId, fromUnitId, toUnitId });
export const setActive = (userId: string, active: boolean) => call<UserLine>('account', 'setActive', { userId, active });
export const resetLink = (userId: string) => call<ResetLink>('account', 'resetLink', { userId });

/** The units whose members I may invite and administer: those an admin's or supervisor's grant of mine reaches. */
export const managedUnits = (me: Pick<Me, 'user' | 'units'>): Unit[] => unitsFor(me, ACCOUNT_MANAGERS);

/** The roles I may hand out at `unit`, in the contract's order (the function checks the same rule). */
export const rolesAt = (me: Pick<Me, 'user'>, unit: Pick<Unit, 'path'> | undefined): Role[] =>
  unit ? ROLES.filter((r) => grantableRoles(me.user, unit.path).includes(r)) : [];

export interface InviteForm {
  /** Made when the form opens and kept until the invitation is stored: a resend after a lost answer creates one. */
  id: string;
  unitId: string;
  role: Role | '';
  uses: string;
  days: string;
}

export const blankInviteForm = (unitId: string, role: Role | ''): InviteForm => ({ id: newRecordId(), unitId, role, uses: '1', days: '7' });

/** The form as the function's input, or the message under each field that is wrong. */
export function checkInviteForm(form: InviteForm): { ok: true; input: InvitationInput } | { ok: false; errors: FieldErrors } {
  const number = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));
  const result = validate(InvitationInput, { id: form.id, unitId: form.unitId, role: form.role || undefined, uses: number(form.uses), days: number(form.days) });
  return result.ok ? { ok: true, input: result.output } : { ok: false, errors: result.fields };
}

/**
 * What an invitee opens: in the browser build the join page's address; on WeChat the page path
 * with its scene (a mini-program code made from `scene` opens the page with it).
 */
export function joinTarget(inv: Pick<InvitationView, 'code' | 'scene'>, env: string | undefined, origin: string): string {
  if (env === 'h5') return `${origin}/#${PAGES.join}?code=${inv.code}`;
  return `${PAGES.join.slice(1)}?scene=${encodeURIComponent(inv.scene)}`;
}

/** Where a reset link leads: the sign-in page, which sets the new password from the token. */
export const resetTarget = (token: string, origin: string): string => `${origin}/#/pages/sign-in/index?reset=${encodeURIComponent(token)}`;

/** The invitation code a join page was opened with: `?code=` (a link) or `?scene=c%3D<code>` (a scanned mini-program code). */
export function codeFromRoute(params: Partial<Record<string, string>>): string | undefined {
  if (params.code) return params.code;
  if (!params.scene) return undefined;
  let scene = params.scene;
  try {
    scene = decodeURIComponent(scene);
  } catch {
    // Not percent-encoded after all: read it as it is.
  }
  return /^c=(.+)$/.exec(scene)?.[1];
}

/**
 * Joins through an invitation. WeChat: the `account` function, which the platform tells who is
 * calling. Browser build: the gateway's /auth/join, which names the newcomer and signs this
 * browser in as them. Either way my cached `whoami` was someone else's.
 */
export async function joinByInvitation(input: JoinInput): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    await call('account', 'join', input);
    forgetMe();
    return;
  }
  let res: Response;
  try {
    res = await fetch('/auth/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  } catch {
    throw new OfflineError();
  }
  let body: ApiResult<SignedIn>;
  try {
    body = await res.json();
  } catch {
    throw new ServerFaultError(`HTTP ${res.status}`);
  }
  if (!body.ok) throw body.error.code === 'INTERNAL' ? new ServerFaultError(body.error.message) : new BackendError(body.error);
  signedInAfterJoin(body.data);
}
