/** The next new case starts with the unit, channel and type of the one just logged: online, and offline too. */
import type { DisputeInput } from '../../types/dispute';
import type { Me } from '../../types/org';
import { blankForm } from '../../src/services/dispute-form';
import { forgetMe, saveDispute, whoami } from '../../src/services/ledger';
import { outbox } from '../../src/services/sync';
import { fakeBackend } from './support/backend';
import { clearStorage } from './support/taro';

const VILLAGE = { _id: 'xhy-qj', name: '前进村', kind: '村社区', parentId: 'xhy', path: ['sfq', 'xhy', 'xhy-qj'] } as const;
const ME: Me = {
  user: { name: '李调解', roles: [{ role: 'mediator', unitId: 'xhy-qj' }] },
  units: [{ ...VILLAGE, path: [...VILLAGE.path] }],
  disputeTypes: ['婚姻家庭', '邻里', '合同'],
  defaults: { unitId: 'xhy-qj', channel: '民调', type: '邻里' },
};

const aCase = (id: string, type: string, channel: DisputeInput['channel']): DisputeInput => ({
  id,
  unitId: 'xhy-qj',
  acceptedDate: '2024-03-07',
  resolvedDate: '2024-03-07',
  type,
  channel,
  outcome: '调解成功',
  amountFen: 0,
  parties: 2,
  banners: 0,
  summary: '',
});

beforeEach(() => {
  clearStorage();
  forgetMe();
});

test('offline, a case saved waits in the outbox and its type and channel are the next form\'s defaults', async () => {
  const backend = fakeBackend((fn) => (fn === 'me' ? { ok: true, data: ME } : { ok: true, data: {} }));
  // An earlier session kept `me` on the phone.
  await whoami();
  forgetMe();

  // Today there is no signal from the start.
  backend.offline();
  expect((await whoami()).defaults).toEqual(ME.defaults);
  await expect(saveDispute(aCase('case-offline-1', '合同', '诉调'))).resolves.toEqual({ outcome: 'queued' });
  expect(outbox.pending()).toBe(1);

  const next = blankForm(await whoami());
  expect({ type: next.type, channel: next.channel, unitId: next.unitId }).toEqual({ type: '合同', channel: '诉调', unitId: 'xhy-qj' });
  // Still so after the app is closed and opened again without a network.
  forgetMe();
  expect((await whoami()).defaults).toEqual({ unitId: 'xhy-qj', channel: '诉调', type: '合同' });
});

test('online, the cached answer learns the defaults without asking the back end again', async () => {
  const backend = fakeBackend((fn) => (fn === 'me' ? { ok: true, data: ME } : { ok: true, data: {} }));
  await whoami();
  await expect(saveDispute(aCase('case-online-1', '婚姻家庭', '警调'))).resolves.toMatchObject({ outcome: 'sent' });
  expect((await whoami()).defaults).toEqual({ unitId: 'xhy-qj', channel: '警调', type: '婚姻家庭' });
  expect(backend.calls.filter((c) => c.fn === 'me')).toHaveLength(1);
});

test('an edit (baseVersion) changes no defaults', async () => {
  fakeBackend((fn) => (fn === 'me' ? { ok: true, data: ME } : { ok: true, data: {} }));
  await whoami();
  await saveDispute({ ...aCase('case-edit-1', '合同', '裁调'), baseVersion: 2 });
  expect((await whoami()).defaults).toEqual(ME.defaults);
});
