/**
 * A checked row's input as the record an import writes, by each kind's own builder: the ledger
 * is the later word (an import always edits the current version), and a 调解员 is linked to the
 * app user of that name. Pure.
 */
import type { Dispute } from '../../../../types/dispute';
import { RECORDERS, type User } from '../../../../types/org';
import { grantUnits, reaches } from '../../../../types/reach';
import type { Person, PersonInput, Publicity, PublicityInput, Training, TrainingInput } from '../../../../types/training';
import { DISPUTE_RULES, disputeRecord, disputeTypeProblem, dropStrayAgreementForm, summaryToStore, termsToStore, withCloseAction, withFollowUpDue } from '../dispute';
import { PERSON_RULES, personRecord } from '../person';
import { PUBLICITY_RULES, publicityRecord } from '../publicity';
import { Refusal } from '../refusal';
import { TRAINING_RULES, trainingRecord } from '../training';
import { planSave, type NewRecord, type Plan, type RecordRules, type Versioned } from '../versioned';
import type { DisputeRow, RecordRow } from './rows';

/** Records an import wrote carry the ledger's 编号, so an export writes it back unchanged. */
export interface FromLedger {
  ledgerNo?: string;
  /** The version an import last wrote: a later one was written in the app. */
  ledgerVersion?: number;
}

/**
 * Is the record's current version the ledger's (written by an import)? Then a ledger row may
 * change it, as its importers keep that ledger; a version written in the app since (a mediator
 * correcting their case) is its writer's, changed only under the app's edit rules. Records
 * imported before versions were noted count as the ledger's.
 */
export function ledgerKeeps(r: Versioned & FromLedger): boolean {
  return r.ledgerNo !== undefined && (r.ledgerVersion ?? r.version) === r.version;
}

