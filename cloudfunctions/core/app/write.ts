/**
 * The one write path: a record, its rollups, coverage and audit line, and the lock check, in one
 * transaction. Every use case that changes a record writes through commitRecord (or writeRecord
 * inside a batch's transaction), so figures stay exact.
 */
import type { AuditEntry } from '../../../types/ledger';
import type { User } from '../../../types/org';
import type { Training } from '../../../types/training';
import { coverageKeys, coverageStep, type CoverageDoc } from '../domain/figures/coverage';
import { lockedMessage, lockIdsFor, type LockDoc } from '../domain/figures/locks';
import { changesWithoutParties } from '../domain/privacy';
import { addCounters, rollupDelta, shardId, type Contribution, type Placed, type RollupDoc } from '../domain/figures/rollup';
import { Refusal } from '../domain/refusal';
import type { AuditAction, Plan, Versioned } from '../domain/versioned';
import { C, type Store, type Tx } from '../platform/port';

/** Refuses a write that would change a locked period's figures: `touched`, the rollup documents it changes (read in the write's transaction). */
export async function assertUnlocked(tx: Tx, touched: Iterable<Pick<RollupDoc, 'unitId' | 'period'>>): Promise<void> {
  for (const id of lockIdsFor(touched)) {
    const lock = await tx.get<LockDoc>(C.locks, id);
    if (lock) throw new Refusal('LOCKED', lockedMessage(lock));
  }
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
 * One line of the audit trail, named by its record's version; a lock's (version 0: locks have
 * none) by its action and time, since a lock and its unlock can fall in the same millisecond.
 */
export function appendAudit(tx: Tx, entry: Omit<AuditEntry, '_id'>): Promise<void> {
  return tx.set(C.audit, { _id: `${entry.coll}:${entry.recordId}:${entry.version || `${entry.action}@${entry.at}`}`, ...entry });
}

/**
 * An act on a record that changes nothing in it (a document printed from a case): its own line in
 * the record's trail, beside the version it was done on, named by its action and time.
 */
export function auditAct(store: Store, entry: Omit<AuditEntry, '_id'>): Promise<void> {
  return store.set(C.audit, { _id: `${entry.coll}:${entry.recordId}:${entry.action}@${entry.at}`, ...entry });
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
  /** On a create only, inside the transaction: what a new record takes from the store (a case's 案号 from its unit's counter). */
  onCreate?: (tx: Tx, record: R) => Promise<R>;
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
  await assertUnlocked(tx, rollupDelta(before, after).values());
  const record = p.action === 'create' && spec.onCreate ? await spec.onCreate(tx, p.record) : p.record;
  await tx.set(spec.coll, record);
  await spec.also?.(tx, existing, record);
  await appendAudit(tx, {
    coll: spec.coll,
    recordId: spec.id,
    version: record.version,
    action: p.action,
    by: by._id,
    byName: by.name,
    at: record.updatedAt,
    changes: changesWithoutParties(p.changes, existing, record),
  });
  return { record, action: p.action, moved: [before, after] };
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
