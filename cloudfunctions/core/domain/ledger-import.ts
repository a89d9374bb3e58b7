/**
 * 台账导入 (DOMAIN.md, "Ledger import format" — a public contract): the sheets and their
 * columns, the spellings real ledgers use (dates, amounts, phones), and each row turned
 * into the very input the app submits, checked by the same shared schema, so a ledger
 * can hold nothing the app would refuse. Also the other way: a stored record as a row.
 * Pure: reading files and writing records live in core/ledger-import.ts.
 */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { CHANNEL_LABELS, CHANNELS, DISPUTE_FIELD_LABELS, DisputeInput, type Dispute } from '../../../types/dispute';
import { RECORDERS, UNIT_KINDS, type Unit, type UnitKind, type User } from '../../../types/org';
import { normalizePhone } from '../../../types/phone';
import { PersonInput, PublicityInput, TrainingInput, type Person, type Publicity, type Training } from '../../../types/training';
import { COLUMNS, SHEETS, type SheetName } from '../../../types/import';
import { validate } from '../../../types/validation';
import { fenToYuanText, yuanToFen } from '../../../types/money';
import { DISPUTE_RULES, disputeTypeProblem, dropStrayAgreementForm, maskedSummary, summaryToStore, withCloseAction } from './dispute';
import { grantUnits, reaches } from './reach';
import { Refusal } from './refusal';
import { personKey } from './training';
import { planSave, type Plan, type RecordRules, type Versioned } from './versioned';

export { COLUMNS, SHEETS, type SheetName };

/** Sheets whose rows are records with their own 编号. */
export type RecordSheet = '矛盾纠纷' | '培训' | '宣传活动';

/** Without these a sheet cannot be read at all; any other missing column reads as blank. */
const REQUIRED: Record<SheetName, readonly string[]> = {
  单位: ['单位', '类型'],
  矛盾纠纷: ['编号', '单位', '调解员', '受理日期', '纠纷类型', '渠道', '调解结果'],
  培训: ['编号', '单位', '类别', '日期', '主题'],
  签到: ['培训编号', '姓名'],
  宣传活动: ['编号', '单位', '日期', '名称'],
};

/** The column the rejected-rows workbook adds; importing that workbook again ignores it quietly. */
export const REASON_COLUMN = '错误原因';

/** A cell as a reader hands it over: CSV gives text, a workbook also numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null;

export function isSheetName(name: string): name is SheetName {
  return (SHEETS as readonly string[]).includes(name);
}

/** Where each contract column sits in a sheet's header row. */
export interface Header {
  sheet: SheetName;
  index: ReadonlyMap<string, number>;
  /** Lines for the summary: unknown columns ignored, optional columns missing. */
  warnings: string[];
}

/** True for the row that holds the column names (title rows above it are skipped). */
export function isHeaderRow(sheet: SheetName, cells: readonly Cell[]): boolean {
  return cells.some((c) => COLUMNS[sheet].includes(textOf(c)));
}

/** Reads a header row; a sheet missing a required column cannot be imported and says which. */
export function readHeader(sheet: SheetName, cells: readonly Cell[]): Header {
  const index = new Map<string, number>();
  const unknown: string[] = [];
  cells.forEach((c, i) => {
    const name = textOf(c);
    if (!name || name === REASON_COLUMN) return;
    if (!COLUMNS[sheet].includes(name)) unknown.push(name);
    else if (!index.has(name)) index.set(name, i);
  });
  const missing = REQUIRED[sheet].filter((c) => !index.has(c));
  if (missing.length) {
    throw new Refusal('INVALID', `「${sheet}」缺少列:${missing.join('、')}(列名须与模板一致:${COLUMNS[sheet].join('、')})`);
  }
  const warnings: string[] = [];
  if (unknown.length) warnings.push(`「${sheet}」忽略未知列:${unknown.join('、')}`);
  const absent = COLUMNS[sheet].filter((c) => !index.has(c));
  if (absent.length) warnings.push(`「${sheet}」没有列 ${absent.join('、')},按空白处理`);
  return { sheet, index, warnings };
}

