/**
 * Many small units of work (the rows of a ledger import) in few transactions, each unit
 * all or nothing. A commit is what costs (an fsync on the embedded store, round trips on
 * CloudBase), so a batch of `store.batchSize` units shares one.
 *
 * Each unit runs against a staging view of the batch's transaction: reads see the batch's
 * own writes first, then the store (each document read once per batch); the unit's writes
 * are held aside and join the batch only when the unit finishes, so a unit refused halfway
 * (a locked period, a conflict) leaves nothing of itself. Rollup changes are summed over the
 * batch and applied once, and every touched document is written once, at the end.
 */
import { Refusal } from '../domain/refusal';
import { RollupSums, type Placed } from '../domain/figures/rollup';
import type { Doc, Store, Tx } from '../platform/port';
import { applyRollupDelta } from './write';

/** Documents by collection, then id: no key string is built per read (an import reads a dozen per row). */
class Docs {
  private readonly byColl = new Map<string, Map<string, Doc | null>>();

  get(coll: string, id: string): Doc | null | undefined {
    return this.byColl.get(coll)?.get(id);
  }

  set(coll: string, id: string, doc: Doc | null): void {
    let m = this.byColl.get(coll);
    if (!m) this.byColl.set(coll, (m = new Map()));
    m.set(id, doc);
  }

  *entries(): Generator<[coll: string, id: string, doc: Doc | null]> {
    for (const [coll, m] of this.byColl) for (const [id, doc] of m) yield [coll, id, doc];
  }
}

class Staging implements Tx {
  /** Every document read or kept in this batch: valid for the whole batch, which is one transaction. */
  private readonly known = new Docs();
  private readonly dirty = new Docs();
  /** The writes of the unit now running. */
  private unit = new Docs();

  constructor(private readonly tx: Tx) {}

  get shard(): number | undefined {
    return this.tx.shard;
  }

  async get<T extends Doc>(coll: string, id: string): Promise<T | null> {
    // null is a document removed (or known missing), not "not staged".
    let staged = this.unit.get(coll, id);
    if (staged === undefined) staged = this.known.get(coll, id);
    if (staged !== undefined) return staged as T | null;
    const doc = await this.tx.get<T>(coll, id);
    this.known.set(coll, id, doc);
    return doc;
  }

  async set<T extends Doc>(coll: string, doc: T): Promise<void> {
    this.unit.set(coll, doc._id, doc);
  }

  async remove(coll: string, id: string): Promise<void> {
    this.unit.set(coll, id, null);
  }

  /** The unit finished: its writes join the batch. */
  keep(): void {
    for (const [coll, id, doc] of this.unit.entries()) {
      this.known.set(coll, id, doc);
      this.dirty.set(coll, id, doc);
    }
    this.unit = new Docs();
  }

  /** The unit was refused: its writes are forgotten. */
  drop(): void {
    this.unit = new Docs();
  }

  async flush(): Promise<void> {
    for (const [coll, id, doc] of this.dirty.entries()) {
      if (doc) await this.tx.set(coll, doc);
      else await this.tx.remove(coll, id);
    }
  }
}

/** What a unit of work answers: its result, and the rollup change it makes (applied once per batch). */
export interface UnitResult<R> {
  value: R;
  /** A record's versions before and after (see writeRecord). */
  moved?: [before: Placed, after: Placed] | null;
}

export type Outcome<R> = { ok: true; value: R } | { ok: false; refusal: Refusal };

async function runUnits<T, R>(tx: Tx, items: readonly T[], work: (tx: Tx, item: T) => Promise<UnitResult<R>>): Promise<Outcome<R>[]> {
  const staging = new Staging(tx);
  const rollups = new RollupSums();
  const out: Outcome<R>[] = [];
  for (const item of items) {
    try {
      const done = await work(staging, item);
      staging.keep();
      if (done.moved) {
        rollups.add(done.moved[0], -1);
        rollups.add(done.moved[1], 1);
      }
      out.push({ ok: true, value: done.value });
    } catch (err) {
      staging.drop();
      if (!(err instanceof Refusal)) throw err;
      out.push({ ok: false, refusal: err });
    }
  }
  await applyRollupDelta(staging, rollups.delta());
  staging.keep();
  await staging.flush();
  return out;
}

/**
 * Runs `work` for each item, `items` in one transaction: an outcome per item, in order.
 * A refusal refuses only its item. Any other failure rolls the batch back and the items
 * are tried one per transaction, so the others still land; an item that fails on its own
 * throws (what landed before it is whole).
 */
export async function writeBatch<T, R>(
  store: Store,
  items: readonly T[],
  work: (tx: Tx, item: T) => Promise<UnitResult<R>>,
): Promise<Outcome<R>[]> {
  try {
    return await store.transaction((tx) => runUnits(tx, items, work));
  } catch (err) {
    if (items.length <= 1) throw err;
    const out: Outcome<R>[] = [];
    for (const item of items) out.push(...(await writeBatch(store, [item], work)));
    return out;
  }
}
