/**
 * 矛盾纠纷排查: a round in which a unit's mediators go looking for disputes (a village's monthly
 * 排查), how many they found and how many of those they headed off. The statistics' 排查次数 /
 * 排查发现纠纷 / 预防纠纷 lines count these (DOMAIN.md "Monthly statistics").
 */
import * as v from 'valibot';
import { BizDate } from './dates';
import { RecordId } from './dispute';
import { UnitIdSchema } from './org';
import { BaseVersion, visibleText } from './validation';

/** Disputes one round can find: far above a village's month, low enough to catch a slip of the keyboard. */
export const MAX_FOUND = 10_000;

const Count = (label: string) =>
  v.pipe(v.number(`${label}须为数字`), v.integer(`${label}须为整数`), v.minValue(0, `${label}不能为负数`), v.maxValue(MAX_FOUND, `${label}超出合理范围`));

const isCount = (n: number) => Number.isInteger(n) && n >= 0 && n <= MAX_FOUND;

export const ScreeningInput = v.pipe(
  v.object({
    id: RecordId,
    unitId: UnitIdSchema,
    // Empty is its own message: the date picker starts empty only when cleared.
    date: v.pipe(v.string('请选择排查日期'), v.minLength(1, '请选择排查日期'), BizDate('排查日期')),
    found: Count('发现纠纷'),
    prevented: Count('预防纠纷'),
    note: v.optional(v.pipe(v.string('备注须为文本'), visibleText, v.trim(), v.maxLength(200, '备注不超过200字')), ''),
    baseVersion: v.optional(BaseVersion),
  }),
  // What a round prevents it first found: more prevented than found is a typo, and would make the
  // district's 预防纠纷 exceed its 排查发现纠纷. Judged only on a valid 发现纠纷 (else that is the message).
  v.forward(
    v.partialCheck([['found'], ['prevented']], (s) => !isCount(s.found) || s.prevented <= s.found, '预防纠纷不能多于发现纠纷'),
    ['prevented'],
  ),
);
export type ScreeningInput = v.InferOutput<typeof ScreeningInput>;

export interface Screening extends Omit<ScreeningInput, 'baseVersion'> {
  _id: string;
  unitPath: string[];
  version: number;
  deleted: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** What `dispute.screening` answers: the round, and whether this viewer may change it. */
export interface ScreeningView {
  record: Screening;
  canEdit: boolean;
}