/** A data row: its cells by contract column name. */
export type Row = (column: string) => Cell;

export function rowOf(header: Header, cells: readonly Cell[]): Row {
  return (column) => {
    const i = header.index.get(column);
    return i === undefined ? null : (cells[i] ?? null);
  };
}

export function isBlankRow(cells: readonly Cell[]): boolean {
  return cells.every((c) => textOf(c) === '');
}

// ——— spellings ———

const EXCEL_EPOCH_DAYS = 25569; // 1970-01-01 as an Excel (1900 system) serial
const DAY_MS = 86_400_000;

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A cell as text: trimmed; a date cell as YYYY-MM-DD; a number as written. */
export function textOf(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDate(cell);
  return String(cell).trim();
}

const pad = (s: string) => s.padStart(2, '0');

/**
 * '2024-03-07', '2024/3/7', '2024.3.7', '2024年3月7日' (a time after it is ignored) and Excel
 * date cells, as YYYY-MM-DD. Anything else comes back as written, for the shared schema to
 * refuse with its own message. Excel date cells are read as calendar dates (readers hand them
 * over at UTC midnight), a bare number as an Excel serial day.
 */
export function dateOf(cell: Cell): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDate(cell);
  if (typeof cell === 'number') {
    return cell >= 1 && cell < 2_958_466 ? isoDate(new Date(Math.round((cell - EXCEL_EPOCH_DAYS) * DAY_MS))) : String(cell);
  }
  const s = textOf(cell);
  if (!s) return undefined;
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s);
  return m ? `${m[1]}-${pad(m[2])}-${pad(m[3])}` : s;
}

/**
 * An amount in yuan ('12,345.67', '-5', a number cell) as fen. Negative amounts and a third
 * decimal come through (as a negative or fractional fen) for the shared schema to name;
 * NaN for what is not a number at all. Blank is 0: ledgers leave zero amounts empty.
 */
export function fenOf(cell: Cell): number {
  if (typeof cell === 'number') {
    const fen = cell * 100;
    // Binary floating point: 0.07 * 100 is 7.000000000000001, still exactly 7 fen.
    return Math.abs(fen - Math.round(fen)) < 1e-6 ? Math.round(fen) : fen;
  }
  const s = textOf(cell).replace(/[,，\s]/g, '');
  if (!s) return 0;
  const negative = s.startsWith('-');
  const fen = yuanToFen(negative ? s.slice(1) : s);
  if (fen !== null) return negative ? -fen : fen;
  return /^-?\d+\.\d+$/.test(s) ? Number(s) * 100 : Number.NaN;
}

/** A count ('1,200', a number cell); blank is 0, as ledgers leave zeros empty; NaN for what is not a number. */
export function numberOf(cell: Cell): number {
  if (typeof cell === 'number') return cell;
  const s = textOf(cell).replace(/[,，\s]/g, '');
  if (!s) return 0;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** A phone as a ledger writes it ('138 0013 8000', '+86-138…', a number cell), as text. */
function phoneOf(cell: Cell): string {
  return typeof cell === 'number' ? String(cell) : textOf(cell);
}

const CHANNEL_BY_LABEL = new Map<string, string>([
  ...CHANNELS.map((c) => [c, c] as [string, string]),
  ...Object.entries(CHANNEL_LABELS).map(([c, label]) => [label, c] as [string, string]),
]);

// ——— ids ———

const ID_PREFIX: Record<RecordSheet | '人员' | '单位', string> = { 矛盾纠纷: 'imp-d', 培训: 'imp-t', 宣传活动: 'imp-p', 人员: 'imp-r', 单位: 'imp-u' };

function hashOf(text: string, length: number): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, length);
}

/**
 * A ledger row's 编号 is its identity: the record id follows from it, so importing the same
 * row again finds the same record. Plain 编号 stay readable ('imp-d-D2024-001'); others (Chinese,
 * too long or short) are hashed under their own prefix, so the two kinds never collide.
 */
