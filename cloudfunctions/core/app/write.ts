/** Port operations the use cases share: units, settings, rollups, the audit trail, paging, and the one write path (record + rollups + coverage + audit + lock check, one transaction). */
import type { AuditEntry } from '../../../types/ledger';
import type { Role, Unit, User } from '../../../types/org';
import type { Settings } from '../../../types/settings';
import type { Training } from '../../../types/training';
import { coverageKeys, coverageStep, type CoverageDoc } from '../domain/figures/coverage';
import { lockedMessage, lockIdsFor, type LockDoc } from '../domain/figures/locks';
import { grantUnits } from '../../../types/reach';
import {
  addCounters, mergeShards, rollupDelta, rollupId, shardId, type Contribution, type Counters, type Placed, type RollupDoc,
} from '../domain/figures/rollup';
import type { AuditAction, Plan, Versioned } from '../domain/versioned';
import { Refusal } from '../domain/refusal';
import { C, type Doc, type Filter, type Store, type Tx } from '../platform/port';

export async function requireUnit(store: Store | Tx, unitId: string): Promise<Unit> {
  const unit = await store.get<Unit>(C.units, unitId);
  if (!unit) throw new Refusal('INVALID', '所选单位不存在', { unitId: '所选单位不存在' });
  return unit;
}

/** The district (the top of the tree) when `caller` holds one of `roles` there, else null. */
export async function districtGrant(store: Store, caller: User, roles: readonly Role[]): Promise<Unit | null> {
  for (const id of grantUnits(caller, roles)) {
    const unit = await store.get<Unit>(C.units, id);
    if (unit?.parentId === null) return unit;
  }
  return null;
}

/** District-wide settings (one document; absent until an admin first saves them). */
export async function readSettings(store: Store): Promise<Settings> {
  return (await store.get<Settings>(C.settings, 'district')) ?? { _id: 'district' };
}

const KIND_ORDER: Record<string, number> = { 乡镇街道: 0, 村社区: 1, 区直: 2, 区: 3 };

/** Sub-units in the order people read them: townships, then villages, then district bodies; by name. */
export async function childUnits(store: Store, parentId: string): Promise<Unit[]> {
  const units = await store.find<Unit>(C.units, { parentId });
  return units.sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.name.localeCompare(b.name, 'zh'));
}

/** Refuses a write that would touch anything dated in a locked period (read in the write's transaction). */
export async function assertUnlocked(tx: Tx, versions: Placed[]): Promise<void> {
  for (const id of lockIdsFor(versions)) {
    const lock = await tx.get<LockDoc>(C.locks, id);
    if (lock) throw new Refusal('LOCKED', lockedMessage(lock));
  }
}

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

/** Inside the write's transaction: each rollup's shard (the attempt's, see rollup.ts) read, added to, written back. */
export async function applyRollupDelta(tx: Tx, delta: Map<string, RollupDoc>): Promise<void> {
  for (const d of delta.values()) {
    const id = shardId(d._id, tx.shard ?? 0);
    const stored = await tx.get<RollupDoc>(C.rollups, id);
    const next = addCounters(stored, { ...d, _id: id });
    if (Object.keys(next.c).length) await tx.set(C.rollups, next);
    else if (stored) await tx.remove(C.rollups, id);
  }
}

/**
 * The counters of each unit × period asked for, in one query: their shards summed. Costs the
 * documents of the units and periods in view, whatever the number of records.
 */
export async function readRollups(
  store: Store,
  unitIds: readonly string[],
  periods: readonly string[],
): Promise<(unitId: string, period: string) => Counters> {
  const docs = await store.find<RollupDoc>(C.rollups, {
    unitId: unitIds.length === 1 ? unitIds[0] : { $in: unitIds },
    period: periods.length === 1 ? periods[0] : { $in: periods },
  });
  const merged = mergeShards(docs);
  return (unitId, period) => merged.get(rollupId(unitId, period))?.c ?? {};
}

