/**
 * A walk-in (现场补录) saved with no signal, that the back end answers with a likely roster entry
 * when the outbox sends it later: nobody is there to answer 是同一人吗?, so it must stay in the
 * outbox, asking, not be dropped as sent (it was neither added nor ticked: a lost walk-in).
 */
import { walkIn } from '../../src/services/training';
import { outbox } from '../../src/services/sync';
import { fakeBackend } from './support/backend';
import { clearStorage } from './support/taro';

const PERSON = { id: 'walkin-0001', unitId: 'xhy-qj', name: '刘明白', phone: '13800138001', isLawPerson: true };
const MATCH = { _id: 'p1', name: '刘明白', phone: '138****8001', isLawPerson: true, unitId: 'xhy-qj', unitName: '前进村' };

beforeEach(() => clearStorage());

test('queued offline, answered with a likely entry when sent: kept in the outbox with the question, not dropped', async () => {
  const backend = fakeBackend((_fn, action) =>
    action === 'walkIn' ? { ok: true, data: { kind: 'match', match: MATCH } } : { ok: true, data: [] },
  );
  backend.offline();
  await expect(walkIn('t1', PERSON)).resolves.toMatchObject({ outcome: 'queued' });
  backend.online();
  await outbox.flush();
  const [kept] = outbox.items();
  expect(kept).toMatchObject({ action: 'walkIn', refused: { message: '名册中已有:刘明白 138****8001(前进村),是同一人吗?请在培训签到页重新补录' } });
  expect(outbox.pending()).toBe(0);
});

test('sent at once, the question comes back to the form, and nothing is left in the outbox', async () => {
  fakeBackend((_fn, action) => (action === 'walkIn' ? { ok: true, data: { kind: 'match', match: MATCH } } : { ok: true, data: [] }));
  await expect(walkIn('t1', PERSON)).resolves.toMatchObject({ outcome: 'sent', data: { kind: 'match' } });
  expect(outbox.items()).toEqual([]);
});
