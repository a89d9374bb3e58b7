/**
 * A ledger row turned into the very input the app submits, checked by the same shared schema,
 * so a ledger can hold nothing the app would refuse; each problem reported at its column. Pure.
 */
import * as v from 'valibot';
import { CaseNoText } from '../../../../types/case-no';
import { CHANNEL_LABELS, CHANNELS, DISPUTE_FIELD_LABELS, DisputeInput, PREVENTIONS, type Prevention } from '../../../../types/dispute';
import { ConfirmationInput, confirmationOf, FollowUpInput, type Confirmation, type FollowUp } from '../../../../types/followup';
import { COLUMNS, PREVENTION_COLUMNS, type SheetName } from '../../../../types/import';
import { UNIT_KINDS, type Unit, type UnitKind } from '../../../../types/org';
import { PersonInput, PublicityInput, TrainingInput } from '../../../../types/training';
import { validate } from '../../../../types/validation';
import { Refusal } from '../refusal';
import { dateOf, fenOf, numberOf, phoneOf, textOf, type Cell } from './cells';
import type { RecordSheet, Row } from './columns';
import { ledgerPersonId, ledgerRecordId } from './ids';

const CHANNEL_BY_LABEL = new Map<string, string>([
  ...CHANNELS.map((c) => [c, c] as [string, string]),
  ...Object.entries(CHANNEL_LABELS).map(([c, label]) => [label, c] as [string, string]),
]);


/** A row that cannot be imported: which column, and why, in Chinese. */
export interface RowProblem {
  column: string;
  reason: string;
}

export type Mapped<T> = { ok: true; value: T } | ({ ok: false } & RowProblem);

/** Resolves a 单位 cell (see units.ts); throws a Refusal naming the problem. */
export type ResolveUnit = (ref: string) => Unit;

/** Problems found per column; the row reports the first in the sheet's column order. */
class Problems {
  private readonly byColumn = new Map<string, string>();
  constructor(private readonly sheet: SheetName) {}

  add(column: string, reason: string): void {
    if (!this.byColumn.has(column)) this.byColumn.set(column, reason);
  }

  /** Schema messages keyed by input field, turned into their columns. */
  addFields(fields: Record<string, string>, columnOf: Record<string, string>): void {
    for (const [field, reason] of Object.entries(fields)) this.add(columnOf[field] ?? COLUMNS[this.sheet][0], reason);
  }

  first(): RowProblem | null {
    const column = COLUMNS[this.sheet].find((c) => this.byColumn.has(c)) ?? [...this.byColumn.keys()][0];
    return column === undefined ? null : { column, reason: this.byColumn.get(column)! };
  }
}

function unitCell(row: Row, column: string, resolve: ResolveUnit, problems: Problems): Unit | undefined {
  const ref = textOf(row(column));
  if (!ref) {
    problems.add(column, `请填写${column}`);
    return undefined;
  }
  try {
    return resolve(ref);
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    problems.add(column, err.message);
    return undefined;
  }
}

function fail<T>(problems: Problems): Mapped<T> | null {
  const p = problems.first();
  return p ? { ok: false, ...p } : null;
}

/** A record row: its 编号, where it belongs, and the input the app's form would have sent. */
export interface RecordRow<I> {
  no: string;
  unit: Unit;
  input: I;
}

export interface DisputeRow extends RecordRow<DisputeInput> {
  mediatorName: string;
  /** 案号 as the ledger gives it; blank: the case is numbered when it is created. */
  caseNo?: string;
  /** 司法确认 as the row gives it; absent: blank, what is stored stands. */
  confirmation?: Confirmation;
  /** The 回访 the row gives (the case's latest, as an export writes it); absent: none given. */
  followUp?: Pick<FollowUp, 'date' | 'way' | 'performance'>;
}

/** A placeholder id for the schemas of 回访 and 司法确认, which name the case and the 回访 (a row names neither yet). */
const ROW_REF = 'ledger-row';

