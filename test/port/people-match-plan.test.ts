/**
 * A walk-in's or a self check-in's look-up (peopleLike, issue 16) costs what it finds, not the
 * area's roster: on a district of 20,000 people, the near match's finds (the phone and its
 * slips, the name, the village the attendee would join) each walk an index of people.
 */
import { peopleLike } from '../../cloudfunctions/core/app/queries/people';
import { EMBEDDED_INDEXES, EmbeddedStore } from '../../cloudfunctions/core/platform/adapters/embedded';
import { C, type FindOptions, type Filter } from '../../cloudfunctions/core/platform/port';

const PEOPLE = 20_000;
const VILLAGES = 200;

let store: EmbeddedStore;
beforeAll(async () => {
  store = new EmbeddedStore(':memory:', EMBEDDED_INDEXES);
  await store.transaction(async (tx) => {
    for (let i = 0; i < PEOPLE; i++) {
      const village = `v${i % VILLAGES}`;
      const phoneKey = `139${String(i).padStart(8, '0')}`;
      await tx.set(C.people, {
        _id: `p${i}`, unitId: village, unitPath: ['sfq', `t${i % 10}`, village], name: `村民${i}`, phone: phoneKey, phoneKey, isLawPerson: true, deleted: false,
      });
    }
  });
});
afterAll(() => store.close());

async function findsOf(read: () => Promise<unknown>): Promise<[Filter, FindOptions | undefined][]> {
  const finds: [Filter, FindOptions | undefined][] = [];
  const find = store.find.bind(store);
  store.find = ((coll: string, filter: Filter, opts?: FindOptions) => {
    if (coll === C.people) finds.push([filter, opts]);
    return find(coll, filter, opts);
  }) as EmbeddedStore['find'];
  try {
    await read();
  } finally {
    store.find = find;
  }
  return finds;
}

test('each find walks an index of people, none reads the collection', async () => {
  const finds = await findsOf(() => peopleLike(store, 'sfq', { name: '村民42', phone: '13900000042', unitId: 'v42' }));
  expect(finds).toHaveLength(3);
  const plans = finds.map(([filter, opts]) => store.plan(C.people, filter, opts).join('\n'));
  expect(plans).toEqual([
    expect.stringMatching(/USING INDEX ix_people_phoneKey/),
    expect.stringMatching(/USING INDEX ix_people_name/),
    expect.stringMatching(/USING INDEX ix_people_unitId_phoneKey/),
  ]);
  // (json_each checks each found row's unitPath: the area.)
  for (const plan of plans) expect(plan).not.toMatch(/SCAN docs/);
});

test('what it finds is the answer: the phone and its slips, the name, the village; nobody else of the district', async () => {
  // 13900000042 has 13900000024 (a swap) and 1390000004x, 139000000x2 (one digit) on the roster.
  const found = await peopleLike(store, 'sfq', { name: '村民42', phone: '13900000042', unitId: 'v42' });
  const ids = new Set(found.map((p) => p._id));
  expect(ids.has('p42')).toBe(true);
  expect(ids.has('p24')).toBe(true);
  expect(ids.has('p40')).toBe(true);
  expect(ids.has('p12')).toBe(true);
  // The village's roster (100 people) and the slips: far from the district's 20,000.
  expect(found.length).toBeLessThan(PEOPLE / VILLAGES + 120);
  expect(found.filter((p) => p.unitId === 'v42')).toHaveLength(PEOPLE / VILLAGES);
});
