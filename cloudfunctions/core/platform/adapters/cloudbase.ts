/**
 * CloudBase adapter: the production engine, written against `@cloudbase/node-sdk` 3.18.3.
 * Filters and pipelines are passed through unchanged with `options({ raw: true })`;
 * transactions hold single-document operations only, which is all the port's `Tx` offers.
 */
import tcb from '@cloudbase/node-sdk';
import type { Doc, Filter, FindOptions, Pipeline, Store, Tx } from '../port';

type App = ReturnType<typeof tcb.init>;
type Db = ReturnType<App['database']>;
// The SDK's typings cover only part of what it exports at run time.
/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyQuery = any;

/** The SDK caps a page at 1000 documents. */
const PAGE = 1000;
/**
 * An aggregate without `$limit` returns only 20 rows on CloudBase, and at most 10,000 with one
 * (reported by WeChat cloud developers, not documented): every pipeline gets this `$limit`, and a
 * result that reaches it is refused rather than returned cut short.
 */
const AGGREGATE_MAX = 10_000;

/**
 * Retrying a conflicting transaction: exponential backoff with full jitter (AWS's "Exponential
 * Backoff and Jitter"): attempt n sleeps a random time in [0, min(CAP, BASE·2ⁿ)). BASE is about
 * one round trip inside CloudBase (5–25 ms), so the first retries come back as soon as a rival
 * could have committed; CAP keeps a late retry from idling past a second; the BUDGET leaves 3 s
 * of a function's 10 s limit for the rest of the request. Measured on the stand-in with 5–25 ms per
 * request, 50 concurrent writers on shared documents all got through (test/port/contract.test.ts).
 */
const RETRY_BASE_MS = 20;
const RETRY_CAP_MS = 1_000;
const RETRY_BUDGET_MS = 7_000;
const CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';

/**
 * Shards of the documents every save adds to (the rollups, see domain/rollup.ts), one drawn per
 * transaction attempt: with one, every save of a district writes the district's documents and
 * concurrent instances take turns (`npm run bench -- cloudbase`: 50 saves at once, p95 several
 * seconds); with 16 two saves rarely meet, and a read sums at most 16 documents per unit × period.
 */
export const ROLLUP_SHARDS = 16;

/** Strips `_id` for writes: the SDK refuses `_id` inside the data of `set`. */
function body(doc: Doc): Record<string, unknown> {
  const { _id, ...rest } = doc;
  return rest;
}

function isConflict(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === CONFLICT;
}

/**
 * The SDK sends filters as EJSON, where `{ $regex: '…', $options }` is the legacy form of a
 * regular expression VALUE (bson parses it so): `{ $elemMatch: { $regex } }` would reach the
 * database as `$elemMatch: /…/`, which MongoDB refuses. A RegExp under `$regex` is encoded as
 * `$regularExpression` and stays the operator.
 */
function encodeRegexes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(encodeRegexes);
  if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const { $regex, $options, ...rest } = value as Record<string, unknown>;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, encodeRegexes(v)]));
  if (typeof $regex === 'string') {
    const flags = typeof $options === 'string' ? $options : '';
    if (/[^ims]/.test(flags)) throw new Error(`不支持的正则选项：${flags}`);
    out.$regex = new RegExp($regex, flags);
  } else if ($regex !== undefined) {
    out.$regex = $regex;
    if ($options !== undefined) out.$options = $options;
  } else if ($options !== undefined) {
    out.$options = $options;
  }
  return out;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let app: App | undefined;

/**
 * The app of the environment this function is deployed in. Always `SYMBOL_CURRENT_ENV`: inside
 * CloudBase, `TENCENTCLOUD_SECRETID/SECRETKEY` are the function's temporary keys, and passing them
 * explicitly would sign requests without their `TENCENTCLOUD_SESSIONTOKEN`.
 */
export function cloudbaseApp(): App {
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return app;
}

/** Explicit keys, for a desk or the contract tests: never used by deployed code. */
export interface CloudbaseKeys {
  env: string;
  secretId: string;
  secretKey: string;
}

export function cloudbaseAppWithKeys(keys: CloudbaseKeys): App {
  return tcb.init({ env: keys.env, secretId: keys.secretId, secretKey: keys.secretKey });
}

/** The contract tests' keys, when all of `CLOUDBASE_TEST_ENV`, `…_SECRETID`, `…_SECRETKEY` are set. */
export function testKeysFromEnvironment(env: Record<string, string | undefined> = process.env): CloudbaseKeys | undefined {
  const { CLOUDBASE_TEST_ENV, CLOUDBASE_TEST_SECRETID, CLOUDBASE_TEST_SECRETKEY } = env;
  if (!CLOUDBASE_TEST_ENV || !CLOUDBASE_TEST_SECRETID || !CLOUDBASE_TEST_SECRETKEY) return undefined;
  return { env: CLOUDBASE_TEST_ENV, secretId: CLOUDBASE_TEST_SECRETID, secretKey: CLOUDBASE_TEST_SECRETKEY };
}

