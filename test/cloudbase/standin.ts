/**
 * A CloudBase document database stand-in, reached by the real `@cloudbase/node-sdk` 3.18.3 code.
 *
 * Only the SDK's HTTP hop is replaced: every database request of the SDK goes through
 * `TcbDBApiHttpRequester.prototype.send(api, data, opts)` (`dist/utils/tcbdbapirequester.js`),
 * so query building, EJSON encoding (`@cloudbase/database`'s `stringifyByEJSON`, canonical
 * mode), `options({ raw: true })`, response decoding and the error path all run as deployed.
 * `installStandIn` swaps that one method; a coded response (`{ code, message }`) goes through the
 * SDK's own `processReturn` (`dist/utils/utils.js`), which throws a `TcbError` carrying `code`,
 * exactly as `tcbapirequester.request()` does with a real response.
 *
 * What it models (each point read from the SDK's code, `@cloudbase/database` 1.4.3 `dist/commonjs`):
 * - The actions the SDK sends: `database.addCollection` (db.createCollection), `getDocument`
 *   (doc().get, where().get: `query`, `order`, `offset`, `limit`, `projection`), `insertDocument`
 *   (add, `data` = EJSON strings), `modifyDocument` (set: merge false + upsert; update: merge
 *   true), `removeDocument`, `calculateDocument` (count), `aggregateDocuments` (`stages` of
 *   `{ stageKey, stageValue }`), `startTransaction` (answers `{ transactionId }` at top level),
 *   `commitTransaction`, `abortTransaction`. Anything else is answered `STANDIN_UNSUPPORTED`: the
 *   old `getInTransaction`/`updateDocInTransaction` class in the package is not wired to `db`.
 * - Response shapes the SDK reads: `data.list` of EJSON strings, `data.insertedIds`,
 *   `data.updated`/`data.upsert_id`, `data.deleted`, `data.total`. A missing document is an empty
 *   list: outside a transaction `doc().get()` gives `{ data: [] }`, inside one the SDK turns it
 *   into `{ data: null }` (document.js `documents[0] || null`).
 * - Collections must exist: any request naming an unknown one fails
 *   `DATABASE_COLLECTION_NOT_EXIST` (CloudBase's documented code); `addCollection` creates one, a
 *   second time fails `DATABASE_COLLECTION_ALREADY_EXIST`.
 * - MongoDB query semantics (mingo) on the EJSON the SDK sends, parsed by `bson` 4.7.2 as the
 *   SDK parses it: `{ $regex: '…', $options }` is legacy EJSON and becomes a regular expression
 *   value, so `{ $elemMatch: { $regex: '…' } }` arrives as `$elemMatch: /…/` and is refused as
 *   MongoDB refuses it ("$elemMatch needs an Object"). UNCERTAIN: whether CloudBase's parser reads
 *   the legacy form so; the adapter sends `$regex` with a RegExp value, unambiguous either way.
 * - Stored field names: a name with `.` or starting with `$` is refused (MongoDB 4.x refuses
 *   to store them). UNCERTAIN: CloudBase may instead read `a.b` in `set()` as a path; either way
 *   the stored document would not be the one written.
 * - Pages: at most 1000 documents per `getDocument` (a larger `limit` is clamped), 100 when no
 *   limit is sent; sort, skip, limit. Documents that tie on every sort key come back in a random
 *   order on each request, as MongoDB promises no order for ties: paging without a unique last
 *   sort key can repeat or skip documents here as it can on CloudBase.
 * - Aggregation: without a `$limit` stage the result is cut to 20 documents, with one to 10,000.
 *   UNCERTAIN: CloudBase documents neither; WeChat cloud developers report both figures for
 *   server-side aggregate (2019–2020 community posts).
 * - Transactions (MongoDB's snapshot isolation, which CloudBase's run on): reads by id see the
 *   committed state as of the transaction's start plus its own writes; only single-document
 *   operations by id are accepted — a `where()` read (the SDK sends the transactionId with it)
 *   is refused. `count()` and `aggregate()` on a transaction's collection are sent by the SDK
 *   WITHOUT the transactionId, so they silently run outside it, on committed data; the stand-in
 *   refuses them only if a transactionId is present. First writer wins: a write to a document
 *   that another open transaction has written, or that was committed after this transaction's
 *   start, fails `DATABASE_TRANSACTION_CONFLICT` and aborts the transaction. Any failed request
 *   inside a transaction aborts it (MongoDB does so for most errors); later requests in it fail
 *   `DATABASE_TRANSACTION_FAIL`. Commit is atomic. A write outside any transaction to a document
 *   an open transaction has written waits until that transaction ends (MongoDB's documented
 *   behaviour), then applies.
 *   UNCERTAIN: the codes for refused `where()` in a transaction (here `DATABASE_REQUEST_FAILED`),
 *   for using an ended transaction (`DATABASE_TRANSACTION_FAIL`), for inserting an existing `_id`
 *   (`DATABASE_DUPLICATE_WRITE`); aborting an already aborted transaction succeeds here.
 * - Latency only as configured (`latencyMs`, half before and half after the work), and
 *   counters in `stats`.
 *
 * What it cannot tell you: real latency and its tail (the SDK's request timeout, 15 s by default,
 * never fires here), QPS and concurrency limits, request size
 * limits, transaction lifetime limits (a transaction here stays open until it ends), indexes
 * (none exist here: no index behaviour, no slow-query warnings, no unique indexes), permissions
 * and security rules, `_openid` stamping, geo queries, `watch()`, the update-operator encoding
 * of non-raw `update()` beyond what mingo's updater does, and whether CloudBase's parser reads
 * every EJSON form exactly as `bson` does. Ids are strings.
 */