export function ledgerRecordId(sheet: RecordSheet, no: string): string {
  return /^[A-Za-z0-9_-]{2,57}$/.test(no) ? `${ID_PREFIX[sheet]}-${no}` : `${ID_PREFIX[sheet]}x-${hashOf(no, 24)}`;
}

/** The roster entry a 签到 row names: one id per (unit, name, phone), however the phone is spelled. */
export function ledgerPersonId(unitId: string, name: string, phone: string): string {
  return `${ID_PREFIX.人员}-${hashOf(personKey(unitId, name, phone), 24)}`;
}

/** A unit created by an import: its id follows from its names from the district down. */
export function ledgerUnitId(names: readonly string[]): string {
  return `${ID_PREFIX.单位}-${hashOf(names.join('/'), 16)}`;
}

/** App-made ids are RecordIds: an export writes them as 编号, so re-importing finds the record. */
export function isAppRecordId(no: string): boolean {
  return /^[A-Za-z0-9_-]{8,64}$/.test(no);
}

// ——— rows → inputs ———

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

export function disputeRow(row: Row, resolve: ResolveUnit): Mapped<DisputeRow> {
  const problems = new Problems('矛盾纠纷');
  const mediatorName = textOf(row('调解员'));
  if (!mediatorName) problems.add('调解员', '请填写调解员');
  else if (mediatorName.length > 30) problems.add('调解员', '调解员姓名不超过30字');
  const channelText = textOf(row('渠道'));
  const r = recordRow('矛盾纠纷', DisputeInput, DISPUTE_FIELD_LABELS, row, resolve, {
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
    // A ledger has no tick box: an amount over 1亿元 written in it stands as written.
    confirmLargeAmount: true,
  }, problems);
  return r.ok ? { ok: true, value: { ...r.value, mediatorName } } : r;
}

const TRAINING_COLUMN_OF: Record<string, string> = {
  id: '编号', unitId: '单位', category: '类别', date: '日期', topic: '主题', trainer: '培训人', place: '地点', hours: '学时',
};

export function trainingRow(row: Row, resolve: ResolveUnit): Mapped<RecordRow<TrainingInput>> {
  return recordRow('培训', TrainingInput, TRAINING_COLUMN_OF, row, resolve, {
    category: textOf(row('类别')),
    date: dateOf(row('日期')),
    topic: textOf(row('主题')),
    trainer: textOf(row('培训人')),
    place: textOf(row('地点')),
    hours: numberOf(row('学时')),
  });
}

const PUBLICITY_COLUMN_OF: Record<string, string> = {
  id: '编号', unitId: '单位', date: '日期', title: '名称', materials: '发放资料(份)', consulted: '现场咨询(人次)',
};

export function publicityRow(row: Row, resolve: ResolveUnit): Mapped<RecordRow<PublicityInput>> {
  return recordRow('宣传活动', PublicityInput, PUBLICITY_COLUMN_OF, row, resolve, {
    date: dateOf(row('日期')),
    title: textOf(row('名称')),
    materials: numberOf(row('发放资料(份)')),
    consulted: numberOf(row('现场咨询(人次)')),
  });
}

/** A 签到 row: the session by its 编号, the person by name and phone, and their unit if written. */
export interface CheckinRow {
  trainingNo: string;
  name: string;
  phone: string;
  /** 所属单位; without it the person belongs to the session's unit. */
  unit?: Unit;
}

export function checkinRow(row: Row, resolve: ResolveUnit): Mapped<CheckinRow> {
  const problems = new Problems('签到');
  const trainingNo = textOf(row('培训编号'));
  if (!trainingNo) problems.add('培训编号', '请填写培训编号');
  const name = v.safeParse(PersonInput.entries.name, textOf(row('姓名')));
  if (!name.success) problems.add('姓名', name.issues[0].message);
  const phone = v.safeParse(PersonInput.entries.phone, phoneOf(row('手机号')));
  if (!phone.success) problems.add('手机号', phone.issues[0].message);
  const unit = textOf(row('所属单位')) ? unitCell(row, '所属单位', resolve, problems) : undefined;
  return (
    fail(problems) ?? { ok: true, value: { trainingNo, name: name.output as string, phone: phone.output as string, unit } }
  );
}

