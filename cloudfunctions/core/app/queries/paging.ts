/** Reading a whole collection in pages ordered by id, so memory stays flat at any size (recount, export). */
import { type Doc, type Filter, type Store } from '../../platform/port';

/** The documents of a collection matching `filter`, read in pages ordered by id, so memory stays flat at any size. */
export async function* eachDoc<T extends Doc>(store: Store, coll: string, filter: Filter = {}, page = 1000): AsyncGenerator<T> {
  let last: string | undefined;
  for (;;) {
    const docs = await store.find<T>(coll, last === undefined ? filter : { ...filter, _id: { $gt: last } }, { sort: { _id: 1 }, limit: page });
    yield* docs;
    if (docs.length < page) return;
    last = docs[docs.length - 1]._id;
  }
}

/** Visits every document of a collection (see eachDoc); answers how many. */
export async function forEachDoc<T extends Doc>(store: Store, coll: string, visit: (doc: T) => void, page = 1000): Promise<number> {
  let n = 0;
  for await (const doc of eachDoc<T>(store, coll, {}, page)) {
    visit(doc);
    n++;
  }
  return n;
}
