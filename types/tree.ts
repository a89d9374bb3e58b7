/**
 * Administering the organisation tree (issue 12): add, rename, move, retire a unit. The `org`
 * function answers these; the app's 组织架构 page sends them. Only admins whose grant reaches
 * the unit (for a move, both the old and the new parent) may change the tree.
 */
import * as v from 'valibot';
import { RecordId } from './dispute';
import { UNIT_KINDS, UnitIdSchema, type Unit, type UnitKind } from './org';
import { visibleText } from './validation';

/** The kinds a unit of each kind may hold: 区 → 乡镇街道 and 区直 bodies; 乡镇街道 → 村社区. */
export const CHILD_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  区: ['乡镇街道', '区直'],
  乡镇街道: ['村社区'],
  村社区: [],
  区直: [],
};

/** A unit's name as the 单位 sheet takes it: '/' writes a path, so no name holds one. */
export const UnitName = v.pipe(
  v.string('请填写单位名称'),
  visibleText,
  v.trim(),
  v.minLength(1, '请填写单位名称'),
  v.maxLength(50, '单位名称不超过50字'),
  v.check((s) => !/[/／]/.test(s), '单位名称不能含有“/”'),
);

export const UnitInput = v.object({
  /** Made on the phone like a record id: resending creates one unit. */
  id: RecordId,
  name: UnitName,
  kind: v.picklist(UNIT_KINDS, '请选择单位类型'),
  parentId: UnitIdSchema,
});
export type UnitInput = v.InferOutput<typeof UnitInput>;

export const RenameUnit = v.object({ unitId: UnitIdSchema, name: UnitName });
export type RenameUnit = v.InferOutput<typeof RenameUnit>;

/** The unit with everything under it (units, records, figures) goes under `parentId`. */
export const MoveUnit = v.object({ unitId: UnitIdSchema, parentId: UnitIdSchema });
export type MoveUnit = v.InferOutput<typeof MoveUnit>;

export const RetireUnit = v.object({ unitId: UnitIdSchema, retired: v.boolean('请选择撤销或恢复') });
export type RetireUnit = v.InferOutput<typeof RetireUnit>;

export const UnitRef = v.object({ unitId: UnitIdSchema });

/** What `org.tree` answers: every unit the caller administers (retired ones too), and which they may change. */
export interface TreeView {
  units: Unit[];
  /** The units the caller's admin grants sit at: they may change those and everything below. */
  roots: string[];
}

/**
 * A move that runs longer than one call answers `running` and goes on when `org.move` is
 * sent again with the same unit and parent; `done`/`total` count the records rewritten.
 */
export interface MoveProgress {
  unitId: string;
  toParentId: string;
  state: 'running' | 'done';
  done: number;
  total: number;
}