/** The roster entry a 签到 row adds when nobody on the roster matches it. */
export function personInputOf(c: CheckinRow, unitId: string): PersonInput {
  const id = ledgerPersonId(unitId, c.name, c.phone);
  return { id, unitId, name: c.name, phone: c.phone, isLawPerson: true };
}

export interface UnitRow {
  name: string;
  parentRef: string;
  kind: UnitKind;
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
  return fail(problems) ?? { ok: true, value: { name: name.output as string, parentRef, kind: kind as UnitKind } };
}

// ——— inputs → records ———

/** Records an import wrote carry the ledger's 编号, so an export writes it back unchanged. */
export interface FromLedger {
  ledgerNo?: string;
}

export interface ImportContext {
  /** The record id chosen for the row (see ledgerRecordId, isAppRecordId). */
  id: string;
  no: string;
  unitPath: string[];
  /** Who imports: the audit's `by`, and `createdBy` of new records. */
  by: string;
  nowIso: string;
  /** The district's dispute types at the time of the import. */
  disputeTypes: readonly string[];
  /** The registered mediator a 调解员 cell names at a unit, if there is exactly one (see mediatorFinder). */
  mediatorOf: (name: string, unitPath: readonly string[]) => string | undefined;
}

/** A person's name without spaces or a note in brackets after it ('李调解(前进村调解员)' → '李调解'). */
function bareName(name: string): string {
  return name.replace(/[（(][^（()）]*[）)]\s*$/, '').replace(/\s/g, '');
}

/**
 * Links a ledger's 调解员 to an app user, so imported cases are in that mediator's 我的台账:
 * the one registered user of that name (a bracketed note aside) whose mediator role reaches the
 * case's unit. None, or more than one: the case keeps the ledger's name only.
 */
export function mediatorFinder(users: readonly User[]): ImportContext['mediatorOf'] {
  const byName = new Map<string, User[]>();
  for (const u of users) {
    if (!grantUnits(u, RECORDERS.dispute).length) continue;
    const key = bareName(u.name);
    byName.set(key, [...(byName.get(key) ?? []), u]);
  }
  return (name, unitPath) => {
    const found = (byName.get(bareName(name)) ?? []).filter((u) => reaches(u, RECORDERS.dispute, unitPath));
    return found.length === 1 ? found[0]._id : undefined;
  };
}

/**
 * The record rules of an import: a ledger row replaces what the ledger holds, and the
 * mediator is one of those fields (the app's own rules take the mediator from the caller).
 */
const IMPORT_DISPUTE_RULES: RecordRules<Dispute> = {
  ...DISPUTE_RULES,
  fields: [...DISPUTE_RULES.fields, 'mediatorId', 'mediatorName'],
};

/**
 * Same content as stored is unchanged; different content is an edit of the version stored
 * (an import always edits the current version: the ledger is the later word). Whether the
 * importer may change the stored record at all is decided before (their reach).
 */
export function planImport<R extends Versioned>(rules: RecordRules<R>, existing: R | null, fresh: R): Plan<R> {
  return planSave(rules, existing, fresh, existing?.version, () => true);
}

/** Who a ledger's mediator is: a name, not necessarily a user of the app. */
function ledgerMediatorId(name: string): string {
  return `ledger:${name}`;
}

/**
 * A new record's own fields, then its kind's, then the row's. Object.assign, not spreads
 * followed by fields: V8 builds the latter some 20 µs slower, and an import builds one per row.
 */
function fresh<R>(ctx: ImportContext, own: object, fields: object): R & FromLedger {
  const base = { _id: ctx.id, id: ctx.id, unitPath: ctx.unitPath, version: 1, deleted: false, createdAt: ctx.nowIso, updatedAt: ctx.nowIso, ledgerNo: ctx.no };
  return Object.assign(base, own, fields) as unknown as R & FromLedger;
}

