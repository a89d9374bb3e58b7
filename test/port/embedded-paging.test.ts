/**
 * Paging on the embedded store (issue 13 defect 7): skip and limit are bound, not printed into
 * the SQL, so a distinct value is not a distinct statement cached for the store's life (81 MB per
 * 10,000 values before), and a skip too large to print as an integer is an empty page, not an error.
 */
import Database from 'better-sqlite3';
import { EmbeddedStore } from '../../cloudfunctions/core/platform/adapters/embedded';
import type { Doc } from '../../cloudfunctions/core/platform/port';

let store: EmbeddedStore;
beforeEach(async () => {
  store = new EmbeddedStore(':memory:', {});
  for (let n = 0; n < 5; n++) await store.set('disputes', { _id: `d${n}`, n } as Doc);
});
afterEach(() => store.close());

test('a thousand distinct pages prepare one statement, and each page is right', async () => {
  const prepare = jest.spyOn(Database.prototype, 'prepare');
  try {
    for (let skip = 0; skip < 1000; skip++) {
      const page = await store.find<Doc & { n: number }>('disputes', {}, { sort: { n: 1 }, skip, limit: 1 + (skip % 7) });
      expect(page.map((d) => d.n)).toEqual([0, 1, 2, 3, 4].slice(skip, skip + 1 + (skip % 7)));
    }
    expect(prepare.mock.calls.length).toBeLessThanOrEqual(1);
  } finally {
    prepare.mockRestore();
  }
});

test.each([1e20, 1e21, Number.MAX_VALUE])('skip %d is an empty page', async (skip) => {
  expect(await store.find('disputes', {}, { sort: { n: 1 }, skip })).toEqual([]);
  expect(await store.find('disputes', {}, { sort: { n: 1 }, skip, limit: 2 })).toEqual([]);
});

test('a limit alone, a skip alone', async () => {
  expect((await store.find<Doc & { n: number }>('disputes', {}, { sort: { n: -1 }, limit: 2 })).map((d) => d.n)).toEqual([4, 3]);
  expect((await store.find<Doc & { n: number }>('disputes', {}, { sort: { n: -1 }, skip: 3 })).map((d) => d.n)).toEqual([1, 0]);
});
