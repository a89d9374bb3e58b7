import * as v from 'valibot';
import type { Attachment } from './attachments';
import { BizDate, PlannedDate } from './dates';
import { RecordId } from './dispute';
import { UPLOADED_FILE_ID } from './files';
import { UnitIdSchema, type Role } from './org';
import { PhoneSchema } from './phone';
import { BaseVersion, paging, visibleText } from './validation';

/** The category whose sessions and distinct attendees are report lines T1 and T2. */
export const LAW_PERSON_TRAINING = '“法律明白人”培训';
export const TRAINING_CATEGORIES = [LAW_PERSON_TRAINING, '执法人员法律知识培训', '法制审核人员培训', '专题培训', '其他培训'] as const;

const Text = (label: string, max: number) => v.pipe(v.string(`${label}须为文本`), visibleText, v.trim(), v.maxLength(max, `${label}不超过${max}字`));
const Required = (label: string, max: number) => v.pipe(Text(label, max), v.minLength(1, `请填写${label}`));

/** A roster entry (人员 / 法律明白人). */
export const PersonInput = v.object({
  id: RecordId,
  unitId: UnitIdSchema,
  name: Required('姓名', 30),
  phone: v.optional(PhoneSchema, ''),
  isLawPerson: v.optional(v.boolean('请选择是否为法律明白人'), true),
  baseVersion: v.optional(BaseVersion),
  /** The trainer saw the likely duplicate and still wants a new entry. */
  confirmNew: v.optional(v.boolean('请确认是否新增')),
});
export type PersonInput = v.InferOutput<typeof PersonInput>;

