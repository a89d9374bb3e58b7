/**
 * Reading offline (issue 16): what a user last read in the field is shown with no signal, marked
 * with when it was fetched; a refusal or a fault is never hidden behind it; another user on the
 * same browser never sees it, and signing out removes it.
 */
import type { Dispute } from '../../types/dispute';
import type { DisputeList } from '../../types/ledger';
import { BackendError, call, ServerFaultError } from '../../src/services/backend';
import { signInAs } from '../../src/services/demo-session';
import { getDispute, listMyDisputes } from '../../src/services/ledger';
import { forgetKeptReads, offlineSince } from '../../src/services/read-cache';
import { fakeBackend } from './support/backend';
import { clearStorage } from './support/taro';

const listed = (id: string, summary: string) => ({ _id: id, id, summary, partyNames: '张**' }) as unknown as Dispute;
let answers: Record<string, unknown>;
let backend: ReturnType<typeof fakeBackend>;

beforeEach(() => {
  clearStorage();
  signInAs('demo-mediator');
  answers = {
    'dispute.list': { items: [listed('c1', '宅基地'), listed('c2', '排水沟')], total: 2, more: false },
    'training.get': { training: { _id: 't1', topic: '民法典' }, canEdit: true },
  };
  backend = fakeBackend((fn, action) => {
    const data = answers[`${fn}.${action}`];
    return data === undefined ? { ok: false, error: { code: 'NOT_FOUND', message: '案件不存在' } } : { ok: true, data };
  });
});

test('with no signal, the last answer is shown, marked with when it came; online again, the fresh one, unmarked', async () => {
  const fresh = await listMyDisputes({}, 50);
  expect(offlineSince(fresh)).toBeUndefined();
  backend.offline();
  const kept = await listMyDisputes({}, 50);
  expect(kept.items.map((d) => d.summary)).toEqual(['宅基地', '排水沟']);
  expect(offlineSince(kept)).toMatch(/^\d{4}-\d\d-\d\dT/);
  // A filter never fetched online has nothing to show: the page says there is no network.
  await expect(listMyDisputes({ month: '2024-03' }, 50)).rejects.toThrow('网络不可用');
  backend.online();
  expect(offlineSince(await listMyDisputes({}, 50))).toBeUndefined();
});

test('a case 我的台账 listed but never opened opens offline from the list, read-only, its parties masked', async () => {
  await listMyDisputes({}, 50);
  backend.offline();
  const view = await getDispute('c2');
  expect(view).toMatchObject({ record: { summary: '排水沟', partyNames: '张**' }, canEdit: false, canSeePrivate: false, canSeeHistory: false });
  expect(offlineSince(view)).toBeDefined();
  await expect(getDispute('c9')).rejects.toThrow('网络不可用');
});

test('a refusal or a server fault is shown as such, never an old answer', async () => {
  await call('training', 'get', { id: 't1' });
  delete answers['training.get'];
  await expect(call('training', 'get', { id: 't1' })).rejects.toBeInstanceOf(BackendError);
  backend.fault(502);
  await expect(call('training', 'get', { id: 't1' })).rejects.toBeInstanceOf(ServerFaultError);
});

test('what one user read is not shown to another on the same browser, and signing out removes it', async () => {
  // The browser build, where users share a browser (weapp: the phone's one WeChat user).
  const env = process.env.TARO_ENV;
  process.env.TARO_ENV = 'h5';
  try {
    await readsArePerUser();
  } finally {
    process.env.TARO_ENV = env;
  }
});

async function readsArePerUser() {
  await call('training', 'get', { id: 't1' });
  backend.offline();
  signInAs('demo-trainer');
  await expect(call('training', 'get', { id: 't1' })).rejects.toThrow('网络不可用');
  signInAs('demo-mediator');
  expect(offlineSince(await call('training', 'get', { id: 't1' }))).toBeDefined();
  forgetKeptReads();
  await expect(call('training', 'get', { id: 't1' })).rejects.toThrow('网络不可用');
}

test('writes are never answered from the phone', async () => {
  answers['dispute.save'] = { _id: 'c3' };
  await call('dispute', 'save', { id: 'c3' });
  backend.offline();
  await expect(call('dispute', 'save', { id: 'c3' })).rejects.toThrow('网络不可用');
});

test('only the newest 300 answers are kept', async () => {
  answers['dispute.get'] = { record: listed('x', 'x'), canEdit: true };
  for (let i = 0; i < 301; i++) await call('dispute', 'get', { id: `c${i}` });
  backend.offline();
  await expect(call('dispute', 'get', { id: 'c0' })).rejects.toThrow('网络不可用');
  expect(offlineSince(await call('dispute', 'get', { id: 'c1' }))).toBeDefined();
  expect(offlineSince(await call<DisputeList>('dispute', 'get', { id: 'c300' }))).toBeDefined();
});
