/**
 * Sign-in by phone and password in `npm run serve`. One credential per user, keyed by the user's
 * id, with the normalized phone (one account per phone). Five wrong passwords in a row lock the
 * account for 15 minutes; a right one clears the count.
 */
import { C, type Store } from '../../cloudfunctions/core/platform/port';
import { Refusal } from '../../cloudfunctions/core/domain/refusal';
import { beijingDateTime } from '../../types/dates';
import type { User } from '../../types/org';
import { normalizePhone } from '../../types/phone';
import { hashPassword, verifyNobody, verifyPassword, type PasswordHash } from './passwords';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

interface Credential {
  /** The user's id. */
  _id: string;
  phone: string;
  password: PasswordHash;
  failures: number;
  lockedUntil?: string;
  updatedAt: string;
}

const WRONG = '手机号或密码不正确';

export async function credentialByPhone(store: Store, phone: string): Promise<Credential | undefined> {
  return (await store.find<Credential>(C.credentials, { phone: normalizePhone(phone) }, { limit: 1 }))[0];
}

/** Sets (or replaces) `userId`'s password; refused when the phone is another user's. */
export async function setPassword(store: Store, userId: string, phone: string, password: string, now: Date): Promise<void> {
  const other = await credentialByPhone(store, phone);
  if (other && other._id !== userId) throw new Refusal('CONFLICT', '该手机号已注册,请直接登录');
  await store.set<Credential>(C.credentials, { _id: userId, phone: normalizePhone(phone), password: await hashPassword(password), failures: 0, updatedAt: now.toISOString() });
}

/** A reset keeps the phone the user signs in with. */
export async function resetPassword(store: Store, userId: string, password: string, now: Date): Promise<void> {
  const had = await store.get<Credential>(C.credentials, userId);
  const user = await store.get<User & { phone?: string }>(C.users, userId);
  const phone = had?.phone ?? user?.phone;
  if (!phone) throw new Refusal('NOT_FOUND', '该用户没有登记手机号,无法设置密码');
  await store.set<Credential>(C.credentials, { _id: userId, phone: normalizePhone(phone), password: await hashPassword(password), failures: 0, updatedAt: now.toISOString() });
}

/** The id of the user these are right for; otherwise a Chinese refusal (wrong, locked, or deactivated). */
export async function checkPassword(store: Store, phone: string, password: string, now: Date): Promise<string> {
  const cred = await credentialByPhone(store, phone);
  if (!cred) {
    await verifyNobody(password);
    throw new Refusal('FORBIDDEN', WRONG);
  }
  if (cred.lockedUntil && Date.parse(cred.lockedUntil) > now.getTime()) throw locked(cred.lockedUntil);
  if (!(await verifyPassword(password, cred.password))) {
    const failures = cred.failures + 1;
    if (failures >= MAX_FAILURES) {
      const lockedUntil = new Date(now.getTime() + LOCK_MS).toISOString();
      await store.set<Credential>(C.credentials, { ...cred, failures: 0, lockedUntil });
      throw locked(lockedUntil);
    }
    await store.set<Credential>(C.credentials, { ...cred, failures });
    throw new Refusal('FORBIDDEN', `${WRONG},还可再试 ${MAX_FAILURES - failures} 次`);
  }
  if (cred.failures || cred.lockedUntil) {
    const cleared = { ...cred, failures: 0 };
    delete cleared.lockedUntil;
    await store.set<Credential>(C.credentials, cleared);
  }
  const user = await store.get<User & { active?: boolean }>(C.users, cred._id);
  if (!user || !user.roles?.length) throw new Refusal('UNREGISTERED', '您尚未登记为本系统用户,请联系管理员开通');
  if (user.active === false) throw new Refusal('UNREGISTERED', '您的账号已停用,请联系管理员');
  return user._id;
}

function locked(until: string): Refusal {
  return new Refusal('LOCKED', `密码连续输错${MAX_FAILURES}次,账号已锁定至 ${beijingDateTime(until)}(北京时间),请到时再试`);
}