/** 司法确认 and its dates, checked by the case page's own schema, each problem at its column. */
function confirmationCells(row: Row, problems: Problems): Confirmation | undefined {
  const status = textOf(row('司法确认'));
  if (!status) return undefined;
  const r = validate(ConfirmationInput, { caseId: ROW_REF, status, appliedDate: dateOf(row('司法确认申请日期')), decidedDate: dateOf(row('司法确认日期')) });
  if (r.ok) return confirmationOf(r.output);
  problems.addFields(r.fields, { status: '司法确认', appliedDate: '司法确认申请日期', decidedDate: '司法确认日期' });
  return undefined;
}

/** The row's 回访, checked by the case page's own schema; blank date, way and 履行情况: none. */
function followUpCells(row: Row, problems: Problems): DisputeRow['followUp'] {
  const cells = { date: dateOf(row('回访日期')), way: optionalText(row('回访方式')), performance: optionalText(row('履行情况')) };
  if (!cells.date && !cells.way && !cells.performance) return undefined;
  const r = validate(FollowUpInput, { caseId: ROW_REF, id: ROW_REF, ...cells });
  if (r.ok) return { date: r.output.date, way: r.output.way, performance: r.output.performance };
  problems.addFields(r.fields, { date: '回访日期', way: '回访方式', performance: '履行情况' });
  return undefined;
}


/** 编号 first: without it a row has no identity, whatever else it says. */
function numberCell(row: Row): Mapped<string> {
  const no = textOf(row('编号'));
  if (!no) return { ok: false, column: '编号', reason: '请填写编号' };
  if (no.length > 64) return { ok: false, column: '编号', reason: '编号不超过64个字符' };
  return { ok: true, value: no };
}

const optionalText = (cell: Cell) => textOf(cell) || undefined;

/**
 * A record sheet's row, checked by the app's own schema: 编号 first, then 单位 and the other
 * `cells` (the input's fields but its id and unit); each problem reported at its column.
 * `problems` may already hold the sheet's own checks of cells outside the schema.
 */
function recordRow<S extends v.GenericSchema>(
  sheet: RecordSheet,
  schema: S,
  columnOf: Record<string, string>,
  row: Row,
  resolve: ResolveUnit,
  cells: object,
  problems = new Problems(sheet),
): Mapped<RecordRow<v.InferOutput<S>>> {
  const no = numberCell(row);
  if (!no.ok) return no;
  const unit = unitCell(row, '单位', resolve, problems);
  const checked = validate(schema, Object.assign({ id: ledgerRecordId(sheet, no.value), unitId: unit?._id ?? '-' }, cells));
  if (!checked.ok) problems.addFields(checked.fields, columnOf);
  return fail(problems) ?? { ok: true, value: { no: no.value, unit: unit!, input: (checked as { output: v.InferOutput<S> }).output } };
}

/** A schema message about one prevention kind's people is reported at that kind's column. */
const DISPUTE_COLUMN_OF: Record<string, string> = {
  ...DISPUTE_FIELD_LABELS,
  ...Object.fromEntries(PREVENTIONS.map((k) => [`prevention.${k}`, PREVENTION_COLUMNS[k]])),
};

/** 涉及人数 as written; blank is none given (not 0: a ledger that leaves it out says nothing about it). */
const optionalCount = (cell: Cell) => (textOf(cell) ? numberOf(cell) : undefined);

/**
 * The prevention columns as the input's flags: a kind is flagged by the people written in its
 * column; blank (or 0, as ledgers fill their number columns) leaves it unflagged.
 */
function preventionOf(row: Row): Partial<Record<Prevention, number>> | undefined {
  const flagged = PREVENTIONS.map((k) => [k, optionalCount(row(PREVENTION_COLUMNS[k]))] as const).filter(([, n]) => n !== undefined && n !== 0);
  return flagged.length ? Object.fromEntries(flagged) : undefined;
}