export class CloudbaseStore implements Store {
  /**
   * Every read in a transaction is a round trip, and a transaction that stays open too long
   * (about 10 s) is rolled back: a few rows at a time (their rollup documents are shared).
   */
  readonly batchSize = 20;

  constructor(
    private readonly db: Db,
    private readonly shards = ROLLUP_SHARDS,
  ) {}

  static fromEnvironment(): CloudbaseStore {
    return new CloudbaseStore(cloudbaseApp().database());
  }

  private coll(name: string): AnyQuery {
    return (this.db.collection(name) as AnyQuery).options({ raw: true });
  }

  async get<T extends Doc>(coll: string, id: string): Promise<T | null> {
    // Outside a transaction the SDK answers a list, empty when the document is missing.
    const res = await this.coll(coll).doc(id).get();
    return ((res.data ?? [])[0] as T) ?? null;
  }

  async set<T extends Doc>(coll: string, doc: T): Promise<void> {
    await this.coll(coll).doc(doc._id).set(body(doc));
  }

  async remove(coll: string, id: string): Promise<void> {
    await this.coll(coll).doc(id).remove();
  }

  /**
   * Pages of at most 1000 with skip. MongoDB orders ties on the sort keys arbitrarily, and
   * differently from one page's query to the next, so `_id` always sorts last: every page is cut
   * from the same total order and no document is repeated or skipped.
   */
  async find<T extends Doc>(coll: string, filter: Filter, opts: FindOptions = {}): Promise<T[]> {
    let q: AnyQuery = this.coll(coll).where(encodeRegexes(filter));
    const sort = { ...opts.sort, _id: opts.sort?._id ?? 1 };
    for (const [field, dir] of Object.entries(sort)) q = q.orderBy(field, dir === -1 ? 'desc' : 'asc');
    const out: T[] = [];
    let skip = opts.skip ?? 0;
    for (;;) {
      const want = opts.limit === undefined ? PAGE : Math.min(PAGE, opts.limit - out.length);
      if (want <= 0) break;
      const res = await q.skip(skip).limit(want).get();
      const page = (res.data ?? []) as T[];
      out.push(...page);
      skip += page.length;
      if (page.length < want) break;
    }
    return out;
  }

  async count(coll: string, filter: Filter): Promise<number> {
    const res = await this.coll(coll).where(encodeRegexes(filter)).count();
    return res.total as number;
  }

  async aggregate<T>(coll: string, pipeline: Pipeline): Promise<T[]> {
    const res = await this.coll(coll)
      .aggregate(encodeRegexes([...pipeline, { $limit: AGGREGATE_MAX }]))
      .end();
    const rows = (res.data ?? []) as T[];
    if (rows.length >= AGGREGATE_MAX) throw new Error(`聚合结果达到 ${AGGREGATE_MAX} 条上限，可能不完整（${coll}）`);
    return rows;
  }

  /**
   * `db.startTransaction()` gives a transaction whose `collection(c).doc(id)` reads and writes
   * inside it (there is no `transaction.get(ref)` in 3.18.3). A write conflict aborts it: the whole
   * of `fn` runs again after a backoff. Anything else `fn` throws is final and rolls back.
   */
  async transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const t: AnyQuery = await (this.db as AnyQuery).startTransaction();
      // A conflict seen by any operation decides, even if `fn` caught it and threw something else.
      let conflicted = false;
      const op = async <V>(run: () => Promise<V>): Promise<V> => {
        try {
          return await run();
        } catch (err) {
          if (isConflict(err)) conflicted = true;
          throw err;
        }
      };
      const tx: Tx = {
        shard: Math.floor(Math.random() * this.shards),
        // Inside a transaction the SDK answers `{ data: null }` for a missing document.
        get: async <D extends Doc>(coll: string, id: string) =>
          op(async () => ((await t.collection(coll).doc(id).get()).data as D | null) ?? null),
        set: async (coll, doc) => {
          await op(() => t.collection(coll).doc(doc._id).set(body(doc)));
        },
        remove: async (coll, id) => {
          await op(() => t.collection(coll).doc(id).remove());
        },
      };
      try {
        const result = await fn(tx);
        await op(() => t.commit());
        return result;
      } catch (err) {
        await t.rollback().catch(() => undefined);
        const pause = Math.random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt);
        if (!(conflicted || isConflict(err)) || Date.now() - started + pause > RETRY_BUDGET_MS) throw err;
        await sleep(pause);
      }
    }
  }

  async close(): Promise<void> {}
}
