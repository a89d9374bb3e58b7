/**
 * The phone's outbox emptying after a day without signal: 500 cases queued in the real
 * outbox module (src/services/outbox.ts, in-memory storage), flushed through the local
 * gateway by a sender that POSTs as the app's does. Then the same with the answer to
 * one send lost mid-way (the server stored it, the phone never heard): the flush stops,
 * the next one sends the rest and that case again, and the server still holds each once.
 * Last, the outbox over storage as Taro's is on the phone (JSON on every read and write),
 * against the same 500 POSTs sent bare: what the outbox's own storage traffic costs.
 */
import { todayBeijing } from '../../types/dates';
import { C } from '../../cloudfunctions/core/platform/port';
import { createOutbox, type Outbox, type OutboxStorage, type QueuedWrite, type SendResult } from '../../src/services/outbox';
import { benchCase } from './case';
import { dataOf, elapsedMs, startGateway, type BenchGateway, type BenchSection } from './common';

const QUEUED = 500;
const MEDIATOR = 'demo-mediator';
/** The send whose answer is lost in the second run. */
const LOST_AT = 200;

/** The outbox over plain memory, as the app's is over phone storage. */
function memoryOutbox(send: (item: QueuedWrite) => Promise<SendResult>): Outbox {
  let items: QueuedWrite[] = [];
  return createOutbox({ read: () => items, write: (next) => (items = next) }, send);
}

/** Phone storage as Taro's: the queue kept as JSON, parsed on every read, serialised on every write; reads, writes and their time counted. */
function taroLikeStorage(): OutboxStorage & { reads: number; writes: number; ms: number } {
  let json = '[]';
  return {
    reads: 0,
    writes: 0,
    ms: 0,
    read() {
      this.reads++;
      const t = process.hrtime.bigint();
      const items = JSON.parse(json) as QueuedWrite[];
      this.ms += elapsedMs(t);
      return items;
    },
    write(items) {
      this.writes++;
      const t = process.hrtime.bigint();
      json = JSON.stringify(items);
      this.ms += elapsedMs(t);
    },
  };
}

/** What sync.ts's sender does with the gateway's answer: refusals kept, faults and no network retried. */
function gatewaySender(gw: BenchGateway, counter: { posts: number }) {
  return async (item: QueuedWrite): Promise<SendResult> => {
    try {
      counter.posts++;
      const res = await gw.call(item.fn, item.action, item.payload, item.asUser);
      if (res.ok) return { kind: 'ok', data: res.data };
      return res.error.code === 'INTERNAL' ? { kind: 'offline' } : { kind: 'refused', error: res.error };
    } catch {
      return { kind: 'offline' };
    }
  };
}

function queue(outbox: Outbox, prefix: string): void {
  const queuedAt = new Date().toISOString();
  for (let i = 0; i < QUEUED; i++) {
    const id = `${prefix}-${String(i).padStart(4, '0')}`;
    outbox.add({ id, fn: 'dispute', action: 'save', payload: benchCase(id, 10_000 + i, `离线登记${i + 1}`), label: `邻里 · ${todayBeijing()}`, queuedAt, asUser: MEDIATOR });
  }
}

/** Cases stored under ids starting with `prefix`. */
function stored(gw: BenchGateway, prefix: string): Promise<number> {
  return gw.store.count(C.disputes, { _id: { $gte: `${prefix}-`, $lt: `${prefix}-\uffff` } });
}

