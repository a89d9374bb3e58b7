import * as v from 'valibot';
import { BizDate } from './dates';
import { RecordId } from './dispute';
import { UnitIdSchema } from './org';
import { PhoneSchema } from './phone';

/** The category whose sessions and distinct attendees are report lines T1 and T2. */
export const LAW_PERSON_TRAINING = '“法律明白人”培训';
export const TRAINING_CATEGORIES = [LAW_PERSON_TRAINING, '执法人员法律知识培训', '法制审核人员培训', '专题培训', '其他培训'] as const;

const Text = (label: string, max: number) => v.pipe(v.string(`${label}须为文本`), v.trim(), v.maxLength(max, `${label}不超过${max}字`));
const Required = (label: string, max: number) => v.pipe(Text(label, max), v.minLength(1, `请填写${label}`));

/** A roster entry (人员 / 法律明白人). */
export const PersonInput = v.object({
  id: RecordId,
  unitId: UnitIdSchema,
  name: Required('姓名', 30),
  phone: v.optional(PhoneSchema, ''),
  isLawPerson: v.optional(v.boolean(), true),
  baseVersion: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** The trainer saw the likely duplicate and still wants a new entry. */
  confirmNew: v.optional(v.boolean()),
});
export type PersonInput = v.InferOutput<typeof PersonInput>;

export interface Person extends Omit<PersonInput, 'baseVersion' | 'confirmNew'> {
  _id: string;
  unitPath: string[];
  /** Normalised phone: what duplicate detection and import match on. */
  phoneKey: string;
  version: number;
  deleted: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const TrainingInput = v.object({
  id: RecordId,
  unitId: UnitIdSchema,
  category: v.pipe(v.string('请选择培训类别'), v.trim(), v.minLength(1, '请选择培训类别'), v.maxLength(30, '培训类别过长')),
  date: BizDate('培训日期'),
  topic: Required('培训主题', 100),
  trainer: v.optional(Text('培训人', 30), ''),
  place: v.optional(Text('地点', 60), ''),
  hours: v.optional(
    v.pipe(v.number('学时须为数字'), v.minValue(0, '学时不能为负数'), v.maxValue(100, '学时超出合理范围')),
    0,
  ),
  baseVersion: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});
export type TrainingInput = v.InferOutput<typeof TrainingInput>;

export interface Training extends Omit<TrainingInput, 'baseVersion'> {
  _id: string;
  unitPath: string[];
  /** How many people are ticked: kept with the session for lists. */
  attendeeCount: number;
  /** Token that lets attendees check themselves in by scanning the session's code. */
  checkinToken: string;
  version: number;
  deleted: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** One person ticked at one session; its id is `${trainingId}:${personId}`, so ticking twice is once. */
export interface Attendance {
  _id: string;
  trainingId: string;
  personId: string;
  at: string;
  by: string;
}

export const AttendanceInput = v.object({
  trainingId: RecordId,
  personId: RecordId,
  present: v.boolean('请说明是否出席'),
});
export type AttendanceInput = v.InferOutput<typeof AttendanceInput>;

export const PublicityInput = v.object({
  id: RecordId,
  unitId: UnitIdSchema,
  date: BizDate('活动日期'),
  title: Required('活动名称', 100),
  materials: v.pipe(v.number('发放资料须为数字'), v.integer('发放资料须为整数'), v.minValue(0, '发放资料不能为负数'), v.maxValue(10_000_000, '发放资料超出合理范围')),
  consulted: v.pipe(v.number('现场咨询须为数字'), v.integer('现场咨询须为整数'), v.minValue(0, '现场咨询不能为负数'), v.maxValue(1_000_000, '现场咨询超出合理范围')),
  /** File ids of up to 3 evidence photos. */
  photos: v.optional(v.pipe(v.array(v.string()), v.maxLength(3, '最多上传3张照片')), []),
  baseVersion: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
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
