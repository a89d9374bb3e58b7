/**
 * A store that spreads shared counters over shards as a many-writer engine does (the CloudBase
 * adapter picks a random shard per transaction attempt): the same store underneath, each
 * transaction handed a shard drawn from `random`.
 */
import type { Store, Tx } from '../../cloudfunctions/core/platform/port';

export function sharded(store: Store, shards: number, random: () => number): Store {
  return {
    batchSize: store.batchSize,
    get: (coll, id) => store.get(coll, id),
    set: (coll, doc) => store.set(coll, doc),
    remove: (coll, id) => store.remove(coll, id),
    find: (coll, filter, opts) => store.find(coll, filter, opts),
    count: (coll, filter) => store.count(coll, filter),
    aggregate: (coll, pipeline) => store.aggregate(coll, pipeline),
    close: () => store.close(),
    transaction: <R>(fn: (tx: Tx) => Promise<R>) =>
      store.transaction((tx) =>
        fn({
          shard: Math.floor(random() * shards),
          get: (coll, id) => tx.get(coll, id),
          set: (coll, doc) => tx.set(coll, doc),
          remove: (coll, id) => tx.remove(coll, id),
        }),
      ),
  };
}
