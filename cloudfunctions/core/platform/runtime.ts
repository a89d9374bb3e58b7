/**
 * The shape every function shares: parse → resolve caller → authorise → domain → port.
 * A function is a set of named actions; the platform (CloudBase or the local gateway)
 * supplies the store and the caller's OPENID. Nothing here knows a platform's SDK.
 */
import * as v from 'valibot';
import type { ApiResult } from '../../../types/api';
import type { User } from '../../../types/org';
import { validate } from '../../../types/validation';
import { Refusal } from '../domain/refusal';
import { C, type Call, type Deps, type Store } from './port';

export type { Call, Deps };

export type Action = (payload: unknown, call: Call) => Promise<unknown>;
/**
 * An action open to callers who are not registered users (self check-in by scanning a
 * session's code): what it may do is bounded by a token in its payload instead.
 */
export interface PublicAction {
  public: true;
  joining?: undefined;
  run: (payload: unknown, deps: Deps) => Promise<unknown>;
}
/**
 * An action for a caller the platform identified who need not be registered yet (joining through
 * an invitation): it runs only when the platform gives an OPENID, and receives it.
 */
export interface JoiningAction {
  joining: true;
  public?: undefined;
  run: (payload: unknown, deps: Deps, openid: string) => Promise<unknown>;
}
export type CloudFunction = Record<string, Action | PublicAction | JoiningAction>;

const HOUR_MS = 3600 * 1000;

/** lastActiveAt, written at most once an hour per user, in a transaction so it never undoes an administrator's change. */
async function touch(store: Store, user: User, now: Date): Promise<void> {
  if (user.lastActiveAt && now.getTime() - Date.parse(user.lastActiveAt) < HOUR_MS) return;
  try {
    await store.transaction(async (tx) => {
      const stored = await tx.get<User>(C.users, user._id);
      if (stored) await tx.set(C.users, { ...stored, lastActiveAt: now.toISOString() });
    });
  } catch (err) {
    // Only a record of activity: the call itself goes on.
    console.error('[fazhi] lastActiveAt not written', err);
  }
}

async function resolveCaller(deps: Deps, openid: string | undefined): Promise<User> {
  const user = openid ? await deps.store.get<User>(C.users, openid) : null;
  // A user left with no role (e.g. every role withdrawn) is no longer a user of the system.
  if (!user || !user.roles?.length) throw new Refusal('UNREGISTERED', '您尚未登记为本系统用户,请联系管理员开通');
  // Every action, so a deactivated user's queued writes, resent later, are refused too.
  if (user.active === false) throw new Refusal('UNREGISTERED', '您的账号已停用,请联系管理员');
  await touch(deps.store, user, deps.now());
  return user;
}

/** Validates with a shared schema; failures become per-field Chinese messages. */
export function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = validate(schema, input);
  if (result.ok) return result.output;
  throw new Refusal('INVALID', Object.values(result.fields)[0] ?? '输入有误', result.fields);
}

/** Longer than any action's name: the name is echoed in the refusal, so it is capped first. */
const ACTION_MAX = 40;
const Event = v.object(
  {
    action: v.pipe(v.string('缺少操作名'), v.minLength(1, '缺少操作名'), v.maxLength(ACTION_MAX, '不支持的操作')),
    payload: v.optional(v.unknown()),
  },
  '请求格式不正确',
);

/**
 * Runs `event.action` for the user whose OPENID the platform vouches for (CloudBase: its
 * context, see cloudbase-main.ts; locally: the gateway's sign-in). Whatever the request
 * body says about identity is ignored.
 */
export async function invoke(fn: CloudFunction, event: unknown, openid: string | undefined, deps: Deps): Promise<ApiResult<unknown>> {
  try {
    const { action, payload } = parse(Event, event);
    const run = Object.hasOwn(fn, action) ? fn[action] : undefined;
    if (!run) throw new Refusal('INVALID', `不支持的操作:${action}`);
    if (typeof run === 'object' && run.public) return { ok: true, data: await run.run(payload, deps) };
    if (typeof run === 'object') {
      if (!openid) throw new Refusal('UNREGISTERED', '无法识别您的身份,请在微信中打开邀请,或通过邀请链接登录后加入');
      return { ok: true, data: await run.run(payload, deps, openid) };
    }
    const caller = await resolveCaller(deps, openid);
    return { ok: true, data: await run(payload, { ...deps, caller }) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, error: err.toApiError() };
    console.error('[fazhi] internal error', err);
    return { ok: false, error: { code: 'INTERNAL', message: '系统出错,本次操作未保存,请稍后重试' } };
  }
}
