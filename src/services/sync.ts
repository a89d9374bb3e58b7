/**
 * The app's outbox: writes go through it, so a mediator in a village with no signal
 * loses nothing. It sends itself at launch, when the network returns, and every
 * 15 s while something waits.
 */
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { FunctionName } from '../../types/api';
import type { WalkInAnswer } from '../../types/training';
import { AnotherUsersWriteError, BackendError, call, OfflineError, ServerFaultError } from './backend';
import { demoUser } from './demo-session';
import { createOutbox, type Asks, type QueuedWrite, type Sender } from './outbox';
import { sendWithPhoto } from './photo-queue';
import { readLocal, writeLocal } from './storage';

const KEY = 'fazhi.outbox';
const RETRY_MS = 15_000;

/** What the user is told when a save met a server fault: not stored, but kept and tried again. */
export const NOT_SAVED = '服务暂时不可用,这条记录还没有保存。它已留在本机待上传,稍后自动重试。';

const send: Sender = async (item) => {
  try {
    return { kind: 'ok', data: await sendWithPhoto(item, (payload) => call(item.fn, item.action, payload, item.asUser)) };
  } catch (err) {
    if (err instanceof BackendError) return { kind: 'refused', error: err.error };
    if (err instanceof AnotherUsersWriteError) return { kind: 'held' };
    if (err instanceof OfflineError) return err.reason === 'timeout' ? { kind: 'offline', timeout: true } : { kind: 'offline' };
    // A server fault (or anything unforeseen) is not the user's to fix: it stays pending.
    return { kind: 'fault' };
  }
};

/** A walk-in sent from the queue that the back end answered with a likely roster entry: kept, asking the user. */
const asks: Asks = (item, data) => {
  const answer = data as WalkInAnswer | undefined;
  if (item.fn !== 'training' || item.action !== 'walkIn' || answer?.kind !== 'match') return undefined;
  const m = answer.match;
  return { code: 'INVALID', message: `名册中已有:${m.name} ${m.phone}(${m.unitName}),是同一人吗?请在培训签到页重新补录` };
};

export const outbox = createOutbox(
  {
    read: () => readLocal<QueuedWrite[]>(KEY) ?? [],
    write: (items) => writeLocal(KEY, items),
    // Other tabs of the browser build share the queue (WeChat runs one copy of the app); `null`: storage cleared.
    watch(changed) {
      if (process.env.TARO_ENV === 'h5') window.addEventListener('storage', (e) => (e.key === KEY || e.key === null) && changed());
    },
  },
  send,
  asks,
);

/** Sent: the back end's answer. Queued: it waits on the phone and goes later, once (`timeout`: no answer in time, rather than no network). */
export type WriteResult<T> = { outcome: 'sent'; data: T } | { outcome: 'queued'; timeout?: boolean };

/**
 * Saves a record: queued first (so closing the app mid-request loses nothing), then
 * sent. Offline or no answer in time → stays queued. Refused → taken back out and thrown for
 * the form to show. A server fault → stays queued too, and is thrown (ServerFaultError, NOT_SAVED)
 * so the form says it is not saved yet and offers 重试.
 * The outbox key is the record's id, or `key` for writes that are not a record (a tick):
 * a later write with the same key replaces a queued one.
 */
export function submitWrite<T = unknown>(fn: FunctionName, action: string, payload: { id: string }, label: string): Promise<WriteResult<T>>;
export function submitWrite<T = unknown>(fn: FunctionName, action: string, payload: object, label: string, key: string): Promise<WriteResult<T>>;
export async function submitWrite<T>(fn: FunctionName, action: string, payload: object, label: string, key = (payload as { id: string }).id): Promise<WriteResult<T>> {
  const r = await outbox.submit({
    id: key,
    fn,
    action,
    payload,
    label,
    queuedAt: new Date().toISOString(),
    ...(process.env.TARO_ENV === 'h5' ? { asUser: demoUser() } : {}),
  });
  if (r.kind === 'offline') return r.timeout ? { outcome: 'queued', timeout: true } : { outcome: 'queued' };
  // Only if another tab switched account while this was on its way: it waits for its writer.
  if (r.kind === 'held') return { outcome: 'queued' };
  if (r.kind === 'refused') throw new BackendError(r.error);
  if (r.kind === 'fault') throw new ServerFaultError('', NOT_SAVED);
  return { outcome: 'sent', data: r.data as T };
}

let started = false;

/** Called once at launch. */
export function startSync(): void {
  if (started) return;
  started = true;
  const flush = () => {
    if (outbox.pending()) void outbox.flush();
  };
  flush();
  Taro.onNetworkStatusChange((res) => res.isConnected && flush());
  if (process.env.TARO_ENV === 'h5') window.addEventListener('online', flush);
  setInterval(flush, RETRY_MS);
}

/** The write of record `id` to `fn` that the back end refused, while it is in the outbox (to reopen it in its form). */
export function refusedWrite(fn: FunctionName, id: string): QueuedWrite | undefined {
  return outbox.items().find((i) => i.refused && i.fn === fn && i.id === id);
}

/** 放弃 a refused write, once the user confirms: it is never sent, and cannot be had back. */
export async function discardAfterAsking(item: QueuedWrite): Promise<boolean> {
  const r = await Taro.showModal({ title: '放弃这条记录?', content: '放弃后不会上传,且无法恢复。', confirmText: '放弃' });
  if (r.confirm) outbox.discard(item);
  return r.confirm;
}

/** Re-renders when the outbox changes. */
export function useOutbox() {
  const [, setTick] = useState(0);
  useEffect(() => outbox.subscribe(() => setTick((n) => n + 1)), []);
  return { items: outbox.items(), pending: outbox.pending(), held: outbox.held(), trouble: outbox.trouble(), flush: () => outbox.flush() };
}
