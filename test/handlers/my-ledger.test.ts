/** 我的台账 (dispute.list) and the new-case form's defaults (me.whoami). */
import type { DisputeList } from '../../types/ledger';
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
