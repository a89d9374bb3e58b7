/**
 * A trainer's totals read only their own sessions of the year (issue 16): on a store of 6,000
 * sessions by 60 trainers over 5 years, the find walks the [createdBy, date] index, no scan.
 */
import { sessionsRecordedBy } from '../../cloudfunctions/core/app/queries/trainings';
import { EMBEDDED_INDEXES, EmbeddedStore } from '../../cloudfunctions/core/platform/adapters/embedded';
import { C, type Filter, type FindOptions } from '../../cloudfunctions/core/platform/port';
import { addDays } from '../../types/dates';
import type { Training } from '../../types/training';

const SESSIONS = 6_000;

let store: EmbeddedStore;
beforeAll(async () => {
  store = new EmbeddedStore(':memory:', EMBEDDED_INDEXES);
  await store.transaction(async (tx) => {
    for (let i = 0; i < SESSIONS; i++) {
      const t = {
        _id: `t-${i}`, unitId: 'x', unitPath: ['sfq', 'x'], category: '专题培训', date: addDays('2022-01-01', i % 1800), topic: `培训${i}`,
        trainer: '', place: '', hours: 0, attendees: [`p-${i % 500}`], checkinToken: 'k', version: 1, deleted: false,
        createdBy: `u-${i % 60}`, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z',
      } as Training;
      await tx.set(C.trainings, t);
    }
  });
});
afterAll(() => store.close());

test('the totals read walks one trainer’s sessions of one year by index', async () => {
  const finds: [Filter, FindOptions | undefined][] = [];
  const find = store.find.bind(store);
  store.find = ((coll: string, filter: Filter, opts?: FindOptions) => {
    if (coll === C.trainings) finds.push([filter, opts]);
    return find(coll, filter, opts);
  }) as EmbeddedStore['find'];
  const got = await sessionsRecordedBy(store, 'u-7', '2024');
  store.find = find;
  expect(got.length).toBeGreaterThan(0);
  expect(got.every((t) => t.createdBy === 'u-7' && t.date.startsWith('2024'))).toBe(true);
  expect(finds).toHaveLength(1);
  const plan = store.plan(C.trainings, ...finds[0]).join('\n');
  expect(plan).toMatch(/USING INDEX ix_trainings_createdBy_date/);
  // (json_each is the per-row test of `deleted` on the rows the index gives.)
  expect(plan).not.toMatch(/SCAN docs/);
});