import { randomBytes } from 'node:crypto';
import tcb from '@cloudbase/node-sdk';
import { BSONRegExp, EJSON } from 'bson';
import { Aggregator, ProcessingMode, Query, update as applyUpdate } from 'mingo';

/* eslint-disable @typescript-eslint/no-require-imports */
const { TcbDBApiHttpRequester } = require('@cloudbase/node-sdk/dist/utils/tcbdbapirequester') as {
  TcbDBApiHttpRequester: { prototype: { send(api: string, data?: Record<string, unknown>, opts?: unknown): Promise<unknown> } };
};
const { processReturn } = require('@cloudbase/node-sdk/dist/utils/utils') as { processReturn(res: unknown): unknown };
/* eslint-enable @typescript-eslint/no-require-imports */

type Json = Record<string, unknown>;
type Body = Record<string, unknown>;

/** The largest page CloudBase returns, and the page it returns when no limit is sent. */
const PAGE_MAX = 1000;
const PAGE_DEFAULT = 100;
const AGGREGATE_DEFAULT = 20;
const AGGREGATE_MAX = 10_000;

class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Version {
  /** The commit that wrote it. */
  seq: number;
  doc: Json | null;
}

interface Write {
  coll: string;
  id: string;
  doc: Json | null;
}

interface Txn {
  id: string;
  snapshot: number;
  state: 'open' | 'committed' | 'aborted';
  writes: Map<string, Write>;
  ended: Promise<void>;
  end: () => void;
}

const keyOf = (coll: string, id: string) => `${coll}\u0000${id}`;

/** Server-side parse of the SDK's EJSON, regular expressions as JS ones for mingo. */
function parse(text: unknown): unknown {
  if (text === undefined || text === null || text === '') return undefined;
  return toJs(EJSON.parse(String(text), { relaxed: true }));
}

function toJs(value: unknown): unknown {
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options.replace(/[^gimsuy]/g, ''));
  if (Array.isArray(value)) return value.map(toJs);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const js = toJs(v);
        // What MongoDB answers; mingo would quietly match nothing.
        if (k === '$elemMatch' && js instanceof RegExp) throw new ServiceError('DATABASE_REQUEST_FAILED', '$elemMatch needs an Object');
        return [k, js];
      }),
    );
  }
  return value;
}

