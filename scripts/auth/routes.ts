/**
 * The gateway's /auth/ endpoints: state, sign-in, sign-out, join by invitation, password reset.
 * Each answers an ApiResult, as /fn/ does, so the app reads refusals the same way.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import * as v from 'valibot';
import { Refusal } from '../../cloudfunctions/core/domain/refusal';
import type { Deps, Store } from '../../cloudfunctions/core/platform/port';
import { JoinInput, ResetInput, SignInInput, type AuthState, type SignedIn } from '../../types/account';
import type { ApiResult } from '../../types/api';
import { normalizePhone } from '../../types/phone';
import { validate } from '../../types/validation';
import { checkPassword, credentialByPhone, resetPassword, setPassword } from './credentials';
import { callerId, cookie, demoCookie, userOf, withSecure, type AuthMode } from './identity';
import { CLEARED_COOKIE, COOKIE, endSession, endSessionsOf, sessionCookie, startSession } from './sessions';

/** What the gateway needs of the `account` function and its use cases (core/app/invitations.ts, users.ts). */
export interface Accounts {
  /** `account.join` for a caller the gateway has just given this OPENID; the invitation's checks are the function's. */
  join(deps: Deps, input: { code: string; name: string; phone: string }, openid: string): Promise<ApiResult<unknown>>;
  /** The user a one-time reset token is for (used up by this), or why not. */
  consumeReset(store: Store, token: string, now: Date): Promise<string | Refusal>;
}

export interface AuthContext {
  mode: AuthMode;
  deps: Deps;
  accounts: Accounts;
  body: () => Promise<unknown>;
}

const STATUS: Record<string, number> = { INVALID: 400, UNREGISTERED: 403, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, LOCKED: 423 };

/** Answers of the form { ok, data } or { ok: false, error } with a status to match. */
export type Answer = { status: number; body: ApiResult<unknown>; cookie?: string };

function parsed<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = validate(schema, input);
  if (result.ok) return result.output;
  throw new Refusal('INVALID', Object.values(result.fields)[0] ?? '输入有误', result.fields);
}

/** Some work on one key at a time: a phone's sign-in attempts (so five wrong ones in parallel still lock), and joins (one account per phone). */
const queues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(work, work);
  const settled = run.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => queues.get(key) === settled && queues.delete(key));
  return run;
}

async function signedIn(ctx: AuthContext, req: http.IncomingMessage, userId: string): Promise<Answer> {
  const token = await startSession(ctx.deps.store, userId, ctx.deps.now());
  const user = await userOf(ctx.deps.store, userId);
  const data: SignedIn = { userId, name: user?.name ?? '' };
  return { status: 200, body: { ok: true, data }, cookie: withSecure(req, sessionCookie(token)) };
}

const NOT_HERE = new Refusal('NOT_FOUND', '演示模式无需密码:请在登录页选择演示用户');

async function route(ctx: AuthContext, what: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<Answer> {
  const { store } = ctx.deps;
  const now = ctx.deps.now();
  if (what === 'state' && req.method === 'GET') {
    const user = await userOf(store, await callerId(ctx.mode, store, req, res, now));
    const state: AuthState = { mode: ctx.mode, signedIn: !!user, ...(user ? { userId: user._id, name: user.name } : {}) };
    return { status: 200, body: { ok: true, data: state } };
  }
  if (req.method !== 'POST') throw new Refusal('NOT_FOUND', '没有这个地址');
  if (what === 'sign-out') {
    await endSession(store, cookie(req, COOKIE));
    return { status: 200, body: { ok: true, data: null }, cookie: CLEARED_COOKIE };
  }
  if (what === 'sign-in') {
    if (ctx.mode !== 'session') throw NOT_HERE;
    const input = parsed(SignInInput, await ctx.body());
    const userId = await oneAtATime(`phone:${normalizePhone(input.phone)}`, () => checkPassword(store, input.phone, input.password, ctx.deps.now()));
    return signedIn(ctx, req, userId);
  }
  if (what === 'join') {
    const input = parsed(JoinInput, await ctx.body());
    const { password } = input;
    if (ctx.mode === 'session' && !password) throw new Refusal('INVALID', '请设置密码', { password: '请设置密码' });
    return oneAtATime('join', async () => {
      if (ctx.mode === 'session' && (await credentialByPhone(store, input.phone))) {
        throw new Refusal('CONFLICT', '该手机号已注册,请直接登录', { phone: '该手机号已注册,请直接登录' });
      }
      // A browser has no platform to vouch for it: the gateway names the newcomer, unguessably.
      const openid = `u-${randomBytes(16).toString('hex')}`;
      const joined = await ctx.accounts.join(ctx.deps, { code: input.code, name: input.name, phone: input.phone }, openid);
      if (!joined.ok) return { status: STATUS[joined.error.code] ?? 400, body: joined };
      const data: SignedIn = { userId: openid, name: input.name };
      if (ctx.mode === 'demo') return { status: 200, body: { ok: true, data }, cookie: demoCookie(openid) };
      await setPassword(store, openid, input.phone, password!, ctx.deps.now());
      return signedIn(ctx, req, openid);
    });
  }
  if (what === 'reset') {
    if (ctx.mode !== 'session') throw NOT_HERE;
    const input = parsed(ResetInput, await ctx.body());
    const userId = await ctx.accounts.consumeReset(store, input.token, now);
    if (userId instanceof Refusal) throw userId;
    await resetPassword(store, userId, input.password, now);
    // Whoever knew the old password is signed out everywhere.
    await endSessionsOf(store, userId);
    return signedIn(ctx, req, userId);
  }
  throw new Refusal('NOT_FOUND', '没有这个地址');
}

/** Handles /auth/<what>; a refusal is answered in Chinese with its status. */
export async function auth(ctx: AuthContext, what: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<Answer> {
  try {
    return await route(ctx, what, req, res);
  } catch (err) {
    if (err instanceof Refusal) return { status: STATUS[err.code] ?? 400, body: { ok: false, error: err.toApiError() } };
    throw err;
  }
}