/** 重大标记 as a ledger writes it, '群体性、可能激化'; blank: none given. */
function alertsOf(cell: Cell): string[] | undefined {
  const marks = textOf(cell).split(/[、,,;;\s]+/).filter(Boolean);
  return marks.length ? marks : undefined;
}

export function disputeRow(row: Row, resolve: ResolveUnit): Mapped<DisputeRow> {
  const problems = new Problems('矛盾纠纷');
  const mediatorName = textOf(row('调解员'));
  if (!mediatorName) problems.add('调解员', '请填写调解员');
  else if (mediatorName.length > 30) problems.add('调解员', '调解员姓名不超过30字');
  const channelText = textOf(row('渠道'));
  const caseNoCell = v.safeParse(CaseNoText, textOf(row('案号')));
  if (!caseNoCell.success) problems.add('案号', caseNoCell.issues[0].message);
  const caseNo = caseNoCell.success ? caseNoCell.output : '';
  const confirmation = confirmationCells(row, problems);
  const followUp = followUpCells(row, problems);
  const r = recordRow('矛盾纠纷', DisputeInput, DISPUTE_COLUMN_OF, row, resolve, {
    acceptedDate: dateOf(row('受理日期')),
    resolvedDate: dateOf(row('调结日期')),
    type: optionalText(row('纠纷类型')),
    channel: CHANNEL_BY_LABEL.get(channelText) ?? (channelText || undefined),
    outcome: optionalText(row('调解结果')),
    agreementForm: optionalText(row('协议形式')),
    amountFen: fenOf(row('涉及金额(元)')),
    parties: numberOf(row('当事人数')),
    banners: numberOf(row('锦旗(面)')),
    summary: textOf(row('简要情况')),
    source: optionalText(row('来源')),
    involvedPeople: optionalCount(row('涉及人数')),
    prevention: preventionOf(row),
    agreementTerms: optionalText(row('协议内容')),
    performanceWay: optionalText(row('履行方式')),
    performanceDeadline: dateOf(row('履行期限')),
    alerts: alertsOf(row('重大标记')),
    // A ledger has no tick box: an amount over 1亿元 written in it stands as written.
    confirmLargeAmount: true,
  }, problems);
  return r.ok ? { ok: true, value: { ...r.value, mediatorName, ...(caseNo ? { caseNo } : {}), ...(confirmation ? { confirmation } : {}), ...(followUp ? { followUp } : {}) } } : r;
}

/** Each input field of a sheet that reads every field from one column: the column, and how its cell is read. */
type FieldColumns = Record<string, readonly [column: string, read: (cell: Cell) => unknown]>;

type RecordMapper<I> = (row: Row, resolve: ResolveUnit) => Mapped<RecordRow<I>>;

/** The mapper of such a sheet: the one `fields` table both fills the input and names the column of a refused field. */
function fieldsRow<S extends v.GenericSchema>(sheet: RecordSheet, schema: S, fields: FieldColumns): RecordMapper<v.InferOutput<S>> {
  const entries = Object.entries(fields);
  const columnOf = { id: '编号', unitId: '单位', ...Object.fromEntries(entries.map(([field, [column]]) => [field, column])) };
  return (row, resolve) =>
    recordRow(sheet, schema, columnOf, row, resolve, Object.fromEntries(entries.map(([field, [column, read]]) => [field, read(row(column))])));
}

export const trainingRow: RecordMapper<TrainingInput> = fieldsRow('培训', TrainingInput, {
  category: ['类别', textOf],
  date: ['日期', dateOf],
  topic: ['主题', textOf],
  trainer: ['培训人', textOf],
  place: ['地点', textOf],
  hours: ['学时', numberOf],
});

export const publicityRow: RecordMapper<PublicityInput> = fieldsRow('宣传活动', PublicityInput, {
  date: ['日期', dateOf],
  title: ['名称', textOf],
  materials: ['发放资料(份)', numberOf],
  consulted: ['现场咨询(人次)', numberOf],
});

