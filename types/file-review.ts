/**
 * 案卷评查 (issue 15): a supervisor above a case's unit checks its file against the district's
 * checklist and marks it 合格 or 需补正 (with a note the mediator reads on the case page).
 */
import * as v from 'valibot';
import { RecordId, REVIEW_RESULTS, type FileReview } from './dispute';
import { BaseVersion, visibleText } from './validation';

/** What the checklist can ask of a case file: what the product records (the district picks from these in 区级设置). */
export const CHECKLIST_ITEMS = ['案号', '当事人信息', '简要情况', '协议内容', '协议书照片', '回访记录', '司法确认'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const FileReviewInput = v.pipe(
  v.object({
    id: RecordId,
    /** The version the reviewer looked at: a case changed since is reviewed again, not blindly. */
    baseVersion: BaseVersion,
    result: v.picklist(REVIEW_RESULTS, '请选择合格或需补正'),
    note: v.optional(v.pipe(v.string('评查意见须为文本'), visibleText, v.trim(), v.maxLength(200, '评查意见不超过200字'))),
  }),
  v.forward(
    v.partialCheck([['result'], ['note']], (r) => r.result !== '需补正' || !!r.note, '需补正时请写明需补正的内容'),
    ['note'],
  ),
);
export type FileReviewInput = v.InferOutput<typeof FileReviewInput>;

/** One checklist line of a case: present or missing. */
export interface FileCheckLine {
  item: ChecklistItem;
  ok: boolean;
}

/** What `dispute.fileCheck` answers: the checklist on this case, its review, and whether the caller may review it. */
export interface FileCheckView {
  lines: FileCheckLine[];
  review?: FileReview;
  canReview: boolean;
}
