/**
 * 用户管理 (issue 12): a subtree's users, grant and withdraw a role, move a user's grants to
 * another unit (their records stay where they were made; their reach follows), deactivate and
 * reactivate, and a one-time password-reset link (consumed by the serve gateway). Rules in
 * domain/accounts.ts; every change is audited under coll 'users'.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ActiveInput, MoveUserInput, ResetLink, RoleChange, UserLine, UserList, UserListQuery } from '../../../types/account';
import type { AuditEntry } from '../../../types/ledger';
import { ACCOUNT_MANAGERS, type RoleGrant, type Unit, type User } from '../../../types/org';
import { assertMayGrant, managesUser, maskedPhone, sameGrant, withGrant } from '../domain/accounts';
import { Refusal } from '../domain/refusal';
import { C, type Call, type Store } from '../platform/port';
import { requireUnit, subtree } from './queries/units';
import { getUser, recordsBy, usersAt } from './queries/users';
import { unitInView } from './unit-in-view';
import { appendAudit } from './write';

const RESET_MS = 24 * 3600 * 1000;

interface ResetDoc {
  /** sha256 of the token, hex. */
  _id: string;
  userId: string;
  expiresAt: string;
  by: string;
  createdAt: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

async function unitsById(store: Store, ids: readonly string[]): Promise<Map<string, Unit>> {
  const units = await store.find<Unit>(C.units, { _id: { $in: [...new Set(ids)] } });
  return new Map(units.map((u) => [u._id, u]));
}

async function lineOf(store: Store, user: User, units: Map<string, Unit>): Promise<UserLine> {
  return {
    _id: user._id,
    name: user.name,
    phone: maskedPhone(user.phone),
    roles: user.roles.map((g) => ({ ...g, unitName: units.get(g.unitId)?.name ?? '(已删除的单位)' })),
    active: user.active !== false,
    lastActiveAt: user.lastActiveAt,
    records: await recordsBy(store, user._id),
  };
}

async function presentUser(store: Store, user: User): Promise<UserLine> {
  return lineOf(store, user, await unitsById(store, user.roles.map((g) => g.unitId)));
}

/** The users holding a role at the unit in view or below it. */
export async function listUsers(call: Call, q: UserListQuery): Promise<UserList> {
  const unit = await unitInView(call, ACCOUNT_MANAGERS, q.unitId, '只有管理员和主管可以管理用户');
  const ids = (await subtree(call.store, unit._id)).map((u) => u._id);
  const { items, total } = await usersAt(call.store, ids, { q: q.q, skip: q.skip, limit: q.limit });
  const units = await unitsById(call.store, items.flatMap((u) => u.roles.map((g) => g.unitId)));
  return { items: await Promise.all(items.map((u) => lineOf(call.store, u, units))), total };
}

type Change = { user: User; changes: AuditEntry['changes'] } | null;

/**
 * One change to a user in one transaction, audited: `change` decides from the stored user what
 * to write (null: it is already so).
 */
async function changeUser(call: Call, userId: string, change: (user: User) => Change): Promise<UserLine> {
  const at = call.now().toISOString();
  const user = await call.store.transaction(async (tx) => {
    const stored = await getUser(tx, userId);
    if (!stored) throw new Refusal('NOT_FOUND', '用户不存在');
    const next = change(stored);
    if (!next) return stored;
    const version = (stored.version ?? 0) + 1;
    await tx.set(C.users, { ...next.user, version });
    await appendAudit(tx, { coll: C.users, recordId: userId, version, action: 'edit', by: call.caller._id, byName: call.caller.name, at, changes: next.changes });
    return next.user;
  });
  return presentUser(call.store, user);
}

function notSelf(call: Call, userId: string, what: string): void {
  if (userId === call.caller._id) throw new Refusal('FORBIDDEN', `不能${what}自己的账号,请请其他管理员操作`);
}

export async function grantRole(call: Call, q: RoleChange): Promise<UserLine> {
  assertMayGrant(call.caller, q.role, await requireUnit(call.store, q.unitId));
  return changeUser(call, q.userId, (user) => {
    const grant: RoleGrant = { role: q.role, unitId: q.unitId };
    if (user.roles.some((g) => sameGrant(g, grant))) return null;
    const roles = withGrant(user.roles, grant);
    return { user: { ...user, roles }, changes: { roles: [user.roles, roles] } };
  });
}

export async function revokeRole(call: Call, q: RoleChange): Promise<UserLine> {
  notSelf(call, q.userId, '撤销');
  assertMayGrant(call.caller, q.role, await requireUnit(call.store, q.unitId));
  return changeUser(call, q.userId, (user) => {
    if (!user.roles.some((g) => sameGrant(g, q))) return null;
    const roles = user.roles.filter((g) => !sameGrant(g, q));
    return { user: { ...user, roles }, changes: { roles: [user.roles, roles] } };
  });
}

