/**
 * Accounts (issue 12): invitations, joining, and user administration. The `account` function
 * answers these; the app's 邀请 / 加入 / 用户管理 pages send them. Identity stays the platform's:
 * on WeChat the OPENID, in `npm run serve` the session (scripts/ gateway), never the body.
 */
import * as v from 'valibot';
import { RecordId } from './dispute';
import { ROLES, UnitIdSchema, type Role, type RoleGrant } from './org';
import { PhoneSchema } from './phone';
import { reaches } from './reach';
import { paging, visibleText } from './validation';

/** An invitation code: 10 characters of an unambiguous alphabet, so `c=<code>` fits a mini-program code's 32-character scene. */
export const INVITATION_CODE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$/;
export const InvitationCode = v.pipe(v.string('邀请码无效'), v.trim(), v.toUpperCase(), v.regex(INVITATION_CODE, '邀请码无效,请核对后重新输入'));

export const InvitationInput = v.object({
  /** Made on the phone like a record id: resending creates one invitation. */
  id: RecordId,
  unitId: UnitIdSchema,
  role: v.picklist(ROLES, '请选择角色'),
  /** How many people may join through it. */
  uses: v.optional(v.pipe(v.number('人数须为数字'), v.integer('人数须为整数'), v.minValue(1, '至少1人'), v.maxValue(500, '一次最多邀请500人')), 1),
  /** Days until it expires. */
  days: v.optional(v.pipe(v.number('有效天数须为数字'), v.integer('有效天数须为整数'), v.minValue(1, '至少1天'), v.maxValue(90, '最长90天')), 7),
});
export type InvitationInput = v.InferOutput<typeof InvitationInput>;

export const INVITATION_STATES = ['有效', '已过期', '已用完', '已撤销'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export interface Invitation {
  _id: string;
  code: string;
  unitId: string;
  unitPath: string[];
  unitName: string;
  role: Role;
  uses: number;
  joined: { userId: string; name: string; at: string }[];
  expiresAt: string;
  revokedAt?: string;
  by: string;
  byName: string;
  createdAt: string;
  /** Counts its changes (create, each join, revoke), naming their audit lines. */
  version: number;
}

export interface InvitationView extends Invitation {
  state: InvitationState;
  /** The mini-program code's scene ('c=<code>'); on H5 the link is `/#/pages/join/index?code=<code>`. */
  scene: string;
}

export const InvitationListQuery = v.object({ unitId: v.optional(UnitIdSchema) });
export type InvitationListQuery = v.InferOutput<typeof InvitationListQuery>;
export const InvitationRef = v.object({ id: RecordId });
export const InvitationCodeRef = v.object({ code: InvitationCode });

/** What the join page shows before the invitee types anything (open to anyone holding the code). */
export interface InvitationPreview {
  unitName: string;
  role: Role;
  state: InvitationState;
}

const Password = v.pipe(v.string('请设置密码'), v.minLength(8, '密码至少8位'), v.maxLength(64, '密码不超过64位'));

export const JoinInput = v.object({
  code: InvitationCode,
  name: v.pipe(v.string('请填写姓名'), visibleText, v.trim(), v.minLength(1, '请填写姓名'), v.maxLength(30, '姓名不超过30字')),
  phone: v.pipe(PhoneSchema, v.minLength(1, '请填写手机号')),
  /** Only in the browser deployment (`npm run serve`), where it becomes the sign-in password; the gateway keeps it, never the store in clear. */
  password: v.optional(Password),
});
export type JoinInput = v.InferOutput<typeof JoinInput>;

export const SignInInput = v.object({
  phone: v.pipe(PhoneSchema, v.minLength(1, '请填写手机号')),
  password: v.pipe(v.string('请填写密码'), v.minLength(1, '请填写密码')),
});
export type SignInInput = v.InferOutput<typeof SignInInput>;
export const ResetInput = v.object({ token: v.pipe(v.string('链接无效'), v.minLength(16, '链接无效'), v.maxLength(200, '链接无效')), password: Password });

/** A user as administrators see them. */
export interface UserLine {
  _id: string;
  name: string;
  /** Masked: 138****8000. */
  phone: string;
  roles: (RoleGrant & { unitName: string })[];
  active: boolean;
  lastActiveAt?: string;
  /** Records they made (cases, sessions, activities). */
  records: number;
}

export const UserListQuery = v.object({
  unitId: v.optional(UnitIdSchema),
  q: v.optional(v.pipe(v.string('搜索词须为文本'), v.trim(), v.maxLength(30, '搜索词过长'))),
  ...paging(200, 50),
});
export type UserListQuery = v.InferOutput<typeof UserListQuery>;

const UserId = v.pipe(v.string('缺少用户'), v.minLength(1, '缺少用户'), v.maxLength(64, '用户不存在'));
export const RoleChange = v.object({ userId: UserId, role: v.picklist(ROLES, '请选择角色'), unitId: UnitIdSchema });
export type RoleChange = v.InferOutput<typeof RoleChange>;
/** Every grant the user holds at `fromUnitId` moves to `toUnitId`: their reach follows; their records stay where they were made. */
export const MoveUserInput = v.object({ userId: UserId, fromUnitId: UnitIdSchema, toUnitId: UnitIdSchema });
export type MoveUserInput = v.InferOutput<typeof MoveUserInput>;
export const ActiveInput = v.object({ userId: UserId, active: v.boolean('请选择停用或启用') });
export type ActiveInput = v.InferOutput<typeof ActiveInput>;
export const UserRef = v.object({ userId: UserId });

export interface UserList {
  items: UserLine[];
  total: number;
}

/** What `account.resetLink` answers: the one-time token (only its hash is stored), valid 24 h. */
export interface ResetLink {
  token: string;
  expiresAt: string;
}

/**
 * The roles `user` may grant (or withdraw, or invite to) at the unit with this path: an admin
 * reaching it any role; a supervisor reaching it (so at or below their own unit) any but admin.
 */
export function grantableRoles(user: { roles: readonly RoleGrant[] }, unitPath: readonly string[]): Role[] {
  if (reaches(user, ['admin'], unitPath)) return [...ROLES];
  if (reaches(user, ['supervisor'], unitPath)) return ROLES.filter((r) => r !== 'admin');
  return [];
}

/** How the browser deployment signs in: `demo` (npm start: the user picker) or `session` (npm run serve: phone + password). */
export type DeploymentMode = 'demo' | 'session';

/** GET /auth/state: the deployment's mode and who is signed in (in the demo, whom the request names). */
export interface AuthState {
  mode: DeploymentMode;
  signedIn: boolean;
  userId?: string;
  name?: string;
}

/** What /auth/sign-in, /auth/join and /auth/reset answer: who is signed in now. */
export interface SignedIn {
  userId: string;
  name: string;
}
