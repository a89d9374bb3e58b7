/**
 * Many function instances against one stand-in database, as CloudBase runs a district's office
 * hours: each instance is its own SDK app and CloudbaseStore (what `cloudbaseMain` holds per
 * instance), all of them reaching the same stand-in. Shared by the concurrency test and
 * `npm run bench -- cloudbase`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudbaseStore } from '../../cloudfunctions/core/platform/adapters/cloudbase';
import { LocalFileStore } from '../../cloudfunctions/core/platform/adapters/files-local';
import { C } from '../../cloudfunctions/core/platform/port';
import { invoke, type Deps } from '../../cloudfunctions/core/platform/runtime';
import { functions } from '../../cloudfunctions/registry';
import { benchCase } from '../../scripts/bench/case';
import { seedDemo } from '../../scripts/demo';
import type { ApiResult, FunctionName } from '../../types/api';
import type { DisputeInput } from '../../types/dispute';
import { standInApp, type CloudbaseStandIn } from './standin';

/** One function instance: its own SDK app and store (`shards`: the adapter's unless given). Requests reach the installed stand-in. */
export function instance(shards?: number): Deps {
  return {
    store: new CloudbaseStore(standInApp().database(), shards),
    files: new LocalFileStore(fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-instance-'))),
    now: () => new Date(),
  };
}

/** Our collections on the stand-in, and the demo district's tree and users (no cases). */
export async function seedDistrict(standin: CloudbaseStandIn): Promise<void> {
  for (const name of Object.values(C)) standin.createCollection(name);
  await seedDemo(instance(), 0);
}

export function call<T>(deps: Deps, openid: string, fn: FunctionName, action: string, payload?: unknown): Promise<ApiResult<T>> {
  return invoke(functions[fn], { action, payload }, openid, deps) as Promise<ApiResult<T>>;
}

/** The first `villages` villages of the demo district, each with its own mediator (demo.ts). */
export const VILLAGES = ['xhy-qj', 'xhy-sl', 'xhy-zz', 'jy-hx', 'jy-xf', 'sd-hm', 'sd-mz', 'lyk-dw', 'lyk-sj', 'xhf-yd'];

export function caseAt(village: string, n: number, run: string): DisputeInput {
  return benchCase(`conc-${run}-${village}-${n}`, 100_00 * (n + 1), `并发保存 ${village} 第${n + 1}件`, village);
}

export interface Burst {
  answers: ApiResult<unknown>[];
  /** Each save's time to its answer, in ms. */
  ms: number[];
}

/** `saves` distinct cases from the villages in turn, all at once, each through a fresh instance. */
export async function concurrentSaves(saves: number, run: string, shards?: number): Promise<Burst> {
  const ms: number[] = [];
  const answers = await Promise.all(
    Array.from({ length: saves }, async (_, i) => {
      const village = VILLAGES[i % VILLAGES.length];
      const started = performance.now();
      const answer = await call(instance(shards), `demo-m-${village}`, 'dispute', 'save', caseAt(village, Math.floor(i / VILLAGES.length), run));
      ms.push(performance.now() - started);
      return answer;
    }),
  );
  return { answers, ms };
}
