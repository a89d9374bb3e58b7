/**
 * What the CloudBase adapter adds beyond the port's contract (test/port/contract.test.ts runs that
 * on the stand-in): which keys a deployed function signs with, and how it retries conflicts.
 */
import tcb from '@cloudbase/node-sdk';
import { CloudbaseStore, cloudbaseAppWithKeys, testKeysFromEnvironment } from '../../cloudfunctions/core/platform/adapters/cloudbase';
import type { Doc } from '../../cloudfunctions/core/platform/port';
import { CloudbaseStandIn, installStandIn, standInApp } from './standin';

/* eslint-disable @typescript-eslint/no-explicit-any */
const configOf = (app: unknown) => (app as { config: { envName: unknown; secretId?: string; secretKey?: string } }).config;

describe('which environment and keys', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test('a deployed function uses SYMBOL_CURRENT_ENV even with TENCENTCLOUD_SECRETID and TCB_ENV set (they are its temporary keys)', async () => {
    process.env.TENCENTCLOUD_SECRETID = 'AKIDtemporary';
    process.env.TENCENTCLOUD_SECRETKEY = 'temporary-key';
    process.env.TENCENTCLOUD_SESSIONTOKEN = 'session-token';
    process.env.TCB_ENV = 'prod-env-1a2b';
    // A fresh copy of the adapter, so cloudbaseApp() makes its (cached) app now, with these variables set.
    await jest.isolateModulesAsync(async () => {
      const { cloudbaseApp } = await import('../../cloudfunctions/core/platform/adapters/cloudbase');
      const config = configOf(cloudbaseApp());
      expect(config.envName).toBe(tcb.SYMBOL_CURRENT_ENV);
      // No keys fixed in the config: the SDK reads them, with the session token, on each request.
      expect(config.secretId).toBeUndefined();
      expect(config.secretKey).toBeUndefined();
    });
  });

  test('explicit keys only through cloudbaseAppWithKeys, from CLOUDBASE_TEST_* for the contract tests', () => {
    expect(testKeysFromEnvironment({ CLOUDBASE_TEST_ENV: 'e', CLOUDBASE_TEST_SECRETID: 'i' })).toBeUndefined();
    expect(testKeysFromEnvironment({ TCB_ENV: 'e', TENCENTCLOUD_SECRETID: 'i', TENCENTCLOUD_SECRETKEY: 'k' })).toBeUndefined();
    const keys = testKeysFromEnvironment({ CLOUDBASE_TEST_ENV: 'test-env', CLOUDBASE_TEST_SECRETID: 'id', CLOUDBASE_TEST_SECRETKEY: 'key' });
    expect(keys).toEqual({ env: 'test-env', secretId: 'id', secretKey: 'key' });
    expect(configOf(cloudbaseAppWithKeys(keys!))).toMatchObject({ envName: 'test-env', secretId: 'id', secretKey: 'key' });
  });
});

describe('transactions on the stand-in, with latency', () => {
  let standin: CloudbaseStandIn;
  let uninstall: () => void;
  let store: CloudbaseStore;

  beforeEach(() => {
    standin = new CloudbaseStandIn();
    standin.createCollection('counters');
    standin.createCollection('own');
    uninstall = installStandIn(standin);
    store = new CloudbaseStore(standInApp().database());
  });
  afterEach(() => uninstall());

  test('50 concurrent writers on 5 shared documents, 5–25 ms per request: every one lands once, after retried conflicts', async () => {
    for (let c = 0; c < 5; c++) await store.set('counters', { _id: `c${c}`, n: 0 } as Doc);
    standin.latencyMs = [5, 25];
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        store.transaction(async (tx) => {
          const id = `c${i % 5}`;
          const counter = (await tx.get<Doc & { n: number }>('counters', id))!;
          await tx.set('own', { _id: `w${i}`, at: counter.n } as Doc);
          await tx.set('counters', { _id: id, n: counter.n + 1 } as Doc);
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    standin.latencyMs = [0, 0];
    for (let c = 0; c < 5; c++) expect(await store.get('counters', `c${c}`)).toEqual({ _id: `c${c}`, n: 10 });
    expect(await store.count('own', {})).toBe(50);
    expect(standin.stats.conflicts).toBeGreaterThan(0);
    expect(standin.stats.commits).toBe(50);
  }, 20_000);

  test('a conflict is retried even when the function catches it and throws something else', async () => {
    await store.set('counters', { _id: 'x', n: 0 } as Doc);
    const blocker: any = await (standInApp().database() as any).startTransaction();
    await blocker.collection('counters').doc('x').set({ n: 100 });
    let runs = 0;
    const result = await store.transaction(async (tx) => {
      runs++;
      if (runs === 2) await blocker.commit();
      const x = (await tx.get<Doc & { n: number }>('counters', 'x'))!;
      try {
        await tx.set('counters', { _id: 'x', n: x.n + 1 } as Doc);
      } catch {
        throw new Error('保存失败');
      }
      return x.n + 1;
    });
    expect(result).toBe(101);
    expect(runs).toBe(3);
    expect(await store.get('counters', 'x')).toEqual({ _id: 'x', n: 101 });
  });

  test('a refusal after a successful write is final: one run, nothing written', async () => {
    let runs = 0;
    await expect(
      store.transaction(async (tx) => {
        runs++;
        await tx.set('own', { _id: 'r', v: 1 } as Doc);
        throw new Error('该案件已被他人修改');
      }),
    ).rejects.toThrow('该案件已被他人修改');
    expect(runs).toBe(1);
    expect(await store.get('own', 'r')).toBeNull();
    expect(standin.stats.aborts).toBe(1);
  });

  test('an aggregate returns every row, past the 20 CloudBase gives a pipeline without $limit', async () => {
    for (let i = 0; i < 30; i++) await store.set('own', { _id: `g${i}`, g: i } as Doc);
    expect(await store.aggregate('own', [{ $group: { _id: '$g' } }])).toHaveLength(30);
  });

  test('a missing collection is an error, not a missing document', async () => {
    await expect(store.transaction((tx) => tx.get('nope', 'x'))).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });
});
