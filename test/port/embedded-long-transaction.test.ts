/**
 * The embedded store while a long transaction runs (an import's batch of 5000 rows holds one
 * for a second or more): the process still answers others. Their reads are answered at once,
 * from the last commit, and do not wait for the commit; the transaction's own writes stay
 * unseen until it commits.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmbedded, type EmbeddedStore } from '../../cloudfunctions/core/platform/adapters/embedded';
import type { Doc } from '../../cloudfunctions/core/platform/port';

/** Long against the store's slices of 20 ms, short for a test. */
const TX_MS = 400;

let dir: string;
let store: EmbeddedStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-long-tx-'));
  store = openEmbedded(dir);
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A transaction that reads and writes rows for TX_MS, as a batch does, then writes `progress`; answers when it committed. */
function longTransaction(): Promise<number> {
  return store.transaction(async (tx) => {
    const start = Date.now();
    let rows = 0;
    while (Date.now() - start < TX_MS) {
      await tx.get('disputes', `row-${rows}`);
      await tx.set('disputes', { _id: `row-${rows}`, n: rows } as Doc);
      rows++;
    }
    await tx.set('imports', { _id: 'progress', done: rows } as Doc);
    return Date.now();
  });
}

test('another caller’s read during a long transaction is answered before it commits, from the last commit', async () => {
  await store.set('imports', { _id: 'progress', done: 0 } as Doc);
  const done = longTransaction();
  // As a request arriving over the network would: from the event loop, not a microtask.
  const answered = new Promise<{ at: number; doc: Doc | null; rows: number }>((resolve, reject) => {
    setTimeout(() => {
      Promise.all([store.get('imports', 'progress'), store.count('disputes', {})])
        .then(([doc, rows]) => resolve({ at: Date.now(), doc, rows }))
        .catch(reject);
    }, 50);
  });
  const [read, committedAt] = await Promise.all([answered, done]);
  expect(read.at).toBeLessThan(committedAt);
  expect(read.doc).toEqual({ _id: 'progress', done: 0 });
  expect(read.rows).toBe(0);
  expect(await store.get('imports', 'progress')).toEqual({ _id: 'progress', done: expect.any(Number) });
  expect(await store.count('disputes', {})).toBeGreaterThan(0);
});

test('timers keep firing while a long transaction runs', async () => {
  const ticks: number[] = [];
  const timer = setInterval(() => ticks.push(Date.now()), 10);
  try {
    const started = Date.now();
    const committedAt = await longTransaction();
    // Before, none fired until the commit; now the longest stretch without a turn is about a slice.
    const times = [started, ...ticks.filter((t) => t < committedAt), committedAt];
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(times.length).toBeGreaterThan(5);
    expect(Math.max(...gaps)).toBeLessThan(TX_MS / 2);
  } finally {
    clearInterval(timer);
  }
});
