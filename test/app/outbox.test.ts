/**
 * The outbox when writes of one record cross: an answer settles only the write it answers,
 * a newer write queued meanwhile stays and goes next, and sends never overtake each other.
 */
import type { ApiError } from '../../types/api';
import { createOutbox, type NewWrite, type QueuedWrite, type SendResult } from '../../src/services/outbox';

/** A sender whose answers the test gives, one send at a time, in the order they were asked. */
function scriptedSender() {
  const asked: { item: QueuedWrite; answer: (r: SendResult) => void }[] = [];
  const waiters: (() => void)[] = [];
  const send = (item: QueuedWrite) =>
    new Promise<SendResult>((answer) => {
      asked.push({ item, answer });
      waiters.splice(0).forEach((w) => w());
    });
  /** Waits for the `n`th send (1-based) to be asked. */
  const nth = async (n: number) => {
    while (asked.length < n) await new Promise<void>((r) => waiters.push(r));
    return asked[n - 1];
  };
  return { send, asked, nth };
}

function memoryOutbox(send: (item: QueuedWrite) => Promise<SendResult>, start: QueuedWrite[] = []) {
  let items = start;
  return createOutbox({ read: () => items, write: (next) => (items = next) }, send);
}

const write = (id: string, summary: string): NewWrite => ({
  id,
  fn: 'dispute',
  action: 'save',
  payload: { id, summary },
  label: summary,
  queuedAt: new Date().toISOString(),
});
const summaryOf = (i: QueuedWrite) => (i.payload as { summary: string }).summary;
const REFUSAL: ApiError = { code: 'INVALID', message: '纠纷类型不在本区列表中' };

describe('two writes of one case, the first on its way when the second is saved', () => {
  test('the first one accepted does not take the second out: it stays and is sent next, in the same flush', async () => {
    const s = scriptedSender();
    const box = memoryOutbox(s.send);
    box.add(write('case1', 'v1'));
    const flushed = box.flush();
    const first = await s.nth(1);
    expect(summaryOf(first.item)).toBe('v1');

    // v2 saved while v1 is being sent: it waits its turn behind v1, which stays until one of them lands.
    const saved = box.submit(write('case1', 'v2'));
    expect(box.items().map(summaryOf)).toEqual(['v1', 'v2']);
    first.answer({ kind: 'ok' });
    const second = await s.nth(2);
    await new Promise((settled) => setTimeout(settled, 0));
    expect(box.items().map(summaryOf)).toEqual(['v2']);

    expect(summaryOf(second.item)).toBe('v2');
    second.answer({ kind: 'ok', data: { version: 2 } });
    await expect(saved).resolves.toEqual({ kind: 'ok', data: { version: 2 } });
    await expect(flushed).resolves.toEqual({ sent: 1, refused: 0, faults: 0, held: 0, offline: false });
    expect(box.items()).toEqual([]);
    // v2 went once: the flush saw it sent by its own save.
    expect(s.asked.map((a) => summaryOf(a.item))).toEqual(['v1', 'v2']);
  });

  test('the second one queued offline behind an accepted first stays queued and the next flush sends it', async () => {
    const s = scriptedSender();
    const box = memoryOutbox(s.send);
    box.add(write('case1', 'v1'));
    const flushed = box.flush();
    const first = await s.nth(1);
    const saved = box.submit(write('case1', 'v2'));
    first.answer({ kind: 'ok' });
    (await s.nth(2)).answer({ kind: 'offline' });
    await expect(saved).resolves.toEqual({ kind: 'offline' });
    // The flush under way tries it too, and stops where the network is gone.
    (await s.nth(3)).answer({ kind: 'offline' });
    await expect(flushed).resolves.toEqual({ sent: 1, refused: 0, faults: 0, held: 0, offline: true });
    expect(box.items().map(summaryOf)).toEqual(['v2']);
    expect(box.pending()).toBe(1);

    const again = box.flush();
    (await s.nth(4)).answer({ kind: 'ok' });
    await expect(again).resolves.toEqual({ sent: 1, refused: 0, faults: 0, held: 0, offline: false });
    expect(box.items()).toEqual([]);
  });

  test('a second save refused at once leaves the first, still waiting offline, in the outbox', async () => {
    const s = scriptedSender();
    const box = memoryOutbox(s.send);
    const first = box.submit(write('case1', 'v1'));
    (await s.nth(1)).answer({ kind: 'offline' });
    await expect(first).resolves.toEqual({ kind: 'offline' });

    const second = box.submit(write('case1', 'v2'));
    (await s.nth(2)).answer({ kind: 'refused', error: REFUSAL });
    await expect(second).resolves.toEqual({ kind: 'refused', error: REFUSAL });
    // v2 goes back to its form; v1 was acknowledged as queued and is not lost with it.
    expect(box.items().map(summaryOf)).toEqual(['v1']);
    expect(box.pending()).toBe(1);

    const flushed = box.flush();
    (await s.nth(3)).answer({ kind: 'ok' });
    await expect(flushed).resolves.toEqual({ sent: 1, refused: 0, faults: 0, held: 0, offline: false });
    expect(s.asked.map((a) => summaryOf(a.item))).toEqual(['v1', 'v2', 'v1']);
  });

  test('a second save queued offline stands for the case: the first, waiting too, is not sent after it', async () => {
    const s = scriptedSender();
    const box = memoryOutbox(s.send);
    const first = box.submit(write('case1', 'v1'));
    (await s.nth(1)).answer({ kind: 'offline' });
    await first;
    const second = box.submit(write('case1', 'v2'));
    (await s.nth(2)).answer({ kind: 'offline' });
    await second;
    expect(box.items().map(summaryOf)).toEqual(['v2']);
  });

  test('the first one refused does not mark the second refused; the second is sent next', async () => {
    const s = scriptedSender();
    const box = memoryOutbox(s.send);
    box.add(write('case1', 'v1'));
    box.add(write('case2', 'other'));
    const flushed = box.flush();
    const first = await s.nth(1);
    box.add(write('case1', 'v2'));
    first.answer({ kind: 'refused', error: REFUSAL });
    expect(box.items().filter((i) => i.refused)).toEqual([]);

    const next = await s.nth(2);
    expect(summaryOf(next.item)).toBe('other');
    next.answer({ kind: 'ok' });
    const last = await s.nth(3);
    expect(summaryOf(last.item)).toBe('v2');
    last.answer({ kind: 'ok' });
    await expect(flushed).resolves.toEqual({ sent: 2, refused: 1, faults: 0, held: 0, offline: false });
    expect(box.items()).toEqual([]);
  });

  test('a tick and its untick reach the back end in the order they were made, never side by side', async () => {
    const s = scriptedSender();
    const box = memoryOutbox(s.send);
    box.add({ ...write('t1:p1', 'tick'), action: 'attend' });
    const flushed = box.flush();
    const tick = await s.nth(1);
    const untick = box.submit({ ...write('t1:p1', 'untick'), action: 'attend' });
    await new Promise((r) => setTimeout(r, 10));
    // Not asked while the tick is still on its way.
    expect(s.asked).toHaveLength(1);
    tick.answer({ kind: 'ok' });
    (await s.nth(2)).answer({ kind: 'ok' });
    await untick;
    await flushed;
    expect(s.asked.map((a) => summaryOf(a.item))).toEqual(['tick', 'untick']);
  });
});