const encode = (doc: unknown) => EJSON.stringify(doc as Json, { relaxed: false });

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const notInTransaction = () =>
  new ServiceError(
    'DATABASE_REQUEST_FAILED',
    'a transaction only holds single-document operations by doc id: where(), count() and aggregate() are not allowed',
  );

function byIdOnly(query: unknown): string {
  const q = query as Json | undefined;
  if (!q || Object.keys(q).length !== 1 || (typeof q._id !== 'string' && typeof q._id !== 'number')) throw notInTransaction();
  return String(q._id);
}

/** MongoDB (4.x) refuses to store such names; a document is never stored other than as written. */
function assertStorable(value: unknown, path = ''): void {
  if (Array.isArray(value)) value.forEach((v, i) => assertStorable(v, `${path}[${i}]`));
  else if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('.') || k.startsWith('$')) {
        throw new ServiceError('DATABASE_REQUEST_FAILED', `field name ${JSON.stringify(path ? `${path}.${k}` : k)} is not valid for storage`);
      }
      assertStorable(v, path ? `${path}.${k}` : k);
    }
  }
}

function updated(base: Json, data: Json, merge: boolean, id: string): Json {
  if (!merge) {
    assertStorable(data);
    return { _id: id, ...data };
  }
  const copy = structuredClone(base);
  const operators = Object.keys(data).length > 0 && Object.keys(data).every((k) => k.startsWith('$'));
  applyUpdate(copy, (operators ? data : { $set: data }) as never);
  return { _id: id, ...copy };
}

export interface StandInStats {
  requests: Record<string, number>;
  conflicts: number;
  commits: number;
  aborts: number;
}

export class CloudbaseStandIn {
  readonly stats: StandInStats = { requests: {}, conflicts: 0, commits: 0, aborts: 0 };
  private readonly colls = new Map<string, Map<string, Version[]>>();
  private readonly txns = new Map<string, Txn>();
  private readonly open = new Set<Txn>();
  /** Document key → the open transaction that has written it. */
  private readonly locks = new Map<string, Txn>();
  private seq = 0;
  private requestNo = 0;
  /** Each request waits a random time in this range; may be changed between requests (seed fast, then measure). */
  latencyMs: [number, number];

  constructor(opts: { latencyMs?: [number, number] } = {}) {
    this.latencyMs = opts.latencyMs ?? [0, 0];
  }

  createCollection(name: string): void {
    if (!this.colls.has(name)) this.colls.set(name, new Map());
  }

  /**
   * One SDK database request: the body the service answers, an error as `{ code, message }`
   * (the SDK's request layer turns that into a thrown `TcbError`; `installStandIn` does the same).
   */
  async handle(api: string, data: Record<string, unknown> = {}): Promise<unknown> {
    this.stats.requests[api] = (this.stats.requests[api] ?? 0) + 1;
    const [min, max] = this.latencyMs;
    const delay = min + Math.random() * (max - min);
    if (delay > 0) await sleep(delay / 2);
    const requestId = `standin-${++this.requestNo}`;
    let res: unknown;
    try {
      res = { requestId, ...(await this.route(api, data)) };
    } catch (err) {
      const code = err instanceof ServiceError ? err.code : 'DATABASE_REQUEST_FAILED';
      const txn = typeof data.transactionId === 'string' ? this.txns.get(data.transactionId) : undefined;
      if (txn?.state === 'open' && api !== 'database.commitTransaction') this.finish(txn, 'aborted');
      res = { requestId, code, message: (err as Error).message };
    }
    if (delay > 0) await sleep(delay / 2);
    return res;
  }

