/**
 * `npm run serve`'s sign-in sessions. The cookie holds a random 32-byte id; the store keeps only
 * its SHA-256, so a copy of the data folder signs nobody in. A session ends after 30 days unused;
 * its last use is written at most hourly, so reads stay reads.
 */
import { createHash, randomBytes } from 'node:crypto';
import { C, type Store } from '../../cloudfunctions/core/platform/port';

export const COOKIE = 'fazhi_session';
export const IDLE_LIMIT_MS = 30 * 24 * 3600_000;
const TOUCH_EVERY_MS = 3600_000;

interface Session {
  _id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
}

const idOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Starts a session for `userId`; answers the cookie's value. */
export async function startSession(store: Store, userId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  await store.set<Session>(C.sessions, { _id: idOf(token), userId, createdAt: at, lastSeenAt: at });
  return token;
}

/**
 * Whose session `token` is, or null (none, ended, or idle too long: then it is removed).
 * `renewed`: its last use was just written, and the cookie should be sent again to last as long.
 */
export async function sessionUser(store: Store, token: string | undefined, now: Date): Promise<{ userId: string; renewed: boolean } | null> {
  if (!token) return null;
  const session = await store.get<Session>(C.sessions, idOf(token));
  if (!session) return null;
  const idle = now.getTime() - Date.parse(session.lastSeenAt);
  if (idle > IDLE_LIMIT_MS) {
    await store.remove(C.sessions, session._id);
    return null;
  }
  const renewed = idle > TOUCH_EVERY_MS;
  if (renewed) await store.set<Session>(C.sessions, { ...session, lastSeenAt: now.toISOString() });
  return { userId: session.userId, renewed };
}

export async function endSession(store: Store, token: string | undefined): Promise<void> {
  if (token) await store.remove(C.sessions, idOf(token));
}

/** Every session of `userId` ends (a password reset). */
export async function endSessionsOf(store: Store, userId: string): Promise<void> {
  for (const s of await store.find<Session>(C.sessions, { userId })) await store.remove(C.sessions, s._id);
}

/** httpOnly (no script reads it), SameSite=Lax (no other site's form or fetch sends it), the whole site. */
export function sessionCookie(token: string): string {
  return `${COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${IDLE_LIMIT_MS / 1000}`;
}

export const CLEARED_COOKIE = `${COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`;
