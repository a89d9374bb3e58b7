/**
 * 组织架构 use cases (issue 12): the tree an admin administers, and adding, renaming, moving and
 * retiring a unit. Rules in domain/tree.ts; every change is audited (coll 'units').
 *
 * A move rewrites everything under the unit: the units' paths, then each record's unitPath
 * (disputes, trainings, publicity, 排查, people) and that of each lock, invitation and kept file, in batches. A record's rewrite and
 * its figures' change land in one transaction: its counters leave the ancestors the unit no
 * longer has and reach those it gains (the same rollup sums and coverage steps the write path
 * uses), and ancestors on both sides are untouched. Each record is rewritten only while it still
 * sits at the old placement, so a move that stops (the call's time is up, the process dies)
 * leaves every record either fully moved or not at all; sending the same move again goes on from
 * there (C.moves keeps where it goes), and the figures are exact at every step.
 */
import { periodLabel } from '../../../types/dates';
import type { SetShortCode } from '../../../types/case-no';
import type { Unit, User } from '../../../types/org';
import { grantUnits } from '../../../types/reach';
import type { MoveProgress, MoveUnit, RenameUnit, RetireUnit, TreeView, UnitInput } from '../../../types/tree';
import type { Training } from '../../../types/training';
import type { Contribution } from '../domain/figures/rollup';
import { lockedMessage } from '../domain/figures/locks';
import { authorize } from '../domain/reach';
import { Refusal } from '../domain/refusal';
import { countsForCoverage } from '../domain/training';
import {
  assertKindUnder, assertMayMove, assertMayRestore, assertMayRetire, assertOpenParent, assertUniqueName, placementChange, relocatedPath, type Relocation,
} from '../domain/tree';
import { C, type Call, type Doc, type Store, type Tx } from '../platform/port';
import { writeBatch } from './batch';
import { locksAt } from './queries/locks';
import { COUNTED } from './recount';
import { readRollups } from './queries/rollups';
import { atOldPlacement, childUnits, countUnder, requireUnit, subtree, unitsUnderGrants } from './queries/units';
import { appendAudit, applyCoverage } from './write';

const ADMIN = ['admin'] as const;

/** What a tree change needs (a whole Call is one): the 单位 sheet of an import renames and moves units through these too. */
export type TreeCall = Pick<Call, 'store' | 'now' | 'caller'> & Partial<Call>;

/** What a move of `unitId` keeps between calls (C.moves, keyed by the unit: one move of a unit at a time). */
interface MoveDoc extends Doc, MoveProgress, Relocation {
  unitName: string;
  fromParentId: string;
  by: string;
  startedAt: string;
  updatedAt: string;
}

/** Everything stored with a unitPath that a move carries along, and what each record adds to the rollups. */
const CARRIED: { coll: string; contributions: (r: Doc) => Contribution[] }[] = [
  ...COUNTED,
  { coll: C.people, contributions: () => [] },
  { coll: C.locks, contributions: () => [] },
  // Who may use an invitation or fetch a file is decided by the unitPath they keep.
  { coll: C.invitations, contributions: () => [] },
  { coll: C.files, contributions: () => [] },
];

/** A call stops taking new batches after this long and answers `running` (the platform allows 60 s). */
const MOVE_SLICE_MS = 40_000;

function auditUnit(tx: Tx, by: User, unitId: string, at: string, action: 'create' | 'edit', changes: Record<string, [unknown, unknown]>) {
  return appendAudit(tx, { coll: C.units, recordId: unitId, version: 0, action, by: by._id, byName: by.name, at, changes });
}

/** The units the caller administers (retired ones too), for the 组织架构 page. */
export async function readTree(call: Call): Promise<TreeView> {
  const roots = grantUnits(call.caller, ADMIN);
  if (!roots.length) throw new Refusal('FORBIDDEN', '只有管理员可以管理组织架构');
  return { units: await unitsUnderGrants(call.store, call.caller, ADMIN), roots };
}

/** Adds a unit under a parent the caller administers; resending the same unit is one unit. */
export async function addUnit(call: Call, input: UnitInput): Promise<Unit> {
  const same = (u: Unit) => u.name === input.name && u.kind === input.kind && u.parentId === input.parentId;
  const stored = await call.store.get<Unit>(C.units, input.id);
  if (stored) {
    if (same(stored)) return stored;
    throw new Refusal('CONFLICT', '该单位编号已被其他单位使用,请重新添加');
  }
  const parent = await requireUnit(call.store, input.parentId);
  authorize(call.caller, ADMIN, parent);
  assertOpenParent(parent);
  assertKindUnder(parent, input.kind);
  assertUniqueName(parent, await childUnits(call.store, parent._id), input.name);
  const unit: Unit = { _id: input.id, name: input.name, kind: input.kind, parentId: parent._id, path: [...parent.path, input.id] };
  return call.store.transaction(async (tx) => {
    const raced = await tx.get<Unit>(C.units, unit._id);
    if (raced) return raced;
    await tx.set(C.units, unit);
    await auditUnit(tx, call.caller, unit._id, call.now().toISOString(), 'create', { name: [null, unit.name], kind: [null, unit.kind], parentId: [null, parent._id] });
    return unit;
  });
}

