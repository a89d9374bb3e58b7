/**
 * The outbox: writes that could not reach the back end wait here, on the phone, and
 * are sent again until they land. Every queued write carries its record's own id, so
 * sending it twice stores it once. Nothing leaves the outbox except by being accepted
 * or by the user discarding it after a refusal.
 *
 * The queue logic is plain (storage and sender are injected) so it runs the same in
 * WeChat, the browser and the bench.
 */
import type { ApiError, FunctionName } from '../../types/api';

export interface QueuedWrite {
  /** The outbox key: the record's id (what the back end deduplicates on), or for a tick `${trainingId}:${personId}`. */
  id: string;
  fn: FunctionName;
  action: string;
  payload: unknown;
  /** Short text for the list: '邻里 · 2024-03-07'. */
  label: string;
  queuedAt: string;
  /** Local demo identity that wrote it (h5 only), so switching user never re-attributes it. */
  asUser?: string;
  /** Set when the back end refused it: kept for the user to fix or discard, never dropped silently. */
  refused?: ApiError;
}

export interface OutboxStorage {
  read(): QueuedWrite[];
  write(items: QueuedWrite[]): void;
}

export type SendResult = { kind: 'ok'; data?: unknown } | { kind: 'offline' } | { kind: 'refused'; error: ApiError };
export type Sender = (item: QueuedWrite) => Promise<SendResult>;

export interface Outbox {
  items(): QueuedWrite[];
  /** Pending = not refused: what "待上传 N 条" counts. */
  pending(): number;
  add(item: QueuedWrite): void;
  discard(id: string): void;
  /** Sends pending items in order; stops at the first one that finds no network. */
  flush(): Promise<{ sent: number; refused: number; offline: boolean }>;
  subscribe(listener: () => void): () => void;
}

export function createOutbox(storage: OutboxStorage, send: Sender): Outbox {
  const listeners = new Set<() => void>();
  let running: Promise<{ sent: number; refused: number; offline: boolean }> | undefined;
  const notify = () => listeners.forEach((l) => l());
  const update = (fn: (items: QueuedWrite[]) => QueuedWrite[]) => {
    storage.write(fn(storage.read()));
    notify();
  };

  async function flushOnce() {
    let sent = 0;
    let refused = 0;
    for (const item of storage.read().filter((i) => !i.refused)) {
      const r = await send(item);
      if (r.kind === 'offline') return { sent, refused, offline: true };
      if (r.kind === 'ok') {
        sent++;
        update((items) => items.filter((i) => i.id !== item.id));
      } else {
        refused++;
        update((items) => items.map((i) => (i.id === item.id ? { ...i, refused: r.error } : i)));
      }
    }
    return { sent, refused, offline: false };
  }

  return {
    items: () => storage.read(),
    pending: () => storage.read().filter((i) => !i.refused).length,
    add(item) {
      // A later write of the same record replaces the queued one: only the newest content matters.
      update((items) => [...items.filter((i) => i.id !== item.id), item]);
    },
    discard(id) {
      update((items) => items.filter((i) => i.id !== id));
    },
    flush() {
      // One flush at a time: two concurrent loops would send the same item twice.
      running ??= flushOnce().finally(() => {
        running = undefined;
      });
      return running;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
