/**
 * Who is asking the gateway. `demo` (`npm start`): the demo user the sign-in screen chose, sent
 * as the `x-demo-user` header by the app's calls and, for downloads and pictures (which carry no
 * header), as the `fazhi_demo` cookie the gateway sets from it. `session` (`npm run serve`): only
 * the session cookie; every header and body is ignored.
 */
import type http from 'node:http';
import { C, type Store } from '../../cloudfunctions/core/platform/port';
import type { DeploymentMode as AuthMode } from '../../types/account';
import type { User } from '../../types/org';
import { COOKIE, sessionCookie, sessionUser } from './sessions';

export type { DeploymentMode as AuthMode } from '../../types/account';

export const DEMO_COOKIE = 'fazhi_demo';

/** A cookie's value from the request, or undefined. */
export function cookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.join('=')) || undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The demo user, for the requests the app cannot add a header to. */
export function demoCookie(userId: string): string {
  return `${DEMO_COOKIE}=${encodeURIComponent(userId)}; SameSite=Lax; Path=/`;
}

/** A cookie for plain http on this machine, and Secure when a proxy in front says the browser came by https. */
export function withSecure(req: http.IncomingMessage, value: string): string {
  return req.headers['x-forwarded-proto'] === 'https' ? `${value}; Secure` : value;
}

/**
 * The caller's user id, or undefined. Headers the answer must carry (a renewed session cookie,
 * the demo cookie) are set on `res`.
 */
export async function callerId(mode: AuthMode, store: Store, req: http.IncomingMessage, res: http.ServerResponse, now: Date): Promise<string | undefined> {
  if (mode === 'session') {
    const token = cookie(req, COOKIE);
    const session = await sessionUser(store, token, now);
    if (session?.renewed && token) res.setHeader('set-cookie', withSecure(req, sessionCookie(token)));
    return session?.userId;
  }
  const header = req.headers['x-demo-user'];
  const chosen = typeof header === 'string' && header ? header : undefined;
  const remembered = cookie(req, DEMO_COOKIE);
  if (chosen && chosen !== remembered) res.setHeader('set-cookie', demoCookie(chosen));
  return chosen ?? remembered;
}

/** The registered user behind `id`, or null. */
export async function userOf(store: Store, id: string | undefined): Promise<User | null> {
  return id ? store.get<User>(C.users, id) : null;
}
