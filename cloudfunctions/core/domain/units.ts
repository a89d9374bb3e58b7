/**
 * Naming a unit in text (the CLI's --unit, the ledger import's 单位 column): by its path
 * from the district joined with '/' ('杏花营镇/前进村', the district's name optional at the
 * start), or by its name alone where that is unique. Pure.
 */
import type { Unit } from '../../../types/org';
import { Refusal } from './refusal';

const MAX_CANDIDATES = 10;

/** The names from the district down to the unit: ['示范区', '杏花营镇', '前进村']. */
export function unitNames(unit: Unit, byId: ReadonlyMap<string, Unit>): string[] {
  return unit.path.map((id) => byId.get(id)?.name ?? id);
}

/** A unit's name path from below the district: '杏花营镇/前进村'; the district itself is its name. */
export function unitRefOf(unit: Unit, byId: ReadonlyMap<string, Unit>): string {
  const names = unitNames(unit, byId);
  return (names.length > 1 ? names.slice(1) : names).join('/');
}

function segmentsOf(ref: string): string[] {
  return ref
    .split(/[/／]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A resolver over one tree (build it once for many lookups, as an import does). It answers
 * the unit, or throws a Refusal whose Chinese message lists the candidates.
 */
export function unitResolver(units: readonly Unit[]): (ref: string) => Unit {
  const byId = new Map(units.map((u) => [u._id, u]));
  // Every unit under two keys: its full name path, and the same without the district's name.
  const byPath = new Map<string, Unit[]>();
  const byName = new Map<string, Unit[]>();
  const add = (m: Map<string, Unit[]>, k: string, u: Unit) => m.set(k, [...(m.get(k) ?? []), u]);
  for (const u of units) {
    const names = unitNames(u, byId);
    add(byPath, names.join('/'), u);
    if (names.length > 1) add(byPath, names.slice(1).join('/'), u);
    add(byName, u.name, u);
  }
  const refs = (us: readonly Unit[]) =>
    us
      .map((u) => unitRefOf(u, byId))
      .sort((a, b) => a.localeCompare(b, 'zh'))
      .slice(0, MAX_CANDIDATES)
      .join('、');

  return (ref) => {
    const segs = segmentsOf(ref);
    if (!segs.length) throw new Refusal('INVALID', '未填写单位');
    const shown = segs.join('/');
    const found = segs.length === 1 ? (byName.get(segs[0]) ?? []) : (byPath.get(shown) ?? []);
    const unique = [...new Set(found)];
    if (unique.length === 1) return unique[0];
    if (unique.length > 1) {
      throw new Refusal('INVALID', `有${unique.length}个单位名为「${shown}」,请写出上级单位,如:${refs(unique)}`);
    }
    const last = segs[segs.length - 1];
    const sameName = byName.get(last) ?? [];
    const similar = sameName.length
      ? sameName
      : units.filter((u) => u.name.includes(last) || last.includes(u.name));
    throw new Refusal(
      'NOT_FOUND',
      similar.length ? `找不到单位「${shown}」,是否指:${refs(similar)}` : `找不到单位「${shown}」,请检查单位名称`,
    );
  };
}

export function resolveUnitRef(units: readonly Unit[], ref: string): Unit {
  return unitResolver(units)(ref);
}