export function planDisputeImport(existing: Dispute | null, row: DisputeRow, ctx: ImportContext): Plan<Dispute> {
  const typeProblem = disputeTypeProblem(row.input.type, existing, ctx.disputeTypes);
  if (typeProblem) throw new Refusal('INVALID', typeProblem, { 纠纷类型: typeProblem });
  const { confirmLargeAmount, baseVersion, id, partyNames, partyPhones, ...fields } = row.input;
  void [confirmLargeAmount, baseVersion, id, partyNames, partyPhones];
  const own = {
    // Party names and phones never travel in a ledger: what is stored stays.
    partyNames: existing?.partyNames,
    partyPhones: existing?.partyPhones,
    // A registered mediator of that name, else: the same name keeps the stored mediator.
    mediatorId:
      ctx.mediatorOf(row.mediatorName, ctx.unitPath) ??
      (existing?.mediatorName === row.mediatorName ? existing.mediatorId : ledgerMediatorId(row.mediatorName)),
    mediatorName: row.mediatorName,
  };
  // An export masks the parties in a summary (disputeCells): coming back as it went out, it keeps the stored text.
  fields.summary = summaryToStore(fields.summary, existing);
  dropStrayAgreementForm(fields);
  return withCloseAction(planImport(IMPORT_DISPUTE_RULES, existing, fresh<Dispute>(ctx, own, fields)), existing);
}

export function freshTraining(row: RecordRow<TrainingInput>, ctx: ImportContext, token: string): Training & FromLedger {
  const { baseVersion, id, ...fields } = row.input;
  void [baseVersion, id];
  // Attendance and the check-in code are not in a ledger: an edit keeps the stored ones.
  return fresh<Training>(ctx, { attendees: [], checkinToken: token, createdBy: ctx.by }, fields);
}

export function freshPublicity(existing: Publicity | null, row: RecordRow<PublicityInput>, ctx: ImportContext): Publicity & FromLedger {
  const { baseVersion, id, photos, ...fields } = row.input;
  void [baseVersion, id, photos];
  // Photos are not in a ledger: an imported row keeps those taken in the app.
  return fresh<Publicity>(ctx, { photos: existing?.photos ?? [], createdBy: ctx.by }, fields);
}

export function freshPerson(input: PersonInput, unitPath: string[], by: string, nowIso: string): Person {
  return {
    ...input,
    _id: input.id,
    unitPath,
    phoneKey: normalizePhone(input.phone),
    version: 1,
    deleted: false,
    createdBy: by,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}

// ——— records → rows (export) ———

/** The 编号 an export writes: the ledger's own, or the app's id for records made in the app. */
function ledgerNoOf(r: { _id: string } & FromLedger): string {
  return r.ledgerNo ?? r._id;
}

export function unitCells(u: Unit, parentRef: string): Cell[] {
  return [u.name, parentRef, u.kind];
}

/** Money as yuan in a number cell (what a reader sums), exact to the fen when read back. */
function yuanCell(fen: number): number {
  return Number(fenToYuanText(fen));
}

/** A case as a ledger row: the format has no party columns, and its summary has its parties masked. */
export function disputeCells(d: Dispute & FromLedger, unitRef: string): Cell[] {
  return [
    ledgerNoOf(d), unitRef, d.mediatorName, d.acceptedDate, d.resolvedDate ?? '', d.type, d.channel, d.outcome,
    d.agreementForm ?? '', yuanCell(d.amountFen), d.parties, d.banners, maskedSummary(d),
  ];
}

export function trainingCells(t: Training & FromLedger, unitRef: string): Cell[] {
  return [ledgerNoOf(t), unitRef, t.category, t.date, t.topic, t.trainer ?? '', t.place ?? '', t.hours ?? 0];
}

export function checkinCells(t: Training & FromLedger, p: Person, unitRef: string): Cell[] {
  return [ledgerNoOf(t), p.name, p.phone, unitRef];
}

export function publicityCells(p: Publicity & FromLedger, unitRef: string): Cell[] {
  return [ledgerNoOf(p), unitRef, p.date, p.title, p.materials, p.consulted];
}
