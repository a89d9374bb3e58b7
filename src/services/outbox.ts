/**
 * The outbox: writes that could not reach the back end wait here, on the phone, and
 * are sent again until they land. Every queued write carries its record's own id, so
 * sending it twice stores it once. A write the back end failed on (a server fault) stays too:
 * the user was told it is not saved yet, and it goes again with the next flush. Nothing
 * leaves the outbox except by being accepted, by a newer write of the same record that was
 * accepted or queued, or by the user discarding it after a refusal.
 *
 * Each write also has its own `writeId`: the answer to one write settles that write only,
 * never a newer version of the same record queued while it was on its way.
 *
 * The queue logic is plain (storage and sender are injected) so it runs the same in
 * WeChat, the browser and the bench.
 */
import type { ApiError, FunctionName } from '../../types/api';
import { newRecordId } from './ids';

export interface QueuedWrite {
  /** The outbox key: the record's id (what the back end deduplicates on), or for a tick `${trainingId}:${personId}`. */
  id: string;
  /** This write's own identity, given by the outbox (a record saved twice is two writes). */
  writeId: string;
  fn: FunctionName;
  action: string;
  payload: unknown;
  /** Short text for the list: '邻里 · 2024-03-07'. */
  label: string;
  queuedAt: string;
  /** Who wrote it (h5 only), so switching user never re-attributes it: the demo sends it as them, `npm run serve` holds it until they sign in again. */
  asUser?: string;
  /** Set when the back end refused it: kept until the user fixes it (a case reopens in its form: routes.fixPage) or discards it, never dropped silently. */
  refused?: ApiError;
}

/** A write as its caller makes it; the outbox gives it its `writeId`. */
export type NewWrite = Omit<QueuedWrite, 'writeId'>;

/** A write's identity: the same write, not merely the same record. (One queued by an app without writeIds is known by its id alone, as it was.) */
const writeKey = (i: QueuedWrite) => `${i.id}\u0000${i.writeId}`;
const sameWrite = (a: QueuedWrite, b: QueuedWrite) => writeKey(a) === writeKey(b);

export interface OutboxStorage {
  read(): QueuedWrite[];
  write(items: QueuedWrite[]): void;
  /** Calls `changed` when someone else changed the stored queue (another browser tab), so a copy kept in memory is read again. */
  watch?(changed: () => void): void;
}

/**
 * How one send went. Offline: no answer (no network, or none in time: it may have landed, and
 * resending is safe). Fault: the back end failed on it (crashed, not deployed, 5xx): not stored.
 */
export type SendResult =
  | { kind: 'ok'; data?: unknown }
  | { kind: 'offline'; timeout?: boolean }
  | { kind: 'fault' }
  | { kind: 'refused'; error: ApiError }
  /** Another account's write (they signed out on this browser): kept for them, untouched, the next goes. */
  | { kind: 'held' };
export type FlushResult = { sent: number; refused: number; faults: number; held: number; offline: boolean };
export type Sender = (item: QueuedWrite) => Promise<SendResult>;

/**
 * An answer that is a question for the user, not the write done (a walk-in who looks like someone
 * already on the roster: 是同一人吗?). Sent at once, the form asks it. Sent later from the queue
 * nobody is there to answer, so the write is kept as a refused one is, the question its message:
 * dropped as sent, the walk-in would be lost.
 */
export type Asks = (item: QueuedWrite, data: unknown) => ApiError | undefined;

export interface Outbox {
  items(): QueuedWrite[];
  /** Pending = not refused: what "待上传 N 条" counts. */
  pending(): number;
  /** Of those, how many the last send found to be another account's, waiting for them to sign in. */
  held(): number;
  /**
   * Queues a write and sends it at once (after any send under way) and answers how that went.
   * Accepted: it leaves the outbox. Refused: it is taken back out, for the form to show why.
   * Offline or a fault: it stays queued. Once accepted or queued it stands for its record: older
   * writes of the record, waiting or refused, are dropped (only the newest content matters).
   * Until then they stay, so a refused write loses nothing that was queued before it.
   */
  submit(write: NewWrite): Promise<SendResult>;
  /** Queues a write without sending it (the next flush does); it stands for its record at once. */
  add(write: NewWrite): QueuedWrite;
  discard(item: QueuedWrite): void;
  /**
   * Sends pending items in order; stops at the first one that gets no answer. One the back end
   * failed on stays pending and the next goes (one record's fault must not hold up the others).
   */
  flush(): Promise<FlushResult>;
  /** What the last send ran into, while something waits: shown on the banner. */
  trouble(): 'offline' | 'fault' | undefined;
  subscribe(listener: () => void): () => void;
}

