import * as v from 'valibot';
import { MonthSchema } from './dates';
import { DisputeTypeName, OUTCOMES, RecordId, type Dispute } from './dispute';
import { DUE_KINDS } from './followup';
import { UnitIdSchema } from './org';
import { BaseVersion, paging } from './validation';

/** The most cases one `dispute.list` answer holds. */
export const LIST_MAX = 200;

/** A list of dated records (宣传活动, 排查 rounds): of an area (default: my unit), of a month (default: all). */
export const DatedListQuery = v.object({
  unitId: v.optional(UnitIdSchema),
  month: v.optional(MonthSchema),
});
export type DatedListQuery = v.InferOutput<typeof DatedListQuery>;

/** 我的台账 filters. */
export const DisputeListQuery = v.object({
  month: v.optional(MonthSchema),
  outcome: v.optional(v.picklist(OUTCOMES, '调解结果不正确')),
  type: v.optional(DisputeTypeName),
  q: v.optional(v.pipe(v.string('搜索词须为文本'), v.maxLength(50, '搜索词过长'))),
  /** What is due (the home page's counts): 在办, 待回访, 司法确认待申请. */
  due: v.optional(v.picklist(DUE_KINDS, '筛选条件不正确')),
  /** A supervisor's list: the cases of this unit's subtree, not the caller's own. */
  unitId: v.optional(UnitIdSchema),
  ...paging(LIST_MAX, 50),
});
export type DisputeListQuery = v.InferOutput<typeof DisputeListQuery>;

export const RecordRef = v.object({ id: RecordId });
export const RecordVersionRef = v.object({ id: RecordId, baseVersion: BaseVersion });

export interface DisputeList {
  items: Dispute[];
  /** How many match; absent for a search, which is not counted. */
  total?: number;
  /** More match than the page holds. */
  more: boolean;
}

/** A case as `dispute.get` shows it to this viewer. */
export interface DisputeView {
  record: Dispute;
  /** Party names/phones are in full (else masked). */
  canSeePrivate: boolean;
  /** The viewer may edit, close, copy or delete it. */
  canEdit: boolean;
  /** The viewer may read its history (the recorder, supervisors above). */
  canSeeHistory: boolean;
  /** Where to show each of `record.attachments` from, in order (CloudBase's links are temporary: asked for with the case). */
  photoUrls: string[];
}

/** One line of a record's audit trail. Personal information never appears in `changes`. */
export interface AuditEntry {
  _id: string;
  coll: string;
  recordId: string;
  version: number;
  action: 'create' | 'edit' | 'close' | 'delete' | 'lock' | 'unlock'
    // The reporting cycle (types/reporting.ts), and a unit marked 不需报送 or expected again.
    | 'submit' | 'approve' | 'return' | 'unapprove' | 'exempt'
    // A 卷宗文书 printed from a case (its `changes` name the document).
    | 'document'
    // 案卷评查 (types/file-review.ts).
    | 'review'
    // Two roster entries of one person merged (on both entries' trails).
    | 'merge';
  by: string;
  byName: string;
  at: string;
  changes: Record<string, [unknown, unknown]>;
}

/** 修改记录's words for each act. */
export const AUDIT_ACTION_LABELS: Record<AuditEntry['action'], string> = {
  create: '登记', edit: '修改', close: '结案', delete: '删除', lock: '锁定', unlock: '解锁',
  submit: '上报', approve: '审核通过', return: '退回', unapprove: '撤销审核', exempt: '设置报送',
  document: '生成文书',
  review: '案卷评查',
  merge: '合并人员',
};