/** A person a 签到-shaped row names: 姓名, 手机号 and, if given, 所属单位. */
export interface PersonRow {
  name: string;
  phone: string;
  /** 所属单位; without it the caller says where the person belongs (a 签到 row: the session's unit). */
  unit?: Unit;
}

/** A 签到 row: the session by its 编号, the person by name and phone, and their unit if written. */
export interface CheckinRow extends PersonRow {
  trainingNo: string;
}

/** The person's cells, each problem added at its column: whole only when `problems` stays empty. */
function personCells(row: Row, resolve: ResolveUnit, problems: Problems): Partial<PersonRow> {
  const name = v.safeParse(PersonInput.entries.name, textOf(row('姓名')));
  if (!name.success) problems.add('姓名', name.issues[0].message);
  const phone = v.safeParse(PersonInput.entries.phone, phoneOf(row('手机号')));
  if (!phone.success) problems.add('手机号', phone.issues[0].message);
  const unit = textOf(row('所属单位')) ? unitCell(row, '所属单位', resolve, problems) : undefined;
  return { name: name.output as string, phone: phone.output as string, unit };
}

export function checkinRow(row: Row, resolve: ResolveUnit): Mapped<CheckinRow> {
  const problems = new Problems('签到');
  const trainingNo = textOf(row('培训编号'));
  if (!trainingNo) problems.add('培训编号', '请填写培训编号');
  const person = personCells(row, resolve, problems) as PersonRow;
  return fail(problems) ?? { ok: true, value: { trainingNo, ...person } };
}

/** A row of a roster sheet (名册导入): a 签到 row whose 培训编号, if any, is not read. */
export function rosterRow(row: Row, resolve: ResolveUnit): Mapped<PersonRow> {
  const problems = new Problems('签到');
  const person = personCells(row, resolve, problems) as PersonRow;
  return fail(problems) ?? { ok: true, value: person };
}

/** The roster entry a 签到 row adds when nobody on the roster matches it. */
export function personInputOf(c: PersonRow, unitId: string): PersonInput {
  const id = ledgerPersonId(unitId, c.name, c.phone);
  return { id, unitId, name: c.name, phone: c.phone, isLawPerson: true };
}

export interface UnitRow {
  name: string;
  parentRef: string;
  kind: UnitKind;
  /** 单位编号: the stored unit's id, as an export writes it (optional; a row without one names its unit by name under its parent). */
  id?: string;
}

const UnitName = v.pipe(
  v.string(),
  v.minLength(1, '请填写单位'),
  v.maxLength(50, '单位名称不超过50字'),
  v.check((s) => !/[/／]/.test(s), '单位名称不能含有“/”(“/”用于写上级路径)'),
);

export function unitRow(row: Row): Mapped<UnitRow> {
  const problems = new Problems('单位');
  const name = v.safeParse(UnitName, textOf(row('单位')));
  if (!name.success) problems.add('单位', name.issues[0].message);
  const kind = textOf(row('类型'));
  if (!(UNIT_KINDS as readonly string[]).includes(kind)) problems.add('类型', `类型只能是 ${UNIT_KINDS.join('、')}`);
  const parentRef = textOf(row('上级单位'));
  if (kind === '区' && parentRef) problems.add('上级单位', '区级单位不填上级单位');
  if (kind && kind !== '区' && !parentRef) problems.add('上级单位', '请填写上级单位');
  const id = textOf(row('单位编号'));
  if (id && !/^[A-Za-z0-9_-]{1,64}$/.test(id)) problems.add('单位编号', '单位编号只能是本系统导出的编号(字母、数字、-、_),新单位留空');
  const value: UnitRow = { name: name.output as string, parentRef, kind: kind as UnitKind };
  if (id) value.id = id;
  return fail(problems) ?? { ok: true, value };
}
