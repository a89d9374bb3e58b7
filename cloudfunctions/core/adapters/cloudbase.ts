/**
 * CloudBase adapter: the production engine. Filters and pipelines are passed through
 * unchanged with `options({ raw: true })`; transactions hold single-document
 * operations only, which is all the port's `Tx` offers.
 */
import tcb from '@cloudbase/node-sdk';
import type { Doc, Filter, FindOptions, Pipeline, Store, Tx } from '../port';

/** The SDK caps a page at 1000 documents. */
const PAGE = 1000;
const TX_ATTEMPTS = 3;

type Db = ReturnType<ReturnType<typeof tcb.init>['database']>;
// The SDK's typings cover only part of what it exports at run time.
/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyQuery = any;

/** Strips `_id` for writes: CloudBase refuses `_id` inside the data of `set`. */
function body(doc: Doc): Record<string, unknown> {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
}

let app: ReturnType<typeof tcb.init> | undefined;

/** In a deployed function: the current environment. Elsewhere (contract tests): `TCB_ENV` plus keys. */
export function cloudbaseApp(): ReturnType<typeof tcb.init> {
  app ??=
    process.env.TENCENTCLOUD_SECRETID && process.env.TCB_ENV
      ? tcb.init({
          env: process.env.TCB_ENV,
          secretId: process.env.TENCENTCLOUD_SECRETID,
          secretKey: process.env.TENCENTCLOUD_SECRETKEY,
        })
      : tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return app;
}

export class CloudbaseStore implements Store {
  /**
   * Every read in a transaction is a round trip, and a transaction that stays open too long
   * (about 10 s) is rolled back: a few rows at a time (their rollup documents are shared).
   */
  readonly batchSize = 20;

  constructor(private readonly db: Db) {}

  static fromEnvironment(): CloudbaseStore {
    return new CloudbaseStore(cloudbaseApp().database());
  }

  private coll(name: string): AnyQuery {
    return (this.db.collection(name) as AnyQuery).options({ raw: true });
  }

  async get<T extends Doc>(coll: string, id: string): Promise<T | null> {
    const res = await this.coll(coll).doc(id).get();
    return ((res.data ?? [])[0] as T) ?? null;
  }

  async set<T extends Doc>(coll: string, doc: T): Promise<void> {
    await this.coll(coll).doc(doc._id).set(body(doc));
  }

  async remove(coll: string, id: string): Promise<void> {
    await this.coll(coll).doc(id).remove();
  }

  async find<T extends Doc>(coll: string, filter: Filter, opts: FindOptions = {}): Promise<T[]> {
    let q: AnyQuery = this.coll(coll).where(filter);
    for (const [field, dir] of Object.entries(opts.sort ?? {})) q = q.orderBy(field, dir === -1 ? 'desc' : 'asc');
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
    const res = await this.coll(coll).where(filter).count();
    return res.total as number;
  }

  async aggregate<T>(coll: string, pipeline: Pipeline): Promise<T[]> {
    const res = await this.coll(coll).aggregate(pipeline).end();
    return (res.data ?? []) as T[];
  }

  async transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
    let lastError: unknown;
    for (let attempt = 0; attempt < TX_ATTEMPTS; attempt++) {
      const t: AnyQuery = await (this.db as AnyQuery).startTransaction();
      const ref = (coll: string, id: string) => this.db.collection(coll).doc(id);
      const tx: Tx = {
        get: async <D extends Doc>(coll: string, id: string) => {
          try {
            const snap = await t.get(ref(coll, id));
            return (snap.data() as D) ?? null;
          } catch (err: any) {
            if (String(err?.code ?? err?.message).includes('NOT_EXIST')) return null;
            throw err;
          }
        },
        set: async (coll, doc) => {
          await t.set(ref(coll, doc._id), body(doc));
        },
        remove: async (coll, id) => {
          await t.delete(ref(coll, id));
        },
      };
      try {
        const result = await fn(tx);
        await t.commit();
        return result;
      } catch (err) {
        lastError = err;
        await t.rollback().catch(() => undefined);
        // Only write conflicts are worth another attempt; a domain refusal is final.
        if (!String((err as any)?.code ?? '').includes('CONFLICT')) throw err;
      }
    }
    throw lastError;
  }

  async close(): Promise<void> {}
}