/** `id`: the record id chosen for the row (see ledgerRecordId, isAppRecordId); `by`: who imports (the audit's `by`, `createdBy` of new records). */
export interface ImportContext extends NewRecord {
  /** The row's 编号. */
  no: string;
  /** The district's dispute types at the time of the import. */
  disputeTypes: readonly string[];
  /** The district's 回访 interval (区级设置), for a case the app gave a due date. */
  followUpDays: number;
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
/** A case's fields the 矛盾纠纷 sheet has no column for. */
const NOT_IN_LEDGER = ['partyNames', 'partyPhones'] as const satisfies readonly (keyof Dispute)[];
/** The case file's columns (CASE_FILE_COLUMNS): blank keeps what is stored, as an older ledger has none of them. */
const KEPT_WHEN_BLANK = ['agreementTerms', 'performanceWay', 'performanceDeadline', 'alerts'] as const satisfies readonly (keyof Dispute)[];

const IMPORT_DISPUTE_RULES: RecordRules<Dispute> = {
  ...DISPUTE_RULES,
  // 回访 and 司法确认 are the ledger's to give too (withCaseFileRecords).
  fields: [...DISPUTE_RULES.fields, 'mediatorId', 'mediatorName', 'confirmation', 'followUps'],
};

/**
 * Same content as stored is unchanged; different content is an edit of the version stored
 * (an import always edits the current version: the ledger is the later word). Whether the
 * importer may change the stored record at all is decided before (their reach).
 */
function planImport<R extends Versioned>(rules: RecordRules<R>, existing: R | null, fresh: R): Plan<R> {
  return planSave(rules, existing, fresh, existing?.version, () => true);
}

/** Who a ledger's mediator is: a name, not necessarily a user of the app. */
function ledgerMediatorId(name: string): string {
  return `ledger:${name}`;
}

/** Records an import makes carry the row's 编号 (see FromLedger). */
const fromLedger = <R extends object>(record: R, ctx: ImportContext): R & FromLedger => Object.assign(record, { ledgerNo: ctx.no });

/** planImport for a ledger's record: the version it writes is noted as the ledger's (see ledgerKeeps). */
function planLedgerImport<R extends Versioned & FromLedger>(rules: RecordRules<R>, existing: R | null, fresh: R): Plan<R> {
  const plan = planImport(rules, existing, fresh);
  if (plan.kind === 'write') plan.record.ledgerVersion = plan.record.version;
  return plan;
}

/**
 * The row's 司法确认 and 回访 on the case, held to the case page's rules (a written agreement goes
 * to court; neither dates before 调结). Blank keeps what is stored; a 回访 of a date the case holds
 * is the same one (an exported ledger coming back), another is added, recorded by the case's mediator.
 */
function withCaseFileRecords(fresh: Dispute, row: DisputeRow, existing: Dispute | null, nowIso: string): void {
  const refuse = (column: string, reason: string): never => {
    throw new Refusal('INVALID', reason, { [column]: reason });
  };
  const c = row.confirmation;
  if (c) {
    if (fresh.outcome !== '调解成功') refuse('司法确认', '只有调解成功的案件才有司法确认');
    if (c.status !== '未申请' && fresh.agreementForm !== '书面') refuse('司法确认', '司法确认须有书面调解协议,口头协议不能申请');
    if (c.appliedDate && fresh.resolvedDate && c.appliedDate < fresh.resolvedDate) refuse('司法确认申请日期', `申请日期不能早于调结日期(${fresh.resolvedDate})`);
  }
  const confirmation = c ?? existing?.confirmation;
  if (confirmation) fresh.confirmation = confirmation;
  const followUps = [...(existing?.followUps ?? [])];
  const f = row.followUp;
  if (f && !followUps.some((held) => held.date === f.date)) {
    if (fresh.outcome !== '调解成功') refuse('回访日期', '只有调解成功的案件才有回访');
    if (fresh.resolvedDate && f.date < fresh.resolvedDate) refuse('回访日期', `回访日期不能早于调结日期(${fresh.resolvedDate})`);
    followUps.push({ ...f, id: `ledger-${f.date}`, by: fresh.mediatorId, byName: fresh.mediatorName, at: nowIso });
    followUps.sort((a, b) => a.date.localeCompare(b.date) || a.at.localeCompare(b.at));
  }
  if (followUps.length) fresh.followUps = followUps;
}

export function planDisputeImport(existing: Dispute | null, row: DisputeRow, ctx: ImportContext): Plan<Dispute> {
  const typeProblem = disputeTypeProblem(row.input.type, existing, ctx.disputeTypes);
  if (typeProblem) throw new Refusal('INVALID', typeProblem, { 纠纷类型: typeProblem });
  const { confirmLargeAmount, baseVersion, id, ...fields } = row.input;
  // 案号 is given once: a ledger's own stands on a new case (numberCase keeps it), never replaces a stored one.
  if (row.caseNo && existing?.caseNo && row.caseNo !== existing.caseNo) {
    const reason = `案号一经编定不能修改(该案件为${existing.caseNo})`;
    throw new Refusal('INVALID', reason, { 案号: reason });
  }
  // What never travels in a ledger stays as stored: a ledger imported back must not clear it.
  for (const f of NOT_IN_LEDGER) (fields as Record<string, unknown>)[f] = existing?.[f];
  for (const f of KEPT_WHEN_BLANK) if (fields[f] === undefined) (fields as Record<string, unknown>)[f] = existing?.[f];
  // An export masks the parties in a summary and the terms (disputeCells): coming back as they went out, they keep the stored text.
  fields.summary = summaryToStore(fields.summary, existing);
  if (fields.agreementTerms) fields.agreementTerms = termsToStore(fields.agreementTerms, existing);
  dropStrayAgreementForm(fields);
  const fresh = disputeRecord(fields, ctx, {
    // A registered mediator of that name, else: the same name keeps the stored mediator.
    mediatorId:
      ctx.mediatorOf(row.mediatorName, ctx.unitPath) ??
      (existing?.mediatorName === row.mediatorName ? existing.mediatorId : ledgerMediatorId(row.mediatorName)),
    mediatorName: row.mediatorName,
  });
  if (row.caseNo && !existing) fresh.caseNo = row.caseNo;
  withCaseFileRecords(fresh, row, existing, ctx.nowIso);
  const plan = withCloseAction(planLedgerImport<Dispute & FromLedger>(IMPORT_DISPUTE_RULES, existing, fromLedger(fresh, ctx)), existing);
  // A ledger's own cases had their 回访 on paper: no reminder. A case the app reminds of follows the row's outcome and 调结日期.
  return existing?.followUpDue ? withFollowUpDue(plan, ctx.followUpDays) : plan;
}

/** `token`: a new session's check-in code. Attendance and the code are not in a ledger: an edit keeps the stored ones. */
export function planTrainingImport(existing: Training | null, row: RecordRow<TrainingInput>, ctx: ImportContext, token: string): Plan<Training> {
  return planLedgerImport<Training & FromLedger>(TRAINING_RULES, existing, fromLedger(trainingRecord(row.input, ctx, token), ctx));
}

export function planPublicityImport(existing: Publicity | null, row: RecordRow<PublicityInput>, ctx: ImportContext): Plan<Publicity> {
  // Photos are not in a ledger: an imported row keeps those taken in the app.
  const fresh = publicityRecord(row.input, ctx);
  fresh.photos = existing?.photos ?? [];
  return planLedgerImport<Publicity & FromLedger>(PUBLICITY_RULES, existing, fromLedger(fresh, ctx));
}

/** The roster entry a 签到 row adds when nobody on the roster is the same person; one already under its id stands. */
export function planPersonImport(existing: Person | null, fresh: Person): Plan<Person> {
  if (existing?.deleted) throw new Refusal('NOT_FOUND', `名册中的「${existing.name}」已被删除,不能签到`, { 姓名: `名册中的「${existing.name}」已被删除,不能签到` });
  return existing ? { kind: 'unchanged', record: existing } : planImport(PERSON_RULES, null, fresh);
}

export function importedPerson(input: PersonInput, unitPath: string[], by: string, nowIso: string): Person {
  return personRecord(input, { id: input.id, unitPath, by, nowIso });
}