export async function readRollup(store: Store, unitId: string, period: string): Promise<Counters> {
  return (await readRollups(store, [unitId], [period]))(unitId, period);
}

/**
 * One line of the audit trail, named by its record's version; a lock's (version 0: locks have
 * none) by its action and time, since a lock and its unlock can fall in the same millisecond.
 */
export function appendAudit(tx: Tx, entry: Omit<AuditEntry, '_id'>): Promise<void> {
  return tx.set(C.audit, { _id: `${entry.coll}:${entry.recordId}:${entry.version || `${entry.action}@${entry.at}`}`, ...entry });
}

interface CommitSpec<R extends Versioned> {
  coll: string;
  id: string;
  /** Decides from the stored record (read inside the transaction) what to write. */
  plan: (existing: R | null) => Plan<R>;
  /** What a version of the record adds to the rollups (nothing for null or deleted). */
  contributions: (r: R | null) => Contribution[];
  /** Further writes that must land with it, e.g. attendance coverage when a session moves. */
  also?: (tx: Tx, before: R | null, after: R) => Promise<void>;
}

export interface Written<R> {
  record: R;
  /** What was written (null: the record was already so, nothing written). */
  action: AuditAction | null;
  /** Where the record counted before and counts now: its rollup change, not yet applied. */
  moved: [before: Placed, after: Placed] | null;
}

/**
 * Inside a transaction: the record, its audit entry (and `also`), after the lock check;
 * answers the rollup change for the caller to apply in the same transaction (commitRecord
 * at once, an import once per batch of rows).
 */
export async function writeRecord<R extends Versioned>(tx: Tx, by: User, spec: CommitSpec<R>): Promise<Written<R>> {
  const existing = await tx.get<R>(spec.coll, spec.id);
  const p = spec.plan(existing);
  if (p.kind === 'unchanged') return { record: p.record, action: null, moved: null };
  const before = { unitPath: existing?.unitPath ?? [], contributions: spec.contributions(existing) };
  const after = { unitPath: p.record.unitPath, contributions: spec.contributions(p.record) };
  await assertUnlocked(tx, [before, after]);
  await tx.set(spec.coll, p.record);
  await spec.also?.(tx, existing, p.record);
  await appendAudit(tx, {
    coll: spec.coll,
    recordId: spec.id,
    version: p.record.version,
    action: p.action,
    by: by._id,
    byName: by.name,
    at: p.record.updatedAt,
    changes: p.changes,
  });
  return { record: p.record, action: p.action, moved: [before, after] };
}

/**
 * One transaction: the record, its rollup change, its audit entry (and `also`) land
 * together or not at all. A retry that changes nothing writes nothing.
 */
export function commitRecord<R extends Versioned>(store: Store, by: User, spec: CommitSpec<R>): Promise<R> {
  return store.transaction(async (tx) => {
    const written = await writeRecord(tx, by, spec);
    if (written.moved) await applyRollupDelta(tx, rollupDelta(...written.moved));
    return written.record;
  });
}

/**
 * Inside a transaction: `personIds` start (+1) or stop (-1) attending session `t` for
 * coverage. Each (unit, period, person) count moves; T2 moves only across zero.
 */
export async function applyCoverage(tx: Tx, t: Training, personIds: readonly string[], sign: 1 | -1): Promise<void> {
  const t2 = new Map<string, RollupDoc>();
  for (const personId of personIds) {
    for (const k of coverageKeys(t.unitPath, t.date, personId)) {
      const stored = await tx.get<CoverageDoc>(C.coverage, k.coverageId);
      const step = coverageStep(stored, sign);
      if (step.n) await tx.set(C.coverage, { _id: k.coverageId, n: step.n });
      else if (stored) await tx.remove(C.coverage, k.coverageId);
      if (!step.t2) continue;
      const doc = t2.get(k.rollupId) ?? { _id: k.rollupId, unitId: k.unitId, period: k.period, c: { T2: 0 } };
      doc.c.T2 += step.t2;
      t2.set(k.rollupId, doc);
    }
  }
  await applyRollupDelta(tx, t2);
}