export function createOutbox(storage: OutboxStorage, send: Sender, asks: Asks = () => undefined): Outbox {
  const listeners = new Set<() => void>();
  let running: Promise<FlushResult> | undefined;
  let lastTrouble: 'offline' | 'fault' | undefined;
  /** Writes the last send of each found to be another account's, by writeKey. */
  const heldKeys = new Set<string>();
  const notify = () => listeners.forEach((l) => l());
  /**
   * The queue as stored, kept in memory while a flush runs: phone storage parses the whole
   * queue on every read, and a flush would read it several times per send. Every change is
   * still written at once, so storage never lags behind what was acknowledged.
   */
  let kept: QueuedWrite[] | undefined;
  storage.watch?.(() => {
    if (kept) kept = storage.read();
  });
  const current = () => kept ?? storage.read();
  const update = (fn: (items: QueuedWrite[]) => QueuedWrite[]) => {
    const next = fn(current());
    storage.write(next);
    if (kept) kept = next;
    notify();
  };
  const queue = (write: NewWrite): QueuedWrite => {
    const item = { ...write, writeId: newRecordId() };
    update((items) => [...items, item]);
    return item;
  };
  const remove = (item: QueuedWrite) => update((items) => items.filter((i) => !sameWrite(i, item)));
  /**
   * `item` stands for its record: the record's older writes go (newer ones, queued while it was
   * on its way, stay), and `item` too once it is accepted.
   */
  const supersede = (item: QueuedWrite, accepted: boolean) =>
    update((items) => {
      const at = items.findIndex((i) => sameWrite(i, item));
      return items.filter((i, k) => i.id !== item.id || k > at || (k === at && !accepted));
    });
  const isPending = (item: QueuedWrite) => current().some((i) => sameWrite(i, item) && !i.refused);
  /** The waiting writes worth sending, in order: each record's newest (an older one goes only once that one is refused). */
  const newestWaiting = (items: QueuedWrite[]) => {
    const newer = new Set<string>();
    return items
      .filter((i) => !i.refused)
      .reverse()
      .filter((i) => !newer.has(i.id) && newer.add(i.id))
      .reverse();
  };

  // One send at a time, in the order asked: two writes of one record (a tick, then its
  // untick) reach the back end in the order they were made.
  let turns: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(task: () => Promise<T>): Promise<T> => {
    const turn = turns.then(task);
    turns = turn.catch(() => undefined);
    return turn;
  };

  const sendOne = async (item: QueuedWrite): Promise<SendResult> => {
    const r = await send(item);
    const wasHeld = heldKeys.has(writeKey(item));
    if (r.kind === 'held') heldKeys.add(writeKey(item));
    else heldKeys.delete(writeKey(item));
    if (wasHeld !== (r.kind === 'held')) notify();
    const trouble = r.kind === 'offline' || r.kind === 'fault' ? r.kind : undefined;
    if (trouble !== lastTrouble) {
      lastTrouble = trouble;
      notify();
    }
    return r;
  };

  /** Runs a flush over the queue read once; the copy is dropped after it, so reads between flushes see storage again. */
  async function keepingQueue(task: () => Promise<FlushResult>): Promise<FlushResult> {
    kept = storage.read();
    try {
      return await task();
    } finally {
      kept = undefined;
    }
  }

  async function flushOnce(): Promise<FlushResult> {
    let sent = 0;
    let refused = 0;
    let faults = 0;
    let held = 0;
    const tried = new Set<string>();
    for (;;) {
      // Read afresh each time: a write queued meanwhile (a newer version of one being sent) goes next.
      const item = newestWaiting(current()).find((i) => !tried.has(writeKey(i)));
      if (!item) return { sent, refused, faults, held, offline: false };
      tried.add(writeKey(item));
      // By its turn it may be settled already (sent by its own submit, replaced, discarded).
      const r = await inTurn(async () => (isPending(item) ? sendOne(item) : undefined));
      if (!r) continue;
      if (r.kind === 'offline') return { sent, refused, faults, held, offline: true };
      if (r.kind === 'fault') faults++;
      else if (r.kind === 'held') held++;
      else if (r.kind === 'ok' && !asks(item, r.data)) {
        sent++;
        supersede(item, true);
      } else {
        refused++;
        const error = r.kind === 'ok' ? asks(item, r.data)! : r.error;
        update((items) => items.map((i) => (sameWrite(i, item) ? { ...i, refused: error } : i)));
      }
    }
  }

  return {
    items: current,
    pending: () => current().filter((i) => !i.refused).length,
    held: () => current().filter((i) => !i.refused && heldKeys.has(writeKey(i))).length,
    async submit(write) {
      const item = queue(write);
      const r = await inTurn(() => sendOne(item));
      if (r.kind === 'refused') remove(item);
      else supersede(item, r.kind === 'ok');
      return r;
    },
    add(write) {
      const item = queue(write);
      supersede(item, false);
      return item;
    },
    discard: remove,
    trouble: () => (current().some((i) => !i.refused) ? lastTrouble : undefined),
    flush() {
      // One flush at a time: two concurrent loops would send the same item twice.
      running ??= keepingQueue(flushOnce).finally(() => {
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