/** Every grant at `fromUnitId` moves to `toUnitId`: the caller must be able to grant each role at both. */
export async function moveUser(call: Call, q: MoveUserInput): Promise<UserLine> {
  const [from, to] = await Promise.all([requireUnit(call.store, q.fromUnitId), requireUnit(call.store, q.toUnitId)]);
  return changeUser(call, q.userId, (user) => {
    const moving = user.roles.filter((g) => g.unitId === from._id);
    if (!moving.length) throw new Refusal('INVALID', `该用户在「${from.name}」没有角色`);
    if (from._id === to._id) return null;
    for (const g of moving) {
      assertMayGrant(call.caller, g.role, from);
      assertMayGrant(call.caller, g.role, to);
    }
    const roles = moving.reduce((rs, g) => withGrant(rs, { role: g.role, unitId: to._id }), user.roles.filter((g) => g.unitId !== from._id));
    return { user: { ...user, roles }, changes: { roles: [user.roles, roles] } };
  });
}

/** Refuses unless the caller could grant every role the user holds. */
async function assertManages(call: Call, user: User): Promise<void> {
  const units = await unitsById(call.store, user.roles.map((g) => g.unitId));
  if (!managesUser(call.caller, user, (id) => units.get(id)?.path)) throw new Refusal('FORBIDDEN', `您无权管理用户「${user.name}」`);
}

/** Deactivated: they can neither sign in nor write (runtime.ts refuses them); their records and audit stay. */
export async function setActive(call: Call, q: ActiveInput): Promise<UserLine> {
  if (!q.active) notSelf(call, q.userId, '停用');
  const target = await getUser(call.store, q.userId);
  if (!target) throw new Refusal('NOT_FOUND', '用户不存在');
  // Before the transaction: the embedded store's reads wait for it to end.
  await assertManages(call, target);
  return changeUser(call, q.userId, (user) => {
    const was = user.active !== false;
    if (was === q.active) return null;
    const { active: _, ...rest } = user;
    return { user: q.active ? rest : { ...rest, active: false }, changes: { active: [was, q.active] } };
  });
}

/** A one-time reset token for the user, valid 24 h; only its sha256 is stored. */
export async function resetLink(call: Call, userId: string): Promise<ResetLink> {
  const user = await getUser(call.store, userId);
  if (!user) throw new Refusal('NOT_FOUND', '用户不存在');
  await assertManages(call, user);
  const token = randomBytes(24).toString('base64url');
  const now = call.now();
  const doc: ResetDoc = { _id: hashToken(token), userId, expiresAt: new Date(now.getTime() + RESET_MS).toISOString(), by: call.caller._id, createdAt: now.toISOString() };
  await call.store.transaction(async (tx) => {
    await tx.set(C.resets, doc);
    const stored = (await getUser(tx, userId)) ?? user;
    const version = (stored.version ?? 0) + 1;
    await tx.set(C.users, { ...stored, version });
    await appendAudit(tx, { coll: C.users, recordId: userId, version, action: 'edit', by: call.caller._id, byName: call.caller.name, at: doc.createdAt, changes: { resetLink: [null, '已生成'] } });
  });
  return { token, expiresAt: doc.expiresAt };
}

/**
 * For the serve gateway: the user a reset token was made for, the token used up (once only), or
 * the Refusal to show (unknown or used, expired, user deactivated).
 */
export async function consumeReset(store: Store, token: string, now: Date): Promise<string | Refusal> {
  try {
    return await store.transaction(async (tx) => {
      const doc = await tx.get<ResetDoc>(C.resets, hashToken(token));
      if (!doc) throw new Refusal('NOT_FOUND', '重置链接无效或已使用,请联系管理员重新生成');
      if (doc.expiresAt <= now.toISOString()) throw new Refusal('FORBIDDEN', '重置链接已过期,请联系管理员重新生成');
      const user = await getUser(tx, doc.userId);
      if (!user || user.active === false) throw new Refusal('UNREGISTERED', '您的账号已停用,请联系管理员');
      await tx.remove(C.resets, doc._id);
      const version = (user.version ?? 0) + 1;
      await tx.set(C.users, { ...user, version });
      await appendAudit(tx, { coll: C.users, recordId: user._id, version, action: 'edit', by: user._id, byName: user.name, at: now.toISOString(), changes: { password: ['(已隐去)', '(已重置)'] } });
      return user._id;
    });
  } catch (err) {
    if (err instanceof Refusal) return err;
    throw err;
  }
}
