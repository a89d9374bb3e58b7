/**
 * Rules of the organisation tree (issue 12): which kinds sit under which, names unique under a
 * parent, where a unit may move, what retiring means, and the paths a move rewrites. Pure.
 */
import type { Unit } from '../../../types/org';
import { CHILD_KINDS } from '../../../types/tree';
import { Refusal } from './refusal';

export const RETIRED_MESSAGE = '该单位已撤销,不能新增记录';

/** Names are compared trimmed and as typed: 前进村 and 前进村 are one name, 前进村 and 前进社区 two. */
export function assertUniqueName(parent: Unit, siblings: readonly Unit[], name: string, selfId?: string): void {
  const taken = siblings.find((u) => u._id !== selfId && u.parentId === parent._id && u.name.trim() === name.trim());
  if (taken) throw new Refusal('CONFLICT', `「${parent.name}」下已有名为「${taken.name}」的单位`, { name: '同一上级下的单位名称不能重复' });
}

export function assertKindUnder(parent: Unit, kind: Unit['kind']): void {
  const allowed = CHILD_KINDS[parent.kind];
  if (!allowed.includes(kind)) {
    throw new Refusal(
      'INVALID',
      allowed.length ? `「${parent.name}」(${parent.kind})下只能设${allowed.join('、')}` : `「${parent.name}」是${parent.kind},其下不能再设单位`,
      { kind: '该类型不能设在所选上级之下' },
    );
  }
}

/** A unit that is being given children, or records, must be open. */
export function assertOpenParent(parent: Unit): void {
  if (parent.retired) throw new Refusal('INVALID', `「${parent.name}」已撤销,不能在其下设立或移入单位`, { parentId: '上级单位已撤销' });
}

/** Where `unit` may go: not the district itself, not under itself or below itself. */
export function assertMayMove(unit: Unit, to: Unit): void {
  if (unit.parentId === null) throw new Refusal('INVALID', '区级单位不能移动');
  if (to.path.includes(unit._id)) throw new Refusal('INVALID', `不能把「${unit.name}」移到它自己或它的下级单位之下`, { parentId: '不能移到自身或下级之下' });
}

/** Retiring: not the district; not while units under it are still open (move or retire those first). */
export function assertMayRetire(unit: Unit, children: readonly Unit[]): void {
  if (unit.parentId === null) throw new Refusal('INVALID', '区级单位不能撤销');
  const open = children.filter((c) => !c.retired);
  if (open.length) {
    throw new Refusal('INVALID', `「${unit.name}」下还有${open.length}个未撤销的单位(${open.slice(0, 3).map((c) => c.name).join('、')}${open.length > 3 ? '等' : ''}),请先移走或撤销`);
  }
}

/** Restoring: only under an open parent. */
export function assertMayRestore(parent: Unit | null): void {
  if (parent?.retired) throw new Refusal('INVALID', `上级单位「${parent.name}」已撤销,请先恢复上级单位`);
}

/**
 * A save into a retired unit is refused when it would add a record there (a new record, or one
 * moved in from another unit); records already there may still be corrected.
 */
export function assertOpenFor(unit: Unit, existing: { unitPath: readonly string[] } | null, field = 'unitId'): void {
  if (unit.retired && existing?.unitPath[existing.unitPath.length - 1] !== unit._id) {
    throw new Refusal('INVALID', RETIRED_MESSAGE, { [field]: RETIRED_MESSAGE });
  }
}

/** One move: the moved unit, its ancestors before (`from`, the old parent's path) and after (`to`). */
export interface Relocation {
  unitId: string;
  from: readonly string[];
  to: readonly string[];
}

/** A path in the moved subtree, rewritten; null when it is not (or no longer) under the old placement. */
export function relocatedPath(path: readonly string[], r: Relocation): string[] | null {
  const n = r.from.length;
  if (path[n] !== r.unitId || r.from.some((id, i) => path[i] !== id)) return null;
  return [...r.to, ...path.slice(n)];
}

/**
 * The ancestors whose figures change: `lost` stop counting the subtree, `gained` start. Those
 * on both sides (the district, a shared township) keep it, and the subtree's own units keep theirs.
 */
export function placementChange(r: Relocation): { lost: string[]; gained: string[] } {
  return { lost: r.from.filter((id) => !r.to.includes(id)), gained: r.to.filter((id) => !r.from.includes(id)) };
}

