/**
 * A photo attached on the case page (or a session's page) waits on the phone like any write (photo-queue.ts): with no
 * network it is kept and listed as 待上传, nothing uploaded; when the outbox sends it, it is
 * uploaded once (a resend after a lost answer reuses the upload) and recorded once, then leaves
 * the phone; a refused one shows why until discarded, and then leaves the phone too.
 */
import { keptPhoto, forgetUnqueuedPhotos } from '../../src/services/photo-queue';
import { attachPhotos, waitingPhotos } from '../../src/services/photos';
import { outbox } from '../../src/services/sync';
import { clearStorage } from './support/taro';

const PHOTO = { path: 'data:image/jpeg;base64,/9j/4AAQ', name: '协议书.jpg' };
const CASE = { of: 'case' as const, _id: 'case-photo-0001' };
const SESSION = { of: 'session' as const, _id: 'session-photo-01' };

/** The gateway as the phone reaches it: /files/upload keeps bytes, /fn/dispute records attaches by id. */
function gateway() {
  const state = { network: true, loseAnswers: false, refuse: undefined as string | undefined, uploads: 0 };
  const recorded = new Map<string, { fileId: string; fn: string }>();
  const json = (body: unknown) => ({ ok: true, status: 200, headers: { get: () => 'application/json' }, json: async () => body });
  globalThis.fetch = (async (url: string, init?: { body?: string }) => {
    if (url.startsWith('data:')) return { blob: async () => new Blob([Buffer.from(url.split(',')[1], 'base64')]) };
    if (!state.network) throw new TypeError('Failed to fetch');
    if (url.startsWith('/files/upload')) {
      state.uploads++;
      return json({ ok: true, data: { fileId: `local://uploads/2025-03-09/${state.uploads}-photo.jpg` } });
    }
    const { action, payload } = JSON.parse(init?.body ?? '{}') as { action: string; payload: { id: string; fileId: string } };
    const fn = url.split('/').pop()!;
    if (action !== 'attach') return json({ ok: true, data: null });
    if (state.refuse) return json({ ok: false, error: { code: 'INVALID', message: state.refuse } });
    if (!recorded.has(payload.id)) recorded.set(payload.id, { ...payload, fn });
    if (state.loseAnswers) throw new TypeError('Failed to fetch');
    return json({ ok: true, data: recorded.get(payload.id) });
  }) as unknown as typeof fetch;
  return { state, recorded };
}

beforeEach(() => clearStorage());

test('offline: kept on the phone and listed as 待上传, nothing uploaded; back online it is uploaded and recorded once, then leaves the phone', async () => {
  const g = gateway();
  g.state.network = false;
  expect(await attachPhotos(CASE, '协议书', [PHOTO])).toEqual({ sent: 0, queued: 1 });
  const [waiting] = waitingPhotos(outbox.items(), CASE);
  expect(waiting).toMatchObject({ kind: '协议书', name: '协议书.jpg', src: PHOTO.path });
  expect(waiting.refused).toBeUndefined();
  expect(waitingPhotos(outbox.items(), { of: 'case', _id: 'another-case-01' })).toEqual([]);
  expect(g.state.uploads).toBe(0);

  g.state.network = true;
  await outbox.flush();
  expect(g.state.uploads).toBe(1);
  expect([...g.recorded.values()]).toEqual([expect.objectContaining({ id: waiting.id, fileId: 'local://uploads/2025-03-09/1-photo.jpg', disputeId: CASE._id })]);
  expect(waitingPhotos(outbox.items(), CASE)).toEqual([]);
  expect(keptPhoto(waiting.id)).toBeUndefined();
});

test('the answer is lost after the upload: the resend reuses the upload, and the photo is recorded once', async () => {
  const g = gateway();
  g.state.loseAnswers = true;
  expect(await attachPhotos(CASE, '现场照片', [PHOTO])).toEqual({ sent: 0, queued: 1 });
  expect(g.state.uploads).toBe(1);
  expect(g.recorded.size).toBe(1);
  g.state.loseAnswers = false;
  await outbox.flush();
  expect(g.state.uploads).toBe(1);
  expect(g.recorded.size).toBe(1);
  expect(outbox.pending()).toBe(0);
});

test('a refused photo shows why until discarded; then it leaves the phone', async () => {
  const g = gateway();
  g.state.network = false;
  await attachPhotos(CASE, '其他', [PHOTO]);
  g.state.network = true;
  g.state.refuse = '每起案件最多9张照片';
  await outbox.flush();
  const [refused] = waitingPhotos(outbox.items(), CASE);
  expect(refused.refused).toBe('每起案件最多9张照片');
  outbox.discard(refused.write);
  forgetUnqueuedPhotos(outbox.items());
  expect(keptPhoto(refused.id)).toBeUndefined();
  expect(waitingPhotos(outbox.items(), CASE)).toEqual([]);
});

test('a session’s photo waits the same way and goes to training.attach with the session named; it is never listed as a case’s', async () => {
  const g = gateway();
  g.state.network = false;
  expect(await attachPhotos(SESSION, '现场照片', [PHOTO])).toEqual({ sent: 0, queued: 1 });
  const [waiting] = waitingPhotos(outbox.items(), SESSION);
  expect(waiting).toMatchObject({ kind: '现场照片', src: PHOTO.path });
  expect(waitingPhotos(outbox.items(), { of: 'case', _id: SESSION._id })).toEqual([]);

  g.state.network = true;
  await outbox.flush();
  expect(g.state.uploads).toBe(1);
  expect([...g.recorded.values()]).toEqual([expect.objectContaining({ fn: 'training', id: waiting.id, trainingId: SESSION._id, fileId: 'local://uploads/2025-03-09/1-photo.jpg' })]);
  expect(waitingPhotos(outbox.items(), SESSION)).toEqual([]);
  expect(keptPhoto(waiting.id)).toBeUndefined();
});