export interface Person extends Omit<PersonInput, 'baseVersion' | 'confirmNew'> {
  _id: string;
  unitPath: string[];
  /** Normalised phone: what duplicate detection and import match on. */
  phoneKey: string;
  /** Set when a supervisor merged this entry into another (kept for the audit trail, hidden as deleted). */
  mergedInto?: string;
  version: number;
  deleted: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** How far ahead a session may be dated: prepared (and its code printed) before the day. */
export const SESSION_DAYS_AHEAD = 90;

export const TrainingInput = v.object({
  id: RecordId,
  unitId: UnitIdSchema,
  category: v.pipe(v.string('请选择培训类别'), v.trim(), v.minLength(1, '请选择培训类别'), v.maxLength(30, '培训类别过长')),
  date: PlannedDate('培训日期', SESSION_DAYS_AHEAD),
  topic: Required('培训主题', 100),
  trainer: v.optional(Text('培训人', 30), ''),
  place: v.optional(Text('地点', 60), ''),
  hours: v.optional(
    v.pipe(v.number('学时须为数字'), v.minValue(0, '学时不能为负数'), v.maxValue(100, '学时超出合理范围')),
    0,
  ),
  baseVersion: v.optional(BaseVersion),
});
export type TrainingInput = v.InferOutput<typeof TrainingInput>;

export interface Training extends Omit<TrainingInput, 'baseVersion'> {
  _id: string;
  unitPath: string[];
  /** Person ids ticked as present: the session holds its own attendance, so one document read is all of it. */
  attendees: string[];
  /** Token that lets attendees check themselves in by scanning the session's code. */
  checkinToken: string;
  /** 现场照片 (types/attachments.ts): recorded by `training.attach`, never by a save, so an edit keeps them. */
  attachments?: Attachment[];
  version: number;
  deleted: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const AttendanceInput = v.object({
  trainingId: RecordId,
  personId: RecordId,
  present: v.boolean('请说明是否出席'),
});
export type AttendanceInput = v.InferOutput<typeof AttendanceInput>;

/**
 * An evidence photo: only files uploaded through the app (under `uploads/`, see
 * uploadPath), so a record cannot be used to get links to other stored files.
 */
const PhotoId = v.pipe(v.string('照片须为文件编号'), v.regex(UPLOADED_FILE_ID, '照片须为本应用上传的图片'));

export const PublicityInput = v.object({
  id: RecordId,
  unitId: UnitIdSchema,
  date: BizDate('活动日期'),
  title: Required('活动名称', 100),
  materials: v.pipe(v.number('发放资料须为数字'), v.integer('发放资料须为整数'), v.minValue(0, '发放资料不能为负数'), v.maxValue(10_000_000, '发放资料超出合理范围')),
  consulted: v.pipe(v.number('现场咨询须为数字'), v.integer('现场咨询须为整数'), v.minValue(0, '现场咨询不能为负数'), v.maxValue(1_000_000, '现场咨询超出合理范围')),
  /** File ids of up to 3 evidence photos. */
  photos: v.optional(v.pipe(v.array(PhotoId, '照片须为列表'), v.maxLength(3, '最多上传3张照片')), []),
  baseVersion: v.optional(BaseVersion),
});
export type PublicityInput = v.InferOutput<typeof PublicityInput>;

export interface Publicity extends Omit<PublicityInput, 'baseVersion'> {
  _id: string;
  unitPath: string[];
  version: number;
  deleted: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** What `publicity.get` answers: the activity, whether this viewer may edit it, and links to its photos. */
export interface PublicityView {
  record: Publicity;
  canEdit: boolean;
  /** In the order of `record.photos`. */
  photoUrls: string[];
}

export const RosterQuery = v.object({
  /** The area whose people to list (default: my unit). */
  unitId: v.optional(UnitIdSchema),
  /** Narrow to one village of the area. */
  villageId: v.optional(UnitIdSchema),
  q: v.optional(v.pipe(v.string('搜索词须为文本'), v.trim(), v.maxLength(30, '搜索词过长'))),
  lawPersonOnly: v.optional(v.boolean('筛选条件不正确')),
  ...paging(1000, 100),
});
export type RosterQuery = v.InferOutput<typeof RosterQuery>;

/** Roster lines carry masked phones; the full number is only on the edit form. */
export interface Roster {
  items: Person[];
  total: number;
}

/** A roster entry offered as maybe the same person: its phone masked, its unit named ('名册中已有:刘明白 138****8001(前进村)'). */
export interface PersonMatch {
  _id: string;
  name: string;
  phone: string;
  isLawPerson: boolean;
  unitId: string;
  unitName: string;
}

/** Who merges two entries of one person: a supervisor (or admin) whose reach holds both. */
export const MERGERS = ['supervisor', 'admin'] as const satisfies readonly Role[];

/** Merging two entries of one person: the duplicate's attendance moves to the kept entry. */
export const MergeInput = v.object({
  keepId: RecordId,
  duplicateId: RecordId,
});
export type MergeInput = v.InferOutput<typeof MergeInput>;

export interface MergeResult {
  kept: Person;
  /** Sessions whose attendance moved to the kept entry (a session both attended counts once). */
  sessions: number;
}

export type PersonSaveResult = { kind: 'saved'; person: Person } | { kind: 'duplicate'; existing: Person };

export const TrainingListQuery = v.object({
  unitId: v.optional(UnitIdSchema),
  year: v.optional(v.pipe(v.string('年份格式应为 2024'), v.regex(/^\d{4}$/, '年份格式应为 2024'))),
});
export type TrainingListQuery = v.InferOutput<typeof TrainingListQuery>;

/** A line of `training.list`: how many attended, not who, and no check-in token. */
export type TrainingListItem = Omit<Training, 'attendees' | 'checkinToken'> & { attendeeCount: number };

export interface TrainingView {
  training: Training;
  canEdit: boolean;
  /** For the session's self check-in code (only for those who may edit it). */
  checkinToken?: string;
  /** Where to show each of `training.attachments` from, in order. */
  photoUrls: string[];
}

export interface AttendResult {
  present: boolean;
  attendeeCount: number;
}

export const WalkInInput = v.object({ trainingId: RecordId, person: PersonInput });
export type WalkInInput = v.InferOutput<typeof WalkInInput>;

/** A walk-in is ticked (as the entry it is, or a new one), or a likely entry in the session's area is offered first. */
export type WalkInAnswer = ({ kind: 'ticked'; person: Person } & AttendResult) | { kind: 'match'; match: PersonMatch };

/** What a session's check-in code carries. */
export const CheckinRef = v.object({
  trainingId: RecordId,
  token: v.pipe(v.string('签到码无效'), v.minLength(8, '签到码无效'), v.maxLength(64, '签到码无效')),
});
export type CheckinRef = v.InferOutput<typeof CheckinRef>;
export const CheckinInput = v.object({
  ...CheckinRef.entries,
  name: Required('姓名', 30),
  phone: v.pipe(PhoneSchema, v.minLength(1, '请填写手机号')),
  /** The attendee's village, among the session area's (CheckinInfo.villages): where a newcomer joins the roster. */
  villageId: v.optional(UnitIdSchema),
  /** 是: the attendee is the entry offered (PersonMatch._id). */
  sameAs: v.optional(RecordId),
  /** 否: the attendee is not the entry offered; a new one is added. */
  confirmNew: v.optional(v.boolean('请确认是否新增')),
});
export type CheckinInput = v.InferOutput<typeof CheckinInput>;

/** Checked in, or asked first whether they are an entry already on the area's roster. */
export type CheckinResult = ({ kind: 'checkedIn'; name: string } & AttendResult) | { kind: 'match'; match: PersonMatch };

export interface CheckinInfo {
  topic: string;
  date: string;
  category: string;
  unitName: string;
  /** The villages of the session's area, one of which the attendee picks (none for a village's own session). */
  villages: { _id: string; name: string }[];
}

