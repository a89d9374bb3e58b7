import * as v from 'valibot';
import { DEFAULT_DISPUTE_TYPES, DisputeTypeName } from './dispute';
import { CHECKLIST_ITEMS, type ChecklistItem } from './file-review';
import { DEFAULT_FOLLOW_UP_DAYS, FollowUpDays } from './followup';
import { BaseVersion, formObject } from './validation';

/** The district's settings: one document, edited by a district admin. */
export interface Settings {
  _id: 'district';
  /** The district's list of dispute types, in the order the form offers them (unset: the default list). */
  disputeTypes?: string[];
  /** Mediators may edit any case of their unit, not only their own. */
  unitWideEditing?: boolean;
  /** The day of the next month a month's report is due (报送截止日); unset: the 25th. */
  dueDay?: number;
  /** 案卷评查's checklist, in CHECKLIST_ITEMS' order; unset: every item. */
  reviewChecklist?: ChecklistItem[];
  /** Days after 调结 a 调解成功 case's 回访 is due; unset: 30. */
  followUpDays?: number;
  /** Absent until first saved; an edit names the version it edits. */
  version?: number;
  updatedAt?: string;
}

export const DISPUTE_TYPE_LIMIT = 40;

const firstRepeat = (names: readonly string[]) => names.find((n, i) => names.indexOf(n) !== i);

/** What 区级设置 saves. Form and function run this same schema. */
export const SettingsInput = formObject({
  disputeTypes: v.pipe(
    v.array(DisputeTypeName, '纠纷类型须为列表'),
    v.minLength(1, '至少保留一个纠纷类型'),
    v.maxLength(DISPUTE_TYPE_LIMIT, `纠纷类型不超过${DISPUTE_TYPE_LIMIT}个`),
    v.check((names) => !firstRepeat(names), (issue) => `纠纷类型「${firstRepeat(issue.input as string[])}」重复`),
  ),
  unitWideEditing: v.boolean('请选择是否允许同单位调解员互改案件'),
  /** Optional so that older clients' saves keep working; unset keeps the 25th. */
  dueDay: v.optional(
    v.pipe(v.number('报送截止日须为1到28之间的整数'), v.integer('报送截止日须为1到28之间的整数'), v.minValue(1, '报送截止日须为1到28之间的整数'), v.maxValue(28, '报送截止日须为1到28之间的整数')),
  ),
  /** Optional so that older clients' saves keep working; unset: every item. */
  reviewChecklist: v.optional(v.array(v.picklist(CHECKLIST_ITEMS, '评查项目不在可选范围内'), '评查项目须为列表')),
  /** Optional like dueDay; unset keeps 30. */
  followUpDays: v.optional(FollowUpDays),
  /** The version being edited; absent for the first save. */
  baseVersion: v.optional(BaseVersion),
});
export type SettingsInput = v.InferOutput<typeof SettingsInput>;

/** The dispute types a case may take now. */
export function disputeTypesOf(s: Pick<Settings, 'disputeTypes'>): readonly string[] {
  return s.disputeTypes?.length ? s.disputeTypes : DEFAULT_DISPUTE_TYPES;
}

/** 案卷评查's checklist now, in CHECKLIST_ITEMS' order. */
export function reviewChecklistOf(s: Pick<Settings, 'reviewChecklist'>): ChecklistItem[] {
  return CHECKLIST_ITEMS.filter((i) => !s.reviewChecklist || s.reviewChecklist.includes(i));
}

/** How many days after 调结 a 回访 is due. */
export const followUpDaysOf = (s: Pick<Settings, 'followUpDays'>): number => s.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS;

/** What `settings.get` answers. */
export interface SettingsView {
  disputeTypes: string[];
  /** The official list, for 恢复默认. */
  defaultDisputeTypes: readonly string[];
  unitWideEditing: boolean;
  /** The day of the next month a month's report is due. */
  dueDay: number;
  reviewChecklist: ChecklistItem[];
  /** Days after 调结 a 回访 is due. */
  followUpDays: number;
  /** Absent until first saved. */
  version?: number;
  updatedAt?: string;
  /** The caller is a district admin, who may change them. */
  canEdit: boolean;
}
