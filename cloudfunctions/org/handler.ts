/** 组织架构: the tree an admin administers; add, rename, move (with everything under it), retire or restore a unit, set its 案号 简称. */
import { SetShortCode } from '../../types/case-no';
import { MoveUnit, RenameUnit, RetireUnit, UnitInput, UnitRef } from '../../types/tree';
import { addUnit, moveProgress, moveUnit, readTree, renameUnit, retireUnit, setShortCode } from '../core/app/tree';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const org: CloudFunction = {
  tree: (_payload, call) => readTree(call),
  add: (payload, call) => addUnit(call, parse(UnitInput, payload)),
  rename: (payload, call) => renameUnit(call, parse(RenameUnit, payload)),
  move: (payload, call) => moveUnit(call, parse(MoveUnit, payload)),
  moveProgress: (payload, call) => moveProgress(call, parse(UnitRef, payload).unitId),
  retire: (payload, call) => retireUnit(call, parse(RetireUnit, payload)),
  shortCode: (payload, call) => setShortCode(call, parse(SetShortCode, payload)),
};