export async function renameUnit(call: TreeCall, { unitId, name }: RenameUnit): Promise<Unit> {
  const unit = await requireUnit(call.store, unitId);
  authorize(call.caller, ADMIN, unit);
  if (unit.name === name) return unit;
  if (unit.parentId) {
    const parent = await requireUnit(call.store, unit.parentId);
    assertUniqueName(parent, await childUnits(call.store, parent._id), name, unit._id);
  }
  // Locks name their unit in their refusal message: they follow the new name.
  const locks = await locksAt(call.store, [unit._id]);
  return call.store.transaction(async (tx) => {
    const current = await requireUnit(tx, unitId);
    const renamed = { ...current, name };
    await tx.set(C.units, renamed);
    for (const lock of locks) await tx.set(C.locks, { ...lock, unitName: name });
    await auditUnit(tx, call.caller, unitId, call.now().toISOString(), 'edit', { name: [current.name, name] });
    return renamed;
  });
}

/** Who sets a unit's 简称 (案号): its admins, and the supervisors whose grant reaches it. */
const SHORT_CODE_SETTERS = ['admin', 'supervisor'] as const;

/** 单位简称 of the unit's case numbers: the numbers given from now on take it; those given stay as they are. */
export async function setShortCode(call: Call, { unitId, shortCode }: SetShortCode): Promise<Unit> {
  authorize(call.caller, SHORT_CODE_SETTERS, await requireUnit(call.store, unitId));
  return call.store.transaction(async (tx) => {
    const current = await requireUnit(tx, unitId);
    if (current.shortCode === shortCode) return current;
    const next = { ...current, shortCode };
    await tx.set(C.units, next);
    await auditUnit(tx, call.caller, unitId, call.now().toISOString(), 'edit', { shortCode: [current.shortCode ?? null, shortCode] });
    return next;
  });
}

/** 撤销 (retired: true) or 恢复: a retired unit takes no new records; what it recorded stays in the figures. */
export async function retireUnit(call: Call, { unitId, retired }: RetireUnit): Promise<Unit> {
  const unit = await requireUnit(call.store, unitId);
  authorize(call.caller, ADMIN, unit);
  if (!!unit.retired === retired) return unit;
  if (retired) assertMayRetire(unit, await childUnits(call.store, unit._id));
  else assertMayRestore(unit.parentId ? await requireUnit(call.store, unit.parentId) : null);
  return call.store.transaction(async (tx) => {
    const { retired: _was, ...current } = await requireUnit(tx, unitId);
    const next: Unit = retired ? { ...current, retired: true } : current;
    await tx.set(C.units, next);
    await auditUnit(tx, call.caller, unitId, call.now().toISOString(), 'edit', { retired: [!retired, retired] });
    return next;
  });
}

/** How far a move of this unit has got (null: none was started). Open to admins reaching the unit. */
export async function moveProgress(call: Call, unitId: string): Promise<MoveProgress | null> {
  authorize(call.caller, ADMIN, await requireUnit(call.store, unitId));
  const doc = await call.store.get<MoveDoc>(C.moves, unitId);
  return doc && { unitId: doc.unitId, toParentId: doc.toParentId, state: doc.state, done: doc.done, total: doc.total };
}

/**
 * Refuses a move that would change figures of a locked period: a lock at an ancestor the unit
 * leaves or joins, for a period in which the unit's subtree has counted anything.
 */
async function assertNoLockedFigures(store: Store, unit: Unit, r: Relocation): Promise<void> {
  const { lost, gained } = placementChange(r);
  const locks = await locksAt(store, [...lost, ...gained]);
  if (!locks.length) return;
  const counters = await readRollups(store, [unit._id], [...new Set(locks.map((l) => l.period))]);
  const hit = locks.find((l) => Object.keys(counters(unit._id, l.period)).length > 0);
  if (hit) {
    throw new Refusal(
      'LOCKED',
      `${lockedMessage(hit)}。「${unit.name}」${periodLabel(hit.period)}有记录,移动会改变「${hit.unitName}」该期间的数字,不能移动`,
    );
  }
}

