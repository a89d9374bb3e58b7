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
  run: (payload: unknown, deps: Deps) => Promise<unknown>;
}
export type CloudFunction = Record<string, Action | PublicAction>;

async function resolveCaller(store: Store, openid: string | undefined): Promise<User> {
  const user = openid ? await store.get<User>(C.users, openid) : null;
  // A user left with no role (e.g. every role withdrawn) is no longer a user of the system.
  if (!user || !user.roles?.length) throw new Refusal('UNREGISTERED', '您尚未登记为本系统用户,请联系管理员开通');
  return user;
}

/** Validates with a shared schema; failures become per-field Chinese messages. */
export function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = validate(schema, input);
  if (result.ok) return result.output;
  throw new Refusal('INVALID', Object.values(result.fields)[0] ?? '输入有误', result.fields);
}

const Event = v.object({ action: v.string('缺少操作名'), payload: v.optional(v.unknown()) });

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
    if (typeof run === 'object') return { ok: true, data: await run.run(payload, deps) };
    const caller = await resolveCaller(deps.store, openid);
    return { ok: true, data: await run(payload, { ...deps, caller }) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, error: err.toApiError() };
    console.error('[fazhi] internal error', err);
    return { ok: false, error: { code: 'INTERNAL', message: '系统出错,本次操作未保存,请稍后重试' } };
  }
}