describe('a refused write', () => {
  /** case1 v1 in the outbox, refused when a flush sent it. */
  async function refusedInAFlush() {
    const s = scriptedSender();
    const box = memoryOutbox(s.send);
    box.add(write('case1', 'v1'));
    const flushed = box.flush();
    (await s.nth(1)).answer({ kind: 'refused', error: REFUSAL });
    await flushed;
    return { s, box };
  }

  test('sent by a form and refused, it is taken back out (the form shows why); offline, it stays', async () => {
    const s = scriptedSender();
    const box = memoryOutbox(s.send);
    const refused = box.submit(write('case1', 'v1'));
    (await s.nth(1)).answer({ kind: 'refused', error: REFUSAL });
    await expect(refused).resolves.toEqual({ kind: 'refused', error: REFUSAL });
    expect(box.items()).toEqual([]);

    const offline = box.submit(write('case2', 'v1'));
    (await s.nth(2)).answer({ kind: 'offline' });
    await offline;
    expect(box.items().map((i) => i.id)).toEqual(['case2']);
  });

  test('refused in a flush, it stays marked; a fix that is refused too leaves it there, a fix accepted replaces it', async () => {
    const { s, box } = await refusedInAFlush();
    expect(box.items().map((i) => [summaryOf(i), i.refused?.message])).toEqual([['v1', REFUSAL.message]]);
    expect(box.pending()).toBe(0);

    const fixRefused = box.submit(write('case1', 'v2'));
    (await s.nth(2)).answer({ kind: 'refused', error: REFUSAL });
    await fixRefused;
    expect(box.items().map(summaryOf)).toEqual(['v1']);

    const fixQueued = box.submit(write('case1', 'v3'));
    (await s.nth(3)).answer({ kind: 'offline' });
    await fixQueued;
    expect(box.items().map((i) => [summaryOf(i), !!i.refused])).toEqual([['v3', false]]);
  });

  test('discarding it removes that write only, not a newer write of the same record', async () => {
    const { s, box } = await refusedInAFlush();
    const [old] = box.items();
    const fix = box.submit(write('case1', 'v2'));
    (await s.nth(2)).answer({ kind: 'offline' });
    await fix;
    box.discard(old);
    expect(box.items().map(summaryOf)).toEqual(['v2']);
  });
});

test('a write queued by an app without writeIds is still settled by its answer', async () => {
  const s = scriptedSender();
  const legacy = { ...write('case1', 'v1') } as QueuedWrite;
  const box = memoryOutbox(s.send, [legacy]);
  const flushed = box.flush();
  (await s.nth(1)).answer({ kind: 'ok' });
  await expect(flushed).resolves.toEqual({ sent: 1, refused: 0, faults: 0, held: 0, offline: false });
  expect(box.items()).toEqual([]);
});