async function startMove(call: TreeCall, unit: Unit, to: Unit): Promise<MoveDoc> {
  assertMayMove(unit, to);
  const from = await requireUnit(call.store, unit.parentId!);
  authorize(call.caller, ADMIN, from);
  authorize(call.caller, ADMIN, to);
  assertOpenParent(to);
  assertKindUnder(to, unit.kind);
  assertUniqueName(to, await childUnits(call.store, to._id), unit.name, unit._id);
  const running = await call.store.find<MoveDoc>(C.moves, { state: 'running' }, { limit: 1 });
  if (running.length) throw new Refusal('CONFLICT', `「${running[0].unitName}」正在调整上级单位,请等它完成后再移动其他单位`);
  const r: Relocation = { unitId: unit._id, from: from.path, to: to.path };
  await assertNoLockedFigures(call.store, unit, r);
  let total = 0;
  for (const { coll } of CARRIED) total += await countUnder(call.store, coll, unit._id);
  const at = call.now().toISOString();
  const doc: MoveDoc = {
    _id: unit._id, unitId: unit._id, unitName: unit.name, fromParentId: from._id, toParentId: to._id, from: from.path, to: to.path,
    state: 'running', done: 0, total, by: call.caller._id, startedAt: at, updatedAt: at,
  };
  await call.store.transaction(async (tx) => {
    await tx.set(C.moves, doc);
    await auditUnit(tx, call.caller, unit._id, at, 'edit', { parentId: [from._id, to._id] });
  });
  return doc;
}

/** The units of the subtree get their new paths (the moved unit its new parent); those already moved are left. */
async function moveUnits(store: Store, r: Relocation, parentId: string, batch: number): Promise<void> {
  const units = (await subtree(store, r.unitId)).filter((u) => relocatedPath(u.path, r));
  for (let i = 0; i < units.length; i += batch) {
    await store.transaction(async (tx) => {
      for (const u of units.slice(i, i + batch)) {
        const current = await tx.get<Unit>(C.units, u._id);
        const path = current && relocatedPath(current.path, r);
        if (path) await tx.set(C.units, { ...current, path, ...(current._id === r.unitId ? { parentId } : {}) });
      }
    });
  }
}

/**
 * One batch of a collection's documents still at the old placement, rewritten with their figures'
 * change; answers how many moved (0: the collection is done).
 */
async function moveRecords(store: Store, r: Relocation, source: (typeof CARRIED)[number], batch: number): Promise<number> {
  const page = await atOldPlacement<Doc & { unitPath: string[] }>(store, source.coll, r, batch);
  if (!page.length) return 0;
  const { lost, gained } = placementChange(r);
  const outcomes = await writeBatch(store, page, async (tx, { _id }) => {
    const current = await tx.get<Doc & { unitPath: string[] }>(source.coll, _id);
    const unitPath = current && relocatedPath(current.unitPath, r);
    if (!current || !unitPath) return { value: 0 };
    await tx.set(source.coll, { ...current, unitPath });
    if (source.coll === C.trainings && countsForCoverage(current as Training)) {
      const t = current as Training;
      await applyCoverage(tx, { ...t, unitPath: lost }, t.attendees, -1);
      await applyCoverage(tx, { ...t, unitPath: gained }, t.attendees, 1);
    }
    const contributions = source.contributions(current);
    return { value: 1, moved: [{ unitPath: lost, contributions }, { unitPath: gained, contributions }] };
  });
  return outcomes.reduce((n, o) => n + (o.ok ? o.value : 0), 0);
}

/**
 * Moves the unit with everything under it under `parentId`. Answers `done`, or `running` when
 * this call's time ran out first: sending the same move again goes on where it stopped.
 */
export async function moveUnit(call: TreeCall, { unitId, parentId }: MoveUnit, onProgress?: (p: MoveProgress) => void): Promise<MoveProgress> {
  const unit = await requireUnit(call.store, unitId);
  const to = await requireUnit(call.store, parentId);
  let doc = await call.store.get<MoveDoc>(C.moves, unitId);
  if (doc?.state === 'running') {
    // Resuming: the figures already half-moved must finish moving, so the checks made at the start are not made again.
    if (doc.toParentId !== parentId) throw new Refusal('CONFLICT', `「${unit.name}」上次的移动尚未完成,请先完成移到原定的上级单位`);
    authorize(call.caller, ADMIN, to);
  } else {
    if (unit.parentId === parentId) throw new Refusal('INVALID', `「${unit.name}」已在「${to.name}」之下`);
    doc = await startMove(call, unit, to);
  }
  const started = Date.now();
  const batch = Math.max(1, call.store.batchSize ?? 1);
  const progress = (d: MoveDoc): MoveProgress => ({ unitId: d.unitId, toParentId: d.toParentId, state: d.state, done: d.done, total: d.total });
  const save = async (d: MoveDoc) => {
    await call.store.set(C.moves, { ...d, updatedAt: call.now().toISOString() });
    onProgress?.(progress(d));
  };
  await moveUnits(call.store, doc, parentId, batch);
  for (const source of CARRIED) {
    for (;;) {
      if (Date.now() - started > MOVE_SLICE_MS) return progress(doc);
      const moved = await moveRecords(call.store, doc, source, batch);
      if (!moved) break;
      doc = { ...doc, done: doc.done + moved };
      await save(doc);
    }
  }
  doc = { ...doc, state: 'done' };
  await save(doc);
  return progress(doc);
}
