/**
 * The home page's counts cost what their answers cost: each of dispute.due's counts walks an
 * index on the mediator (or, for a subtree, on the due field) and the due field, never every case.
 */
import { dueFilter, myCasesBase } from '../../cloudfunctions/core/app/queries/disputes';
import { EMBEDDED_INDEXES, EMBEDDED_MULTIKEY, EmbeddedStore } from '../../cloudfunctions/core/platform/adapters/embedded';
import { addDays } from '../../types/dates';
import { DUE_KINDS } from '../../types/followup';
import type { User } from '../../types/org';

const mediator: User = { _id: 'm1', name: '李调解', roles: [{ role: 'mediator', unitId: 'v1' }] };
const today = '2024-06-30';

let store: EmbeddedStore;
/** A district's worth of cases (20 mediators, half a year of them, most 回访 done), its statistics brought up to date as the store does after many writes. */
beforeAll(async () => {
  store = new EmbeddedStore(':memory:', EMBEDDED_INDEXES, EMBEDDED_MULTIKEY);
  const outcomes = ['调解成功', '调解成功', '调解成功', '调解不成', '终止', '在办'] as const;
  for (let i = 0; i < 3000; i++) {
    const outcome = outcomes[i % outcomes.length];
    const resolvedDate = outcome === '在办' ? undefined : addDays('2024-01-01', i % 180);
    const d = {
      _id: `c${i}`, mediatorId: `m${i % 20}`, unitPath: ['sfq', `t${i % 4}`, `v${i % 20}`], unitId: `v${i % 20}`, deleted: false,
      outcome, agreementForm: '书面', acceptedDate: addDays('2024-01-01', i % 170), createdAt: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
      ...(resolvedDate ? { resolvedDate } : {}),
      // Most closed cases have had their 回访: a few are still due.
      ...(outcome === '调解成功' && i % 30 === 0 ? { followUpDue: addDays(resolvedDate!, 30) } : {}),
    };
    await store.set('disputes', d);
  }
  store.optimize();
});
afterAll(() => store.close());

const INDEX_OF = {
  mine: { open: 'mediatorId_outcome_resolvedDate', followUp: 'mediatorId_followUpDue', confirmation: 'mediatorId_outcome_resolvedDate' },
  // A subtree's unitPath is an array, filtered after SQL (embedded.ts): the due field's index does the narrowing.
  subtree: { open: 'outcome_resolvedDate', followUp: 'followUpDue', confirmation: 'outcome_resolvedDate' },
} as const;

test.each(DUE_KINDS.flatMap((kind) => [['mine', kind], ['subtree', kind]] as const))('%s · %s walks its index', (scope, kind) => {
  const base = scope === 'mine' ? myCasesBase(mediator) : { unitPath: 't1', deleted: false };
  const plan = store.plan('disputes', { ...base, ...dueFilter(kind, today) }).join('\n');
  expect(plan).toMatch(new RegExp(`USING (COVERING )?INDEX ix_disputes_${INDEX_OF[scope][kind]}\\b`));
});