test('writes of one record get distinct writeIds', () => {
  const box = memoryOutbox(async () => ({ kind: 'offline' }));
  const a = box.add(write('case1', 'v1'));
  const b = box.add(write('case1', 'v2'));
  expect(a.writeId).not.toBe(b.writeId);
});

test('another account’s write is held for its writer: not refused, not sent as anyone else, the next goes, and it goes once they are back', async () => {
  const s = scriptedSender();
  const box = memoryOutbox(s.send);
  box.add({ ...write('theirs', '别人的案件'), asUser: 'demo-mediator' });
  box.add({ ...write('mine', '我的案件'), asUser: 'demo-court' });
  const flushed = box.flush();
  (await s.nth(1)).answer({ kind: 'held' });
  (await s.nth(2)).answer({ kind: 'ok' });
  await expect(flushed).resolves.toEqual({ sent: 1, refused: 0, faults: 0, held: 1, offline: false });
  expect(box.items().map(summaryOf)).toEqual(['别人的案件']);
  expect(box.items()[0].refused).toBeUndefined();
  expect([box.pending(), box.held()]).toEqual([1, 1]);

  // Its writer signs in again: the next flush sends it.
  const again = box.flush();
  (await s.nth(3)).answer({ kind: 'ok' });
  await expect(again).resolves.toEqual({ sent: 1, refused: 0, faults: 0, held: 0, offline: false });
  expect([box.pending(), box.held()]).toEqual([0, 0]);
});

describe('on phone storage, which parses the whole queue on every read', () => {
  /** Storage as Taro's: the queue kept as JSON; reads and writes counted. `external` writes as another tab would. */
  function phoneStorage() {
    let json = '[]';
    const watchers: (() => void)[] = [];
    return {
      reads: 0,
      writes: 0,
      read(): QueuedWrite[] {
        this.reads++;
        return JSON.parse(json) as QueuedWrite[];
      },
      write(items: QueuedWrite[]) {
        this.writes++;
        json = JSON.stringify(items);
      },
      watch(changed: () => void) {
        watchers.push(changed);
      },
      external(change: (items: QueuedWrite[]) => QueuedWrite[]) {
        json = JSON.stringify(change(JSON.parse(json) as QueuedWrite[]));
        watchers.forEach((w) => w());
      },
    };
  }
  const queueCases = (box: ReturnType<typeof createOutbox>, n: number) => {
    for (let k = 1; k <= n; k++) box.add(write(`case${k}`, `v${k}`));
  };

  test('a flush reads the queue once and writes it once per accepted send', async () => {
    const storage = phoneStorage();
    const box = createOutbox(storage, async () => ({ kind: 'ok' }));
    queueCases(box, 50);
    const [reads, writes] = [storage.reads, storage.writes];
    await expect(box.flush()).resolves.toEqual({ sent: 50, refused: 0, faults: 0, held: 0, offline: false });
    expect([storage.reads - reads, storage.writes - writes]).toEqual([1, 50]);
    expect(box.items()).toEqual([]);
  });

  test.each([1, 17, 50])('the app killed with send %i on its way: after a restart nothing is lost and nothing already answered goes again', async (killedAt) => {
    const storage = phoneStorage();
    /** What the server stored, by case: sends of one case store it once (saves are idempotent by id). */
    const server = new Map<string, number>();
    const receive = (item: QueuedWrite) => server.set(item.id, (server.get(item.id) ?? 0) + 1);
    const before = createOutbox(storage, async (item) => {
      receive(item);
      // Stored, but the app dies before the answer arrives: this send never settles.
      return server.size === killedAt ? new Promise<SendResult>(() => undefined) : { kind: 'ok' };
    });
    queueCases(before, 50);
    void before.flush();
    while (server.size < killedAt) await new Promise((r) => setTimeout(r, 0));

    // Restarted: a new outbox over what the phone kept.
    const after = createOutbox(storage, async (item) => (receive(item), { kind: 'ok' }));
    expect(after.pending()).toBe(50 - killedAt + 1);
    await after.flush();
    expect(after.items()).toEqual([]);
    expect([...server.keys()].sort()).toEqual(Array.from({ length: 50 }, (_, k) => `case${k + 1}`).sort());
    // Only the send that was on its way goes twice; every answered one went once.
    expect([...server].filter(([, sends]) => sends > 1)).toEqual([[`case${killedAt}`, 2]]);
  });

  test('a write another tab queues while a flush runs is kept and sent', async () => {
    const storage = phoneStorage();
    const s = scriptedSender();
    const box = createOutbox(storage, s.send);
    queueCases(box, 2);
    const flushed = box.flush();
    const first = await s.nth(1);
    storage.external((items) => [...items, { ...write('other-tab', 'x'), writeId: 'w-other' }]);
    first.answer({ kind: 'ok' });
    (await s.nth(2)).answer({ kind: 'ok' });
    const third = await s.nth(3);
    expect(third.item.id).toBe('other-tab');
    third.answer({ kind: 'ok' });
    await expect(flushed).resolves.toMatchObject({ sent: 3 });
    expect(box.items()).toEqual([]);
  });
});
