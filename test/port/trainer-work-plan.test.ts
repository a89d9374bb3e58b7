/**
 * A trainer's totals and a person's 培训记录 read only their answer (issue 16): on a store of 6,000
 * sessions by 60 trainers over 5 years, the totals walk the [createdBy, date] index and the
 * history the multikey [attendees, date] index in order, no scan.
 */
import { sessionsAttendedBy, sessionsRecordedBy } from '../../cloudfunctions/core/app/queries/trainings';
import { EMBEDDED_INDEXES, EMBEDDED_MULTIKEY, EmbeddedStore } from '../../cloudfunctions/core/platform/adapters/embedded';
import { C, type Filter, type FindOptions } from '../../cloudfunctions/core/platform/port';
import { addDays } from '../../types/dates';
import type { Training } from '../../types/training';

const SESSIONS = 6_000;

let store: EmbeddedStore;
beforeAll(async () => {
  store = new EmbeddedStore(':memory:', EMBEDDED_INDEXES, EMBEDDED_MULTIKEY);
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

/** The finds of sessions a read makes. */
async function findsOf<T>(read: () => Promise<T>): Promise<{ got: T; finds: [Filter, FindOptions | undefined][] }> {
  const finds: [Filter, FindOptions | undefined][] = [];
  const find = store.find.bind(store);
  store.find = ((coll: string, filter: Filter, opts?: FindOptions) => {
    if (coll === C.trainings) finds.push([filter, opts]);
    return find(coll, filter, opts);
  }) as EmbeddedStore['find'];
  try {
    return { got: await read(), finds };
  } finally {
    store.find = find;
  }
}

test('the totals read walks one trainer’s sessions of one year by index', async () => {
  const { got, finds } = await findsOf(() => sessionsRecordedBy(store, 'u-7', '2024'));
  expect(got.length).toBeGreaterThan(0);
  expect(got.every((t) => t.createdBy === 'u-7' && t.date.startsWith('2024'))).toBe(true);
  expect(finds).toHaveLength(1);
  const plan = store.plan(C.trainings, ...finds[0]).join('\n');
  expect(plan).toMatch(/USING INDEX ix_trainings_createdBy_date/);
  // (json_each is the per-row test of `deleted` on the rows the index gives.)
  expect(plan).not.toMatch(/SCAN docs/);
});

test('a person’s 培训记录 walks their ticks’ multikey index in date order, and holds what a full read gives', async () => {
  const { got, finds } = await findsOf(() => sessionsAttendedBy(store, 'p-42'));
  const all = (await store.find<Training>(C.trainings, {})).filter((t) => t.attendees.includes('p-42'));
  expect(got.total).toBe(all.length);
  expect(got.items.map((t) => t._id)).toEqual([...all].sort((a, b) => b.date.localeCompare(a.date)).map((t) => t._id).slice(0, got.items.length));
  expect(finds).toHaveLength(1);
  const plan = store.plan(C.trainings, ...finds[0]).join('\n');
  expect(plan).toMatch(/mx_trainings_attendees_date/);
  expect(plan).not.toMatch(/SCAN docs|TEMP B-TREE/);
});
