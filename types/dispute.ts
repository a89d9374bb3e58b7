import * as v from 'valibot';
import type { Attachment } from './attachments';
import { BizDate, DueDate } from './dates';
import type { Confirmation, FollowUp } from './followup';
import { LARGE_AMOUNT_FEN } from './money';
import { UnitIdSchema } from './org';
import { PhoneListSchema } from './phone';
import { BaseVersion, formObject, nullAsAbsent, visibleText } from './validation';

/** The official list; a district may configure its own (types/settings.ts). */
export const DEFAULT_DISPUTE_TYPES = [
  '婚姻家庭', '邻里', '房屋宅基地', '合同', '生产经营', '损害赔偿', '山林土地',
  '征地拆迁', '劳动争议', '医疗', '物业', '道路交通事故', '环境污染', '其他',
] as const;
export const CHANNELS = ['民调', '警调', '裁调', '诉调', '访调'] as const;
export const CHANNEL_LABELS: Record<Channel, string> = {
  民调: '民调(人民调解)',
  警调: '警调(警民联调)',
  裁调: '裁调(人社+司法)',
  诉调: '诉调(法院移交)',
  访调: '访调(信访联调)',
};
export const OUTCOMES = ['调解成功', '调解不成', '终止', '在办'] as const;
export const AGREEMENT_FORMS = ['口头', '书面'] as const;
/** 来源: how the case came to the committee (the statistics' 来源 split). */
export const SOURCES = ['主动调解', '申请调解', '接受委托移送'] as const;
/** The prevention block of the monthly statistics: a case flagged so prevented that, for this many people. */
export const PREVENTIONS = ['防止民间纠纷引起自杀', '防止民转刑', '防止群体性械斗', '防止群体性上访'] as const;

