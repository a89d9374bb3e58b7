/** 我的台账 (dispute.list) and the new-case form's defaults (me.whoami). */
import { recount } from '../../cloudfunctions/core/app/recount';
import { C } from '../../cloudfunctions/core/platform/port';
import { addDays } from '../../types/dates';
import type { Dispute, DisputeInput } from '../../types/dispute';
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

describe('共 N 件 is the mediator’s tally, not a count of their cases', () => {
  let clock = Date.parse('2025-04-01T02:00:00Z');
  beforeEach(async () => {
    w = await demoWorld(0, () => new Date((clock += 1000)));
    await w.store.set(C.users, {
      ...(await w.store.get<User>(C.users, MEDIATOR))!,
      roles: [{ role: 'mediator', unitId: 'xhy-qj' }, { role: 'mediator', unitId: 'xhy-sl' }],
    });
  });
  const save = async (overrides: Partial<DisputeInput>) => expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput(overrides)));
  const list = async (q: Record<string, unknown> = {}) => expectOk(await w.call<DisputeList>(MEDIATOR, 'dispute', 'list', q));
  const FILTERS = [{}, { month: '2025-03' }, { month: '2024-11' }, { outcome: '在办' }, { outcome: '调解成功', type: '合同' }, { type: '邻里', month: '2025-03' }];

  /** Every filter's total equals the cases it lists (all of them: the pages hold up to 100). */
  async function expectTotalsMatchLists(): Promise<number[]> {
    const totals: number[] = [];
    for (const q of FILTERS) {
      const page = await list({ ...q, limit: 100 });
      expect({ q, total: page.total, more: page.more }).toEqual({ q, total: page.items.length, more: false });
      totals.push(page.total!);
    }
    return totals;
  }

  test('it follows saves, edits, deletes and imports, leaves out a unit no longer reached, and is what a recount gives', async () => {
    await save({ type: '合同' });
    await save({ type: '合同', outcome: '在办', resolvedDate: undefined, unitId: 'xhy-sl' });
    await save({ acceptedDate: '2024-11-05', resolvedDate: '2024-11-20' });
    const edited = await save({ acceptedDate: '2024-11-06', resolvedDate: undefined, outcome: '在办' });
    const gone = await save({});
    expect(await expectTotalsMatchLists()).toEqual([5, 3, 2, 2, 1, 1]);

    // Closed, moved to another month and type; another deleted.
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ id: edited.id, acceptedDate: '2025-03-20', resolvedDate: '2025-03-25', type: '合同', baseVersion: edited.version })));
    expectOk(await w.call(MEDIATOR, 'dispute', 'remove', { id: gone.id, baseVersion: gone.version }));
    expect(await expectTotalsMatchLists()).toEqual([4, 3, 1, 1, 2, 0]);

    // 石楼村 is no longer theirs: its case leaves every count with the list.
    await w.store.set(C.users, { ...(await w.store.get<User>(C.users, MEDIATOR))!, roles: [{ role: 'mediator', unitId: 'xhy-qj' }] });
    expect(await expectTotalsMatchLists()).toEqual([3, 2, 1, 0, 2, 0]);

    expect((await recount(w.store, false)).differences).toEqual([]);
  });

  test('counting reads no case: the count of a mediator with many cases costs their tally’s few documents', async () => {
    for (let i = 0; i < 30; i++) await save({ acceptedDate: addDays('2024-01-03', i * 20), resolvedDate: undefined, outcome: '在办' });
    const reads: string[] = [];
    const { find, count } = w.store;
    w.store.find = ((coll: string, ...rest: unknown[]) => (reads.push(coll), (find as (...a: unknown[]) => unknown).call(w.store, coll, ...rest))) as typeof find;
    w.store.count = ((coll: string, ...rest: unknown[]) => (reads.push(`count ${coll}`), (count as (...a: unknown[]) => unknown).call(w.store, coll, ...rest))) as typeof count;
    try {
      const page = await list({ limit: 10 });
      expect({ total: page.total, shown: page.items.length, more: page.more }).toEqual({ total: 30, shown: 10, more: true });
    } finally {
      Object.assign(w.store, { find, count });
    }
    // One find of the page's cases; the rest are the tally (its years) and the units it names.
    expect(reads.filter((r) => r.includes(C.disputes))).toEqual([C.disputes]);
  });

  test('a search is not counted: it says whether more cases match than the page holds', async () => {
    for (let i = 0; i < 3; i++) await save({ summary: `排水沟纠纷第${i}起` });
    await save({ summary: '合同纠纷' });
    const first = await list({ q: '排水沟', limit: 2 });
    expect({ shown: first.items.length, more: first.more, total: first.total }).toEqual({ shown: 2, more: true, total: undefined });
    const last = await list({ q: '排水沟', skip: 2, limit: 2 });
    expect({ shown: last.items.length, more: last.more, total: last.total }).toEqual({ shown: 1, more: false, total: undefined });
  });
});
