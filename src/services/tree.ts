/**
 * Typed calls for 组织架构, and what its page works out without the back end: the tree's rows
 * in order, where a unit may move, and running a move to its end (a long one answers `running`
 * and is sent again; progress is polled meanwhile).
 */
import type { Unit } from '../../types/org';
import { CHILD_KINDS, type MoveProgress, type TreeView, type UnitInput } from '../../types/tree';
import { call } from './backend';
import { forgetMe } from './ledger';
import { newRecordId } from './ids';

export const getTree = () => call<TreeView>('org', 'tree');

/** Online only, like the settings: an admin's occasional change. My cached 'me' lists units by name, so it is dropped. */
async function changed<T>(p: Promise<T>): Promise<T> {
  const r = await p;
  forgetMe();
  return r;
}

export const addUnit = (input: Omit<UnitInput, 'id'>, id = newRecordId()) => changed(call<Unit>('org', 'add', { id, ...input }));
export const renameUnit = (unitId: string, name: string) => changed(call<Unit>('org', 'rename', { unitId, name }));
export const retireUnit = (unitId: string, retired: boolean) => changed(call<Unit>('org', 'retire', { unitId, retired }));
export const setShortCode = (unitId: string, shortCode: string) => call<Unit>('org', 'shortCode', { unitId, shortCode });

/** Sends the move until it is done, reporting how far it has got every second while a call runs. */
export async function moveUnit(unitId: string, parentId: string, onProgress: (p: MoveProgress) => void): Promise<MoveProgress> {
  const poll = setInterval(() => {
    call<MoveProgress | null>('org', 'moveProgress', { unitId }).then((p) => p && p.toParentId === parentId && onProgress(p), () => undefined);
  }, 1000);
  try {
    for (;;) {
      const p = await call<MoveProgress>('org', 'move', { unitId, parentId });
      onProgress(p);
      if (p.state === 'done') {
        forgetMe();
        return p;
      }
    }
  } finally {
    clearInterval(poll);
  }
}

export interface TreeRow {
  unit: Unit;
  depth: number;
  hasChildren: boolean;
}

/** The rows shown: each unit under its parent, by kind then name, below a parent only when it is expanded. */
export function treeRows(units: readonly Unit[], expanded: ReadonlySet<string>): TreeRow[] {
  const byParent = new Map<string | null, Unit[]>();
  const ids = new Set(units.map((u) => u._id));
  for (const u of units) {
    const key = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), u]);
  }
  const order: Record<string, number> = { 乡镇街道: 0, 村社区: 1, 区直: 2, 区: 3 };
  const rows: TreeRow[] = [];
  const walk = (parent: string | null, depth: number) => {
    const children = (byParent.get(parent) ?? []).sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, 'zh'));
    for (const unit of children) {
      const hasChildren = byParent.has(unit._id);
      rows.push({ unit, depth, hasChildren });
      if (hasChildren && expanded.has(unit._id)) walk(unit._id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

/** Where `unit` may go: an open unit of a kind that holds it, not its parent, not itself or below it. */
export function moveTargets(units: readonly Unit[], unit: Unit): Unit[] {
  return units.filter((p) => !p.retired && p._id !== unit.parentId && !p.path.includes(unit._id) && CHILD_KINDS[p.kind].includes(unit.kind));
}
