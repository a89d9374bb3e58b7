/**
 * Browser build only: how this deployment signs users in, from the gateway's GET /auth/state.
 * `demo` (npm start): the demo user picker, the app names its user in a header. `session`
 * (npm run serve): phone + password; the gateway's httpOnly cookie is the identity, and what
 * this browser stores (demo-session.ts) only says whose local drafts and cache to show.
 */
import { useEffect, useState } from 'react';
import type { AuthState, DeploymentMode, SignedIn, SignInInput } from '../../types/account';
import type { ApiResult } from '../../types/api';
import { BackendError, OfflineError, ServerFaultError } from './backend';
import { signInAs, signOut } from './demo-session';
import { forgetMe } from './ledger';
import { forgetKeptReads } from './read-cache';

let mode: Promise<DeploymentMode> | undefined;

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  } catch {
    throw new OfflineError();
  }
  let result: ApiResult<T>;
  try {
    result = await res.json();
  } catch {
    throw new ServerFaultError(`HTTP ${res.status}`);
  }
  if (result.ok) return result.data;
  throw result.error.code === 'INTERNAL' ? new ServerFaultError(result.error.message) : new BackendError(result.error);
}

/** Who is signed in now, as the gateway sees it (fresh each time); the mode is kept for deploymentMode. */
export async function authState(): Promise<AuthState> {
  const state = await request<AuthState>('GET', '/auth/state');
  mode = Promise.resolve(state.mode);
  return state;
}

/** The deployment's mode, asked once per page load (it changes only with a restart). */
export function deploymentMode(): Promise<DeploymentMode> {
  mode ??= authState().then(
    (s) => s.mode,
    (err) => {
      mode = undefined;
      throw err;
    },
  );
  return mode;
}

/** The mode for a page to render by: undefined until known (and on weapp, where there is no gateway). */
export function useDeploymentMode(): DeploymentMode | undefined {
  const [known, setKnown] = useState<DeploymentMode>();
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    let live = true;
    deploymentMode().then(
      (m) => live && setKnown(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return known;
}

/** After the gateway signed this browser in (sign-in, join, reset): whose local data to show; my cached whoami was someone else's. */
export function signedInAfterJoin(who: SignedIn): void {
  signInAs(who.userId);
  forgetMe();
}

/** Serve mode: phone + password. Refusals (wrong, locked, deactivated) are BackendErrors with their Chinese message. */
export async function signInWithPassword(input: SignInInput): Promise<SignedIn> {
  const who = await request<SignedIn>('POST', '/auth/sign-in', input);
  signedInAfterJoin(who);
  return who;
}

/** Ends the session on the server as well as here. */
export async function signOutHere(): Promise<void> {
  await request<null>('POST', '/auth/sign-out');
  forgetKeptReads();
  signOut();
  forgetMe();
}

/** A one-time reset link's token and a new password: signs in as its user. */
export async function resetPassword(token: string, password: string): Promise<SignedIn> {
  const who = await request<SignedIn>('POST', '/auth/reset', { token, password });
  signedInAfterJoin(who);
  return who;
}
