/**
 * A case the back end refused when the outbox sent it: reopened in 登记纠纷 as it was
 * submitted, it stays in the outbox until the fix is accepted (or queued), or is given up.
 */
import type { DisputeInput } from '../../types/dispute';
import { checkDisputeForm, formFromInput } from '../../src/services/dispute-form';
import { forgetMe, saveDispute } from '../../src/services/ledger';
import { discardAfterAsking, outbox, refusedWrite } from '../../src/services/sync';
import { fakeBackend } from './support/backend';
import { clearStorage } from './support/taro';

const CASE: DisputeInput = {
  id: 'case-refused-1',
  unitId: 'xhy-qj',
  acceptedDate: '2024-03-07',
  resolvedDate: '2024-03-08',
  type: '消费纠纷',
  channel: '民调',
  outcome: '调解成功',
  agreementForm: '书面',
  amountFen: 1234567,
  parties: 3,
  banners: 1,
  summary: '网购退货',
  partyNames: '张三',
  confirmLargeAmount: false,
};
const DROPPED = { code: 'INVALID', message: '纠纷类型不在本区列表中' };

/** The back end: refuses the type the district dropped, stores anything else. */
function district() {
  return fakeBackend((_fn, action, payload) =>
    action === 'save' && (payload as DisputeInput).type === '消费纠纷' ? { ok: false, error: DROPPED } : { ok: true, data: payload },
  );
}

/** The case logged with no signal, refused once the outbox sends it. */
async function refusedInTheOutbox() {
  const backend = district();
  backend.offline();
  await expect(saveDispute(CASE)).resolves.toEqual({ outcome: 'queued' });
  backend.online();
  await expect(outbox.flush()).resolves.toMatchObject({ refused: 1 });
  return backend;
}

beforeEach(() => {
  clearStorage();
  forgetMe();
});

test('it opens in the form exactly as it was submitted', async () => {
  await refusedInTheOutbox();
  const w = refusedWrite('dispute', CASE.id)!;
  expect(w.refused).toEqual(DROPPED);
  const form = formFromInput(w.payload as DisputeInput);
  expect(form).toMatchObject({ id: CASE.id, type: '消费纠纷', amountYuan: '12345.67', parties: '3', partyNames: '张三', summary: '网购退货' });
  const checked = checkDisputeForm(form);
  expect(checked.ok && checked.input).toEqual({ ...CASE, confirmLargeAmount: undefined });
});

test('a fix refused too leaves it in the outbox; a fix accepted takes it out', async () => {
  const backend = await refusedInTheOutbox();
  const form = formFromInput(refusedWrite('dispute', CASE.id)!.payload as DisputeInput);

  const unchanged = checkDisputeForm(form);
  await expect(saveDispute(unchanged.ok ? unchanged.input : CASE)).rejects.toThrow('纠纷类型不在本区列表中');
  expect(refusedWrite('dispute', CASE.id)).toBeDefined();

  const fixed = checkDisputeForm({ ...form, type: '邻里' });
  if (!fixed.ok) throw new Error('the fixed form should pass');
  await expect(saveDispute(fixed.input)).resolves.toMatchObject({ outcome: 'sent' });
  expect(refusedWrite('dispute', CASE.id)).toBeUndefined();
  expect(outbox.items()).toEqual([]);
  expect(backend.calls.filter((c) => c.action === 'save').map((c) => (c.payload as DisputeInput).type)).toEqual(['消费纠纷', '消费纠纷', '邻里']);
});

test('a fix saved with no signal replaces it in the outbox, to be sent later', async () => {
  const backend = await refusedInTheOutbox();
  const fixed = checkDisputeForm({ ...formFromInput(refusedWrite('dispute', CASE.id)!.payload as DisputeInput), type: '邻里' });
  backend.offline();
  await expect(saveDispute(fixed.ok ? fixed.input : CASE)).resolves.toEqual({ outcome: 'queued' });
  expect(outbox.items().map((i) => [(i.payload as DisputeInput).type, !!i.refused])).toEqual([['邻里', false]]);
});

test('given up (放弃, confirmed), it leaves the outbox and is never sent', async () => {
  const backend = await refusedInTheOutbox();
  await expect(discardAfterAsking(refusedWrite('dispute', CASE.id)!)).resolves.toBe(true);
  expect(outbox.items()).toEqual([]);
  await outbox.flush();
  expect(backend.calls.filter((c) => c.action === 'save')).toHaveLength(1);
});