  private async route(api: string, data: Body): Promise<Body> {
    switch (api) {
      case 'database.addCollection': {
        const name = String(data.collectionName ?? '');
        if (this.colls.has(name)) throw new ServiceError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`);
        this.createCollection(name);
        return {};
      }
      case 'database.startTransaction': {
        const id = randomBytes(12).toString('hex');
        let end!: () => void;
        const ended = new Promise<void>((r) => (end = r));
        const txn: Txn = { id, snapshot: this.seq, state: 'open', writes: new Map(), ended, end };
        this.txns.set(id, txn);
        this.open.add(txn);
        return { transactionId: id };
      }
      case 'database.commitTransaction':
        return this.commit(this.openTxn(data));
      case 'database.abortTransaction': {
        const txn = this.txns.get(String(data.transactionId));
        if (!txn) throw new ServiceError('DATABASE_TRANSACTION_FAIL', 'no such transaction');
        if (txn.state === 'committed') throw new ServiceError('DATABASE_TRANSACTION_FAIL', 'transaction already committed');
        if (txn.state === 'open') this.finish(txn, 'aborted');
        return {};
      }
      case 'database.getDocument':
        return this.get(data);
      case 'database.insertDocument':
        return this.insert(data);
      case 'database.modifyDocument':
        return this.modify(data);
      case 'database.removeDocument':
        return this.remove(data);
      case 'database.calculateDocument': {
        this.refuseInTxn(data);
        return { data: { total: this.matching(this.coll(data), parse(data.query)).length } };
      }
      case 'database.aggregateDocuments':
        return this.aggregate(data);
      default:
        throw new ServiceError('STANDIN_UNSUPPORTED', `the CloudBase stand-in does not model ${api}`);
    }
  }

  // ---- reads ----

  private coll(data: Body): Map<string, Version[]> {
    const name = String(data.collectionName ?? '');
    const coll = this.colls.get(name);
    if (!coll) throw new ServiceError('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`);
    return coll;
  }

  private refuseInTxn(data: Body): void {
    if (data.transactionId) throw notInTransaction();
  }

  /** Committed documents matching `query`, in natural (insertion) order. */
  private matching(coll: Map<string, Version[]>, query: unknown): Json[] {
    const q = new Query((query ?? {}) as Json);
    const out: Json[] = [];
    // By id (every doc() request): one candidate, as an index on _id would give.
    const id = (query as Json | undefined)?._id;
    const candidates = typeof id === 'string' || typeof id === 'number' ? [coll.get(String(id)) ?? []] : coll.values();
    for (const versions of candidates) {
      if (!versions.length) continue;
      const doc = versions[versions.length - 1].doc;
      if (doc && q.test(doc)) out.push(doc);
    }
    return out;
  }

  private get(data: Body): Body {
    const coll = this.coll(data);
    const query = parse(data.query);
    const projection = parse(data.projection) as Json | undefined;
    if (data.transactionId) {
      const txn = this.openTxn(data);
      if (data.queryType !== 'DOC') throw notInTransaction();
      const id = byIdOnly(query);
      const doc = this.readInTxn(txn, String(data.collectionName), id);
      const list = doc ? new Query({}, {}).find([doc], projection).all() : [];
      return { data: { list: list.map(encode) } };
    }
    const limit = Math.min(PAGE_MAX, Number(data.limit) > 0 ? Number(data.limit) : PAGE_DEFAULT);
    const offset = Number(data.offset) > 0 ? Number(data.offset) : 0;
    const order = parse(data.order) as Record<string, 1 | -1> | undefined;
    let docs = this.matching(coll, query);
    if (order && Object.keys(order).length) docs = new Query({}).find<Json>(shuffle(docs)).sort(order).all();
    docs = docs.slice(offset, offset + limit);
    if (projection && Object.keys(projection).length) docs = new Query({}).find<Json>(docs, projection).all();
    return { data: { list: docs.map(encode) }, limit, offset };
  }

  private readInTxn(txn: Txn, coll: string, id: string): Json | null {
    const own = txn.writes.get(keyOf(coll, id));
    if (own) return own.doc;
    const versions = this.colls.get(coll)?.get(id) ?? [];
    for (let i = versions.length - 1; i >= 0; i--) if (versions[i].seq <= txn.snapshot) return versions[i].doc;
    return null;
  }

  private aggregate(data: Body): Body {
    this.refuseInTxn(data);
    const coll = this.coll(data);
    const stages = (data.stages ?? []) as { stageKey: string; stageValue: string }[];
    const pipeline = stages.map((s) => ({ [s.stageKey]: parse(s.stageValue) }));
    const docs = this.matching(coll, {});
    const cap = pipeline.some((s) => '$limit' in s) ? AGGREGATE_MAX : AGGREGATE_DEFAULT;
    const out = new Aggregator(pipeline, { processingMode: ProcessingMode.CLONE_INPUT }).run(docs).slice(0, cap);
    return { data: { list: out.map(encode) } };
  }

  // ---- writes ----

  private async insert(data: Body): Promise<Body> {
    const coll = this.coll(data);
    const name = String(data.collectionName);
    const docs = ((data.data ?? []) as string[]).map((s) => parse(s) as Json);
    docs.forEach((doc) => assertStorable(doc));
    const writes = docs.map((doc) => {
      const id = doc._id === undefined ? randomBytes(16).toString('hex') : String(doc._id);
      return { coll: name, id, doc: { _id: id, ...doc } };
    });
    const exists = (w: Write, txn?: Txn) => (txn ? this.readInTxn(txn, name, w.id) : this.latest(coll, w.id)) !== null;
    if (data.transactionId) {
      const txn = this.openTxn(data);
      for (const w of writes) {
        if (exists(w, txn)) throw new ServiceError('DATABASE_DUPLICATE_WRITE', `document ${w.id} already exists`);
        this.writeInTxn(txn, w);
      }
    } else {
      await this.applyOutside(writes, () => {
        for (const w of writes) if (exists(w)) throw new ServiceError('DATABASE_DUPLICATE_WRITE', `document ${w.id} already exists`);
      });
    }
    return { data: { insertedIds: writes.map((w) => w.id) } };
  }

  private async modify(data: Body): Promise<Body> {
    const coll = this.coll(data);
    const name = String(data.collectionName);
    const query = parse(data.query);
    const change = (parse(data.data) ?? {}) as Json;
    const merge = data.merge === true;
    if (data.transactionId) {
      const txn = this.openTxn(data);
      const id = byIdOnly(query);
      const base = this.readInTxn(txn, name, id);
      if (!base && !data.upsert) return { data: { updated: 0 } };
      this.writeInTxn(txn, { coll: name, id, doc: updated(base ?? {}, change, merge, id) });
      return { data: base ? { updated: 1 } : { updated: 0, upsert_id: id } };
    }
    let result: Body = {};
    const writes: Write[] = [];
    await this.applyOutside(writes, () => {
      writes.length = 0;
      let targets = this.matching(coll, query);
      if (data.multi === false) targets = targets.slice(0, 1);
      for (const doc of targets) writes.push({ coll: name, id: String(doc._id), doc: updated(doc, change, merge, String(doc._id)) });
      const byId = (query as Json | undefined)?._id;
      if (!targets.length && data.upsert && (typeof byId === 'string' || typeof byId === 'number')) {
        writes.push({ coll: name, id: String(byId), doc: updated({}, change, merge, String(byId)) });
        result = { data: { updated: 0, upsert_id: String(byId) } };
      } else {
        result = { data: { updated: targets.length } };
      }
    });
    return result;
  }

  private async remove(data: Body): Promise<Body> {
    const coll = this.coll(data);
    const name = String(data.collectionName);
    const query = parse(data.query);
    if (data.transactionId) {
      const txn = this.openTxn(data);
      const id = byIdOnly(query);
      const existed = this.readInTxn(txn, name, id) !== null;
      if (existed) this.writeInTxn(txn, { coll: name, id, doc: null });
      return { data: { deleted: existed ? 1 : 0 } };
    }
    const writes: Write[] = [];
    await this.applyOutside(writes, () => {
      writes.length = 0;
      let targets = this.matching(coll, query);
      if (data.multi === false) targets = targets.slice(0, 1);
      for (const doc of targets) writes.push({ coll: name, id: String(doc._id), doc: null });
    });
    return { data: { deleted: writes.length } };
  }

  private latest(coll: Map<string, Version[]>, id: string): Json | null {
    const versions = coll.get(id);
    return versions ? versions[versions.length - 1].doc : null;
  }

  /**
   * A write outside any transaction: `plan` (re)computes `writes` from the committed state; if an
   * open transaction holds one of them, wait for it to end and plan again, then apply at once.
   */
  private async applyOutside(writes: Write[], plan: () => void): Promise<void> {
    for (;;) {
      plan();
      const held = writes.map((w) => this.locks.get(keyOf(w.coll, w.id))).find(Boolean);
      if (!held) break;
      await held.ended;
    }
    if (writes.length) this.apply(writes);
  }

  private writeInTxn(txn: Txn, w: Write): void {
    const key = keyOf(w.coll, w.id);
    const holder = this.locks.get(key);
    const versions = this.colls.get(w.coll)?.get(w.id);
    const committedSeq = versions ? versions[versions.length - 1].seq : -1;
    if ((holder && holder !== txn) || committedSeq > txn.snapshot) {
      this.stats.conflicts++;
      throw new ServiceError('DATABASE_TRANSACTION_CONFLICT', `write conflict on ${w.coll}/${w.id}`);
    }
    this.locks.set(key, txn);
    txn.writes.set(key, w);
  }

  private openTxn(data: Body): Txn {
    const txn = this.txns.get(String(data.transactionId));
    if (!txn) throw new ServiceError('DATABASE_TRANSACTION_FAIL', 'no such transaction');
    if (txn.state !== 'open') throw new ServiceError('DATABASE_TRANSACTION_FAIL', `transaction already ${txn.state}`);
    return txn;
  }

  private commit(txn: Txn): Body {
    this.apply([...txn.writes.values()]);
    this.finish(txn, 'committed');
    return {};
  }

  private finish(txn: Txn, state: 'committed' | 'aborted'): void {
    txn.state = state;
    this.open.delete(txn);
    for (const key of txn.writes.keys()) if (this.locks.get(key) === txn) this.locks.delete(key);
    txn.writes.clear();
    if (state === 'committed') this.stats.commits++;
    else this.stats.aborts++;
    txn.end();
  }

  /** Lands `writes` as one commit, keeping only the versions an open transaction may still read. */
  private apply(writes: Write[]): void {
    const seq = ++this.seq;
    let floor = seq;
    for (const t of this.open) if (t.snapshot < floor) floor = t.snapshot;
    for (const w of writes) {
      const coll = this.colls.get(w.coll)!;
      const versions = coll.get(w.id) ?? [];
      versions.push({ seq, doc: w.doc });
      let keep = versions.length - 1;
      while (keep > 0 && versions[keep].seq > floor) keep--;
      versions.splice(0, keep);
      if (versions.length === 1 && versions[0].doc === null && versions[0].seq <= floor) coll.delete(w.id);
      else coll.set(w.id, versions);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Routes this process's SDK database requests to `standin`; returns a function that undoes it. */
export function installStandIn(standin: CloudbaseStandIn): () => void {
  const proto = TcbDBApiHttpRequester.prototype;
  const original = proto.send;
  proto.send = async function send(api: string, data?: Record<string, unknown>) {
    const res = (await standin.handle(api, data ?? {})) as { code?: string } | undefined;
    // What tcbapirequester.request() does with a coded response: throw the SDK's TcbError.
    return res?.code ? processReturn(res) : res;
  };
  return () => {
    proto.send = original;
  };
}

/** A tcb app for tests: `tcb.init` with dummy env/keys, its database requests going to the installed stand-in. */
export function standInApp(): ReturnType<typeof tcb.init> {
  return tcb.init({ env: 'standin-env', secretId: 'standin-id', secretKey: 'standin-key' });
}
