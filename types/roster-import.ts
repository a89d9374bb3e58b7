/** 名册导入: a trainer adds the people of a 签到-shaped sheet (姓名, 手机号, 所属单位) to the roster from the 名册 page. */
import * as v from 'valibot';
import { ImportInput, type RowError } from './import';
import { UnitIdSchema } from './org';

export const RosterImportInput = v.object({
  ...ImportInput.entries,
  /** Where a row without 所属单位 joins the roster: the village the roster page shows, else my area. */
  unitId: v.optional(UnitIdSchema),
});
export type RosterImportInput = v.InferOutput<typeof RosterImportInput>;

export interface RosterImportResult {
  /** 人新增: entries added to the roster. */
  added: number;
  /** 人已在名册: rows that are someone already on it (the one-person rule), changing nothing. */
  matched: number;
  /** 行有误: rows refused, each changing nothing. */
  refused: number;
  /** The first refused rows: row number as Excel shows it, column, reason in Chinese. */
  errors: Pick<RowError, 'row' | 'column' | 'reason'>[];
  /** Unknown columns ignored, and the like. */
  warnings: string[];
  /** The store failed midway: what landed, and that importing the same file again finishes it. */
  stopped?: string;
}
