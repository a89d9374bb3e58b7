import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalFileStore } from '../../cloudfunctions/core/platform/adapters/files-local';
/**
 * A fresh demo district in memory, and calls made the way the platform makes them:
 * the caller is the OPENID the platform vouches for, never anything in the request body.
 */
import { EMBEDDED_INDEXES, EMBEDDED_MULTIKEY, EmbeddedStore } from '../../cloudfunctions/core/platform/adapters/embedded';
import { C, type Doc, type Notifier, type Store } from '../../cloudfunctions/core/platform/port';
import { invoke } from '../../cloudfunctions/core/platform/runtime';
import { functions } from '../../cloudfunctions/registry';
import { seedDemo } from '../../scripts/demo';
import type { ApiError, ApiResult, FunctionName } from '../../types/api';
import type { DisputeInput } from '../../types/dispute';

export interface World {
  store: EmbeddedStore;
  /** Where the functions keep files (exports, uploads): a temp folder. */
  files: LocalFileStore;
  /** Calls `fn.action` as the user with this OPENID. */
  call<T = unknown>(openid: string, fn: FunctionName, action: string, payload?: unknown): Promise<ApiResult<T>>;
  /** Sends a raw event (anything in it) as this OPENID, or none. */
  raw<T = unknown>(fn: FunctionName, event: unknown, openid: string | undefined): Promise<ApiResult<T>>;
}

/**
 * The demo district with `cases` demo cases (current year), as `npm start` seeds it.
 * `now` is the functions' clock after seeding.
 */
export async function demoWorld(
  cases = 6,
  now: () => Date = () => new Date(),
  /** What the functions write through: the store itself, or (sharded) a view of it. */
  through: (store: EmbeddedStore) => Store = (s) => s,
  /** The platform's push channel, if the test gives it one (CloudBase's is WeChat's 订阅消息). */
  notifier?: Notifier,
): Promise<World> {
  const store = new EmbeddedStore(':memory:', EMBEDDED_INDEXES, EMBEDDED_MULTIKEY);
  const deps = { store: through(store), files: new LocalFileStore(fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-files-'))), now, notifier };
  await seedDemo(deps, cases);
  return {
    store,
    files: deps.files,
    call: (openid, fn, action, payload) =>
      invoke(functions[fn], { action, payload }, openid, deps) as Promise<ApiResult<never>>,
    raw: (fn, event, openid) => invoke(functions[fn], event, openid, deps) as Promise<ApiResult<never>>,
  };
}

/** The collections handlers write to. */
const WRITTEN = [C.disputes, C.rollups, C.audit, C.people, C.trainings, C.publicity, C.coverage, C.settings];

/** Everything a write can touch, in full: equal snapshots mean nothing was written. */
export async function snapshot(store: Store): Promise<Record<string, Doc[]>> {
  const out: Record<string, Doc[]> = {};
  for (const coll of WRITTEN) out[coll] = await store.find(coll, {}, { sort: { _id: 1 } });
  return out;
}

export async function counts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const coll of WRITTEN) out[coll] = await store.count(coll, {});
  return out;
}

export function expectOk<T>(res: ApiResult<T>): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.error.code}: ${res.error.message}`);
  return res.data;
}

export function expectError(res: ApiResult<unknown>, code: ApiError['code']): ApiError {
  if (res.ok) throw new Error(`expected ${code}, got ok: ${JSON.stringify(res.data).slice(0, 200)}`);
  expect(res.error.code).toBe(code);
  // Every refusal speaks Chinese to the user.
  expect(res.error.message).toMatch(/[\u4e00-\u9fff]/);
  return res.error;
}

let serial = 0;
/** A valid, closed 民调 case at the demo mediator's village (前进村), resolved in 2025. */
export function caseInput(overrides: Partial<DisputeInput> = {}): DisputeInput {
  serial += 1;
  return {
    id: `test-case-${String(serial).padStart(6, '0')}`,
    unitId: 'xhy-qj',
    acceptedDate: '2025-03-02',
    resolvedDate: '2025-03-09',
    type: '邻里',
    channel: '民调',
    outcome: '调解成功',
    agreementForm: '书面',
    amountFen: 1_234_500,
    parties: 2,
    banners: 0,
    summary: '宅前排水沟纠纷,经调解双方达成协议',
    partyNames: '张三、李四',
    partyPhones: '13800138000',
    ...overrides,
  };
}
