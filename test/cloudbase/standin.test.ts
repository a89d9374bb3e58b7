/**
 * The stand-in itself, driven through the real `@cloudbase/node-sdk`: only its HTTP hop is
 * replaced, so these requests are encoded and their answers decoded by the SDK as deployed.
 */
import { CloudbaseStandIn, installStandIn, standInApp } from './standin';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = ReturnType<ReturnType<typeof standInApp>['database']>;

let standin: CloudbaseStandIn;
let uninstall: () => void;
let db: Db;

beforeEach(async () => {
  standin = new CloudbaseStandIn();
  uninstall = installStandIn(standin);
  db = standInApp().database();
  await db.createCollection('c');
});

afterEach(() => uninstall());

const raw = (name = 'c') => (db.collection(name) as any).options({ raw: true });

describe('collections', () => {
  test('reads and writes to a collection that was never created fail DATABASE_COLLECTION_NOT_EXIST', async () => {
    await expect(db.collection('nope').doc('a').get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
    await expect(db.collection('nope').doc('a').set({ v: 1 })).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
    await expect(db.collection('nope').where({}).count()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });

  test('creating a collection twice fails', async () => {
    await expect(db.createCollection('c')).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' });
  });
});

describe('documents and queries', () => {
  test('doc().get() of a missing id is an empty list outside a transaction and null inside one', async () => {
    expect((await db.collection('c').doc('missing').get()).data).toEqual([]);
    const t: any = await db.startTransaction();
    expect((await t.collection('c').doc('missing').get()).data).toBeNull();
    await t.rollback();
  });

  test('raw MongoDB filters, sort, skip and limit', async () => {
    for (let i = 0; i < 6; i++) await db.collection('c').doc(`d${i}`).set({ n: i, s: i % 2 ? 'odd' : 'even' });
    const res = await raw().where({ $or: [{ s: 'odd' }, { n: { $lte: 1 } }] }).orderBy('n', 'desc').skip(1).limit(2).get();
    expect(res.data.map((d: any) => d._id)).toEqual(['d3', 'd1']);
    expect((await raw().where({ s: { $regex: '^ev' } }).count()).total).toBe(3);
  });

  test('a string $regex is legacy EJSON for a regular expression value: under $elemMatch it is refused, as MongoDB refuses /re/ there', async () => {
    await db.collection('c').doc('r').set({ tags: ['purple'] });
    await expect(raw().where({ tags: { $elemMatch: { $regex: '^p' } } }).get()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect((await raw().where({ tags: { $elemMatch: { $regex: /^p/ } } }).get()).data).toHaveLength(1);
    expect((await raw().where({ tags: { $regex: '^p' } }).get()).data).toHaveLength(1);
  });

  test("a field name with '.' or starting with '$' is refused, at any depth", async () => {
    await expect(db.collection('c').doc('f').set({ byType: { '婚姻.家庭': 1 } })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await expect(db.collection('c').add({ $bad: 1 })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect((await db.collection('c').where({}).count()).total).toBe(0);
  });

  test('a page holds 100 documents without a limit and at most 1000 with one', async () => {
    const docs = Array.from({ length: 1200 }, (_, i) => ({ _id: `p${String(i).padStart(4, '0')}`, i }));
    for (let i = 0; i < docs.length; i += 300) await db.collection('c').add(docs.slice(i, i + 300));
    expect((await db.collection('c').where({}).get()).data).toHaveLength(100);
    // The SDK clamps the limit itself; the service clamps a request that asks for more.
    expect((await db.collection('c').where({}).limit(5000).get()).data).toHaveLength(1000);
    expect(await standin.handle('database.getDocument', { collectionName: 'c', queryType: 'WHERE', limit: 5000 })).toMatchObject({
      data: { list: expect.objectContaining({ length: 1000 }) },
    });
  });

  test('documents that tie on the sort keys come back in no fixed order', async () => {
    for (let i = 0; i < 30; i++) await db.collection('c').doc(`t${i}`).set({ k: 1 });
    const orders = new Set<string>();
    for (let i = 0; i < 5; i++) orders.add((await raw().where({}).orderBy('k', 'asc').get()).data.map((d: any) => d._id).join());
    expect(orders.size).toBeGreaterThan(1);
  });

  test('an aggregate without $limit returns at most 20 documents, with $limit up to it', async () => {
    for (let i = 0; i < 30; i++) await db.collection('c').doc(`a${i}`).set({ g: i });
    expect((await raw().aggregate([{ $group: { _id: '$g' } }]).end()).data).toHaveLength(20);
    expect((await raw().aggregate([{ $group: { _id: '$g' } }, { $limit: 1000 }]).end()).data).toHaveLength(30);
  });
});

describe('transactions', () => {
  test('a transaction reads the state as of its start plus its own writes', async () => {
    await db.collection('c').doc('x').set({ v: 1 });
    const t: any = await db.startTransaction();
    await db.collection('c').doc('x').set({ v: 2 });
    await db.collection('c').doc('y').set({ v: 1 });
    expect((await t.collection('c').doc('x').get()).data).toEqual({ _id: 'x', v: 1 });
    expect((await t.collection('c').doc('y').get()).data).toBeNull();
    await t.collection('c').doc('z').set({ v: 9 });
    expect((await t.collection('c').doc('z').get()).data).toEqual({ _id: 'z', v: 9 });
    expect((await db.collection('c').doc('z').get()).data).toEqual([]);
    await t.commit();
    expect((await db.collection('c').doc('z').get()).data).toEqual([{ _id: 'z', v: 9 }]);
  });

  test('first writer wins: the second transaction writing a document fails DATABASE_TRANSACTION_CONFLICT and is aborted', async () => {
    const a: any = await db.startTransaction();
    const b: any = await db.startTransaction();
    await a.collection('c').doc('k').set({ by: 'a' });
    await expect(b.collection('c').doc('k').set({ by: 'b' })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    await expect(b.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    await a.commit();
    expect((await db.collection('c').doc('k').get()).data).toEqual([{ _id: 'k', by: 'a' }]);
    expect(standin.stats).toMatchObject({ conflicts: 1, commits: 1, aborts: 1 });
  });

  test('a write to a document committed after the transaction started conflicts', async () => {
    await db.collection('c').doc('old').set({ v: 1 });
    const t: any = await db.startTransaction();
    const u: any = await db.startTransaction();
    await db.collection('c').doc('k').set({ by: 'outside' });
    await db.collection('c').doc('old').set({ v: 2 });
    await expect(t.collection('c').doc('k').set({ by: 't' })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    await expect(u.collection('c').doc('old').remove()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect((await db.collection('c').doc('k').get()).data).toEqual([{ _id: 'k', by: 'outside' }]);
  });

  test('db.runTransaction retries its callback on a conflict', async () => {
    const blocker: any = await db.startTransaction();
    await blocker.collection('c').doc('k').set({ by: 'blocker' });
    let calls = 0;
    const done = (db as any).runTransaction(async (t: any) => {
      calls++;
      if (calls === 2) await blocker.commit();
      await t.collection('c').doc('k').set({ by: `run${calls}` });
    }, 3);
    await done;
    expect(calls).toBe(3);
    expect((await db.collection('c').doc('k').get()).data).toEqual([{ _id: 'k', by: 'run3' }]);
  });

  test('commit is atomic and abort writes nothing', async () => {
    const t: any = await db.startTransaction();
    await t.collection('c').doc('p').set({ v: 1 });
    await t.collection('c').doc('q').set({ v: 1 });
    const before = await raw().where({ _id: { $in: ['p', 'q'] } }).count();
    await t.commit();
    expect(before.total).toBe(0);
    expect((await raw().where({ _id: { $in: ['p', 'q'] } }).count()).total).toBe(2);
    const u: any = await db.startTransaction();
    await u.collection('c').doc('p').remove();
    await u.rollback();
    expect((await db.collection('c').doc('p').get()).data).toHaveLength(1);
  });

  test('where() inside a transaction is refused, and the transaction is aborted', async () => {
    const t: any = await db.startTransaction();
    await t.collection('c').doc('w').set({ v: 1 });
    await expect(t.collection('c').where({ v: 1 }).get()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect((await db.collection('c').doc('w').get()).data).toEqual([]);
  });

  test('count and aggregate carrying a transactionId are refused (the SDK itself never sends one)', async () => {
    const t: any = await db.startTransaction();
    const id = t.getTransactionId();
    expect(await standin.handle('database.calculateDocument', { collectionName: 'c', transactionId: id })).toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    });
    const u: any = await db.startTransaction();
    expect(
      await standin.handle('database.aggregateDocuments', { collectionName: 'c', stages: [], transactionId: u.getTransactionId() }),
    ).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });

  test('a write outside transactions waits for the open transaction holding the document', async () => {
    const t: any = await db.startTransaction();
    await t.collection('c').doc('h').set({ by: 'tx' });
    let landed = false;
    const outside = db.collection('c').doc('h').set({ by: 'outside' }).then(() => (landed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(landed).toBe(false);
    await t.commit();
    await outside;
    expect((await db.collection('c').doc('h').get()).data).toEqual([{ _id: 'h', by: 'outside' }]);
  });

  test('an action the stand-in does not model fails loudly', async () => {
    expect(await standin.handle('database.getInTransaction', {})).toMatchObject({ code: 'STANDIN_UNSUPPORTED' });
  });

  test('stats count requests per action', async () => {
    await db.collection('c').doc('s').get();
    await db.collection('c').doc('s').get();
    expect(standin.stats.requests['database.getDocument']).toBe(2);
  });
});
