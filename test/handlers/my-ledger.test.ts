/** 我的台账 (dispute.list) and the new-case form's defaults (me.whoami). */
import { C } from '../../cloudfunctions/core/platform/port';
import type { Dispute } from '../../types/dispute';
import type { DisputeList } from '../../types/ledger';
import type { Role, User } from '../../types/org';
import { caseInput, demoWorld, expectOk, type World } from '../support/world';

const MEDIATOR = 'demo-mediator';

let w: World;
afterEach(() => w.store.close());

test('cases saved in the same instant (as an import saves them) page without gaps or repeats, newest id first', async () => {
  w = await demoWorld(0, () => new Date('2025-04-01T02:00:00Z'));
  const ids = ['case-m-0003', 'case-m-0001', 'case-m-0005', 'case-m-0002', 'case-m-0004'];
  for (const id of ids) expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ id })));
  const seen: string[] = [];
  for (let skip = 0; skip < ids.length; skip += 2) {
    const page = expectOk(await w.call<DisputeList>(MEDIATOR, 'dispute', 'list', { skip, limit: 2 }));
    expect(page.total).toBe(ids.length);
    seen.push(...page.items.map((d) => d._id));
  }
  expect(seen).toEqual([...ids].sort().reverse());
});

test('cases saved in the same instant list by 受理日期, newest first, not by their random ids', async () => {
  w = await demoWorld(0, () => new Date('2025-04-01T02:00:00Z'));
  const cases = [
    { id: 'case-d-0001', acceptedDate: '2025-01-15', resolvedDate: '2025-01-20' },
    { id: 'case-d-0002', acceptedDate: '2025-03-02', resolvedDate: '2025-03-05' },
    { id: 'case-d-0003', acceptedDate: '2025-02-10', resolvedDate: '2025-02-11' },
  ];
  for (const c of cases) expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput(c)));
  const list = expectOk(await w.call<DisputeList>(MEDIATOR, 'dispute', 'list', {}));
  expect(list.items.map((d) => d.acceptedDate)).toEqual(['2025-03-02', '2025-02-10', '2025-01-15']);
});

describe('the new-case form’s defaults follow the newest case of 我的台账', () => {
  let clock = Date.parse('2025-04-01T02:00:00Z');
  beforeEach(async () => {
    w = await demoWorld(0, () => new Date((clock += 1000)));
  });

  const whoami = async () => expectOk(await w.call<{ defaults: { unitId?: string; channel?: string; type?: string } }>(MEDIATOR, 'me', 'whoami'));
  const grant = async (roles: { role: Role; unitId: string }[]) =>
    w.store.set(C.users, { ...(await w.store.get<User>(C.users, MEDIATOR))!, roles });
  const save = async (overrides: Partial<Dispute>) => expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput(overrides)));

  test('a mediator moved to another unit starts at the new unit, where saving is allowed', async () => {
    await save({ unitId: 'xhy-qj', channel: '警调', type: '合同' });
    await grant([{ role: 'mediator', unitId: 'jy-hx' }]);
    const { defaults } = await whoami();
    expect(defaults.unitId).toBe('jy-hx');
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ unitId: defaults.unitId })));
  });

  test('a deleted case is no default: the newest one left is', async () => {
    await grant([{ role: 'mediator', unitId: 'xhy-qj' }, { role: 'mediator', unitId: 'xhy-sl' }]);
    await save({ unitId: 'xhy-qj', channel: '警调', type: '合同' });
    const newest = await save({ unitId: 'xhy-sl', channel: '访调', type: '物业' });
    expect((await whoami()).defaults).toEqual({ unitId: 'xhy-sl', channel: '访调', type: '物业' });
    expectOk(await w.call(MEDIATOR, 'dispute', 'remove', { id: newest._id, baseVersion: 1 }));
    expect((await whoami()).defaults).toEqual({ unitId: 'xhy-qj', channel: '警调', type: '合同' });
  });
});