export const section: BenchSection = {
  name: 'outbox',
  title: `flush ${QUEUED} queued cases from the outbox through the local gateway (sequential, as the phone sends)`,
  async run() {
    const gw = await startGateway(0);
    const run = Date.now().toString(36);
    try {
      // 1. A clean flush.
      const clean = `ob-${run}-a`;
      const counter = { posts: 0 };
      const outbox = memoryOutbox(gatewaySender(gw, counter));
      queue(outbox, clean);
      if (outbox.pending() !== QUEUED) throw new Error(`queued ${outbox.pending()}, expected ${QUEUED}`);
      const t0 = process.hrtime.bigint();
      const r = await outbox.flush();
      const ms = elapsedMs(t0);
      const n = await stored(gw, clean);
      console.log(
        `  flush ${QUEUED}: ${(ms / 1000).toFixed(2)} s (${(ms / QUEUED).toFixed(2)} ms per case, ${Math.round(QUEUED / (ms / 1000))}/s); ` +
          `sent ${r.sent}, refused ${r.refused}, left ${outbox.pending()}; ${counter.posts} POSTs; stored ${n}`,
      );
      if (r.sent !== QUEUED || outbox.pending() !== 0 || n !== QUEUED) throw new Error(`expected exactly ${QUEUED} stored and none left`);

      // 2. The answer to one send is lost: stored on the server, still queued on the phone.
      const lossy = `ob-${run}-b`;
      const counter2 = { posts: 0 };
      const send = gatewaySender(gw, counter2);
      let lost = false;
      const outbox2 = memoryOutbox(async (item) => {
        const res = await send(item);
        if (!lost && counter2.posts === LOST_AT) {
          lost = true;
          return { kind: 'offline' };
        }
        return res;
      });
      queue(outbox2, lossy);
      const t1 = process.hrtime.bigint();
      const first = await outbox2.flush();
      const afterFirst = outbox2.pending();
      const second = await outbox2.flush();
      const ms2 = elapsedMs(t1);
      const n2 = await stored(gw, lossy);
      console.log(
        `  answer lost at send ${LOST_AT}: first flush sent ${first.sent} and stopped (${afterFirst} left), second sent ${second.sent}; ` +
          `${counter2.posts} POSTs for ${QUEUED} cases in ${(ms2 / 1000).toFixed(2)} s; stored ${n2}`,
      );
      if (!first.offline || afterFirst !== QUEUED - LOST_AT + 1 || outbox2.pending() !== 0 || n2 !== QUEUED) {
        throw new Error(`expected the first flush to stop at ${LOST_AT} and exactly ${QUEUED} stored in the end`);
      }
      const total = await gw.store.count(C.disputes, { mediatorId: MEDIATOR });
      console.log(`  exactly ${QUEUED} + ${QUEUED} records stored for the mediator: ${total === 2 * QUEUED ? 'yes' : `NO (${total})`}`);
      if (total !== 2 * QUEUED) throw new Error(`the mediator has ${total} cases, expected ${2 * QUEUED}`);

      // 3. Over Taro-like storage, against the same POSTs without an outbox.
      const bare = `ob-${run}-c`;
      const t2 = process.hrtime.bigint();
      for (let i = 0; i < QUEUED; i++) {
        const id = `${bare}-${String(i).padStart(4, '0')}`;
        dataOf(await gw.call('dispute', 'save', benchCase(id, 10_000 + i, `离线登记${i + 1}`), MEDIATOR), id);
      }
      const bareMs = elapsedMs(t2);
      const taro = `ob-${run}-d`;
      const storage = taroLikeStorage();
      const outbox3 = createOutbox(storage, gatewaySender(gw, { posts: 0 }));
      queue(outbox3, taro);
      const [reads, writes, storageMs] = [storage.reads, storage.writes, storage.ms];
      const t3 = process.hrtime.bigint();
      const r3 = await outbox3.flush();
      const taroMs = elapsedMs(t3);
      const n3 = await stored(gw, taro);
      console.log(
        `  Taro-like storage (JSON per read): flush ${QUEUED} in ${(taroMs / 1000).toFixed(2)} s vs the same ${QUEUED} POSTs bare ${(bareMs / 1000).toFixed(2)} s ` +
          `= ${(taroMs / bareMs).toFixed(2)}×; it read the queue ${storage.reads - reads}× and wrote it ${storage.writes - writes}×, ` +
          `${((storage.ms - storageMs) / 1000).toFixed(2)} s in storage; stored ${n3}`,
      );
      if (r3.sent !== QUEUED || n3 !== QUEUED || outbox3.pending() !== 0) {
        throw new Error(`expected exactly ${QUEUED} stored and none left: ${JSON.stringify(r3)}, ${outbox3.pending()} left, stored ${n3}`);
      }
    } finally {
      await gw.close();
    }
  },
};