/** 重大 flags: a case supervisors above hear of at once (a 群体性 one involves 涉及人数 ≥ 2). */
export const ALERTS = ['群体性', '可能激化'] as const;
export type Alert = (typeof ALERTS)[number];
export type Channel = (typeof CHANNELS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Source = (typeof SOURCES)[number];
export type Prevention = (typeof PREVENTIONS)[number];

/** A case's 来源 when none was given (old ledgers, old records): a court's referral is 接受委托移送, the rest 申请调解. */
export function sourceOf(d: { source?: Source; channel: Channel }): Source {
  return d.source ?? (d.channel === '诉调' ? '接受委托移送' : '申请调解');
}

const CLOSED_OUTCOMES = ['调解成功', '调解不成', '终止'] as const satisfies readonly Outcome[];
export type ClosedOutcome = (typeof CLOSED_OUTCOMES)[number];

/** One dispute type's name. Which names a case may take is the district's list, checked by the function. */
export const DisputeTypeName = v.pipe(
  v.string('请选择纠纷类型'),
  visibleText,
  v.trim(),
  v.minLength(1, '请选择纠纷类型'),
  v.maxLength(12, '纠纷类型名称不超过12个字'),
);

const Count = (label: string, max: number) =>
  v.pipe(
    v.number(`${label}须为数字`),
    v.integer(`${label}须为整数`),
    v.minValue(0, `${label}不能为负数`),
    v.maxValue(max, `${label}超出合理范围`),
  );

/** A prevention flag's people: a flagged case concerned at least one. */
const PreventedPeople = (kind: Prevention) => v.pipe(Count(`${kind}人数`, 100_000), v.minValue(1, `${kind}人数至少为1`));

/** Client-made ids: a retried submission carries the same one, so it is stored once. */
export const RecordId = v.pipe(
  v.string('缺少记录编号'),
  v.regex(/^[A-Za-z0-9_-]{8,64}$/, '记录编号格式不正确'),
);

/**
 * A dispute case as the mediator submits it (create or edit). Form and function
 * run this same schema: the form for instant messages, the function to enforce.
 */
export const DisputeInput = nullAsAbsent(['resolvedDate', 'agreementForm', 'summary', 'partyNames', 'partyPhones', 'source', 'prevention', 'involvedPeople', 'agreementTerms', 'performanceWay', 'performanceDeadline'], v.pipe(
  formObject({
    id: RecordId,
    unitId: UnitIdSchema,
    acceptedDate: BizDate('受理日期'),
    resolvedDate: v.optional(BizDate('调结日期')),
    type: DisputeTypeName,
    channel: v.picklist(CHANNELS, '请选择渠道'),
    outcome: v.picklist(OUTCOMES, '请选择调解结果'),
    agreementForm: v.optional(v.picklist(AGREEMENT_FORMS, '协议形式只能是口头或书面')),
    amountFen: v.pipe(
      v.number('涉及金额须为数字'),
      v.integer('涉及金额最多两位小数'),
      v.minValue(0, '涉及金额不能为负数'),
      v.maxValue(Number.MAX_SAFE_INTEGER, '涉及金额过大'),
    ),
    parties: Count('当事人数', 10_000),
    banners: Count('锦旗数', 1_000),
    summary: v.optional(v.pipe(v.string('简要情况须为文本'), visibleText, v.maxLength(500, '简要情况不超过500字')), ''),
    partyNames: v.optional(v.pipe(v.string('当事人姓名须为文本'), visibleText, v.maxLength(200, '当事人姓名过长'))),
    partyPhones: v.optional(PhoneListSchema),
    /** Absent: sourceOf's default. */
    source: v.optional(v.picklist(SOURCES, '来源只能是主动调解、申请调解或接受委托移送')),
    /** The prevention flags, each with the number of people it concerned (1 or more). */
    prevention: v.optional(
      v.strictObject(
        {
          防止民间纠纷引起自杀: v.optional(PreventedPeople('防止民间纠纷引起自杀')),
          防止民转刑: v.optional(PreventedPeople('防止民转刑')),
          防止群体性械斗: v.optional(PreventedPeople('防止群体性械斗')),
          防止群体性上访: v.optional(PreventedPeople('防止群体性上访')),
        } satisfies Record<Prevention, unknown>,
        '防止情况只能是防止民间纠纷引起自杀、防止民转刑、防止群体性械斗或防止群体性上访',
      ),
    ),
    /** 涉及人数: the people a 群体性 case involves. */
    involvedPeople: v.optional(Count('涉及人数', 100_000)),
    /** 协议内容: the agreed terms of a 调解成功 case, typed once, as its 协议书 and 口头协议登记表 state them. */
    agreementTerms: v.optional(v.pipe(v.string('协议内容须为文本'), visibleText, v.maxLength(2000, '协议内容不超过2000字'))),
    /** 履行方式, e.g. 一次性现金支付. */
    performanceWay: v.optional(v.pipe(v.string('履行方式须为文本'), visibleText, v.maxLength(100, '履行方式不超过100字'))),
    /** 履行期限: the date the agreement is to be carried out by (may lie ahead). */
    performanceDeadline: v.optional(DueDate('履行期限')),
    /** 重大 flags (群体性, 可能激化); absent: none. */
    alerts: v.optional(
      v.pipe(
        v.array(v.picklist(ALERTS, '重大标记只能是群体性或可能激化'), '重大标记须为列表'),
        v.check((a) => new Set(a).size === a.length, '重大标记重复'),
      ),
    ),
    /** Set on an edit: the version being edited; a stale one is refused. */
    baseVersion: v.optional(BaseVersion),
    /** The mediator confirmed an amount over 1亿元 is not a typo. */
    confirmLargeAmount: v.optional(v.boolean('请确认涉及金额')),
  }),
  v.forward(
    v.partialCheck(
      [['outcome'], ['resolvedDate']],
      (d) => !isClosed(d.outcome) || !!d.resolvedDate,
      '已结案件须填写调结日期',
    ),
    ['resolvedDate'],
  ),
  v.forward(
    v.partialCheck(
      [['acceptedDate'], ['resolvedDate']],
      (d) => !d.resolvedDate || d.resolvedDate >= d.acceptedDate,
      '调结日期不能早于受理日期',
    ),
    ['resolvedDate'],
  ),
  v.forward(
    v.partialCheck(
      [['resolvedDate'], ['performanceDeadline']],
      (d) => !d.performanceDeadline || !d.resolvedDate || d.performanceDeadline >= d.resolvedDate,
      '履行期限不能早于调结日期',
    ),
    ['performanceDeadline'],
  ),
  v.forward(
    v.partialCheck(
      [['alerts'], ['involvedPeople']],
      (d) => !d.alerts?.includes('群体性') || (d.involvedPeople ?? 0) >= 2,
      '群体性纠纷须填写涉及人数(至少2人)',
    ),
    ['involvedPeople'],
  ),
  v.forward(
    v.partialCheck(
      [['amountFen'], ['confirmLargeAmount']],
      (d) => d.amountFen <= LARGE_AMOUNT_FEN || d.confirmLargeAmount === true,
      '涉及金额超过1亿元,请核对后勾选确认',
    ),
    ['amountFen'],
  ),
));
export type DisputeInput = v.InferOutput<typeof DisputeInput>;

/** The stored case. Party names/phones are personal information: see `maskDispute`. */
export interface Dispute extends Omit<DisputeInput, 'baseVersion' | 'confirmLargeAmount'> {
  _id: string;
  /** Ancestor unit ids, district first, ending with unitId. */
  unitPath: string[];
  mediatorId: string;
  mediatorName: string;
  /** 案号, given when the case first reaches the server (types/case-no.ts); never changed. */
  caseNo?: string;
  version: number;
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
  /** 案卷评查: a supervisor above the unit's verdict on the case file (written by dispute.review). */
  fileReview?: FileReview;
  /** 照片与扫描件 (types/attachments.ts): recorded by `dispute.attach`, never by a save, so an edit keeps them. */
  attachments?: Attachment[];
  /** 回访 recorded on the case, oldest first (types/followup.ts). */
  followUps?: FollowUp[];
  /** When the next 回访 is due (followUpDueOf), stored so that what is due is an indexed query. */
  followUpDue?: string;
  /** 司法确认; absent: 未申请. */
  confirmation?: Confirmation;
}

export const REVIEW_RESULTS = ['合格', '需补正'] as const;
export interface FileReview {
  result: (typeof REVIEW_RESULTS)[number];
  note?: string;
  by: string;
  byName: string;
  at: string;
}

export function isClosed(outcome: Outcome): outcome is ClosedOutcome {
  return (CLOSED_OUTCOMES as readonly Outcome[]).includes(outcome);
}

/** Only a successful mediation ends in an agreement, spoken or written. */
export const hasAgreement = (outcome: Outcome): boolean => outcome === '调解成功';

/**
 * What each field is called: the 矛盾纠纷 sheet's column names (DOMAIN.md), so the import's
 * messages, the export and a case's 修改记录 use the words the ledger uses.
 */
export const DISPUTE_FIELD_LABELS: Record<string, string> = {
  id: '编号', unitId: '单位', acceptedDate: '受理日期', resolvedDate: '调结日期', type: '纠纷类型', channel: '渠道',
  outcome: '调解结果', agreementForm: '协议形式', amountFen: '涉及金额(元)', parties: '当事人数', banners: '锦旗(面)',
  summary: '简要情况', partyNames: '当事人姓名', partyPhones: '当事人电话', source: '来源', prevention: '防止情况',
  involvedPeople: '涉及人数', agreementTerms: '协议内容', performanceWay: '履行方式', performanceDeadline: '履行期限', document: '文书',
  deleted: '删除', alerts: '重大标记', fileReview: '案卷评查', caseNo: '案号',
  attachments: '照片与扫描件', followUps: '回访', confirmation: '司法确认',
};
