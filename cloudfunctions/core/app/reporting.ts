/**
 * The reporting cycle (上报 · 审核 · 退回 · 锁定) and its views: 报送审核 for a supervisor, 报送情况
 * (completeness and timeliness) over any period, 提醒报送, and the home page's card. An approved
 * month is locked through the period locks every write already checks (locks.ts).
 */
import { todayBeijing } from '../../../types/dates';
import type { AuditEntry } from '../../../types/ledger';
import { VIEWERS, type Unit } from '../../../types/org';
import { grantUnits, reaches } from '../../../types/reach';
import {
  submissionId, type CompletenessQuery, type CompletenessView, type ExpectedInput, type MyReportingQuery, type MyReportingView, type Notice,
  type RemindInput, type RemindView, type ReturnInput, type ReviewInput, type ReviewLine, type ReviewQuery, type ReviewView, type Submission,
  type SubmitInput,
} from '../../../types/reporting';
import { lockId, type LockDoc } from '../domain/figures/locks';
import {
  approvalBlock, countMonth, dueDateOf, emptyCounts, isExpected, monthsOf, planSubmit, reminderPush, reminderText, reviewed, timelinessOf,
  unapprovalBlock,
} from '../domain/reporting';
import { Refusal } from '../domain/refusal';
import { C, type Call, type Store, type Tx } from '../platform/port';
import { readLock } from './queries/locks';
import { readRollups } from './queries/rollups';
import { readSettings } from './queries/settings';
import { childUnits, requireUnit, subtree } from './queries/units';
import { pushOffer, pushToUnits } from './push';
import { unitInView } from './unit-in-view';
import { appendAudit } from './write';

const REVIEWERS = ['supervisor'] as const;
const REFUSAL = '只有主管可以查看报送情况';

async function dueDate(store: Store, period: string): Promise<string> {
  return dueDateOf(period, (await readSettings(store)).dueDay);
}

/** A unit's month is submitted by the people of that unit itself (any role held there). */
function maySubmit(call: Call, unit: Unit): boolean {
  return call.caller.roles.some((g) => g.unitId === unit._id);
}

/** It is reviewed by a supervisor above it: a grant on its parent or higher. */
function mayReview(call: Call, unit: Unit): boolean {
  return unit.parentId !== null && reaches(call.caller, REVIEWERS, unit.path.slice(0, -1));
}

function requireReviewer(call: Call, unit: Unit): void {
  if (!mayReview(call, unit)) throw new Refusal('FORBIDDEN', `只有「${unit.name}」的上级主管可以审核它的报送`);
}

function readSubmission(tx: Pick<Tx, 'get'>, unitId: string, period: string): Promise<Submission | null> {
  return tx.get<Submission>(C.submissions, submissionId(unitId, period));
}

function audit(tx: Tx, call: Call, s: Submission, action: AuditEntry['action'], changes: AuditEntry['changes'] = {}): Promise<void> {
  return appendAudit(tx, { coll: C.submissions, recordId: s._id, version: s.version, action, by: call.caller._id, byName: call.caller.name, at: call.now().toISOString(), changes });
}

/** Each unit's 受理 of the month in its own records (a parent's less its children's). */
async function ownAccepted(store: Store, units: readonly Unit[], period: string): Promise<(u: Unit) => number> {
  const childrenOf = new Map<string, Unit[]>();
  const wanted = new Set(units.map((u) => u._id));
  const kids = await store.find<Unit>(C.units, { parentId: { $in: [...wanted] } });
  for (const k of kids) childrenOf.set(k.parentId!, [...(childrenOf.get(k.parentId!) ?? []), k]);
  const counters = await readRollups(store, [...wanted, ...kids.map((k) => k._id)], [period]);
  return (u) => (counters(u._id, period).accepted ?? 0) - (childrenOf.get(u._id) ?? []).reduce((n, k) => n + (counters(k._id, period).accepted ?? 0), 0);
}

export async function submit(call: Call, input: SubmitInput): Promise<Submission> {
  const unit = await requireUnit(call.store, input.unitId);
  if (!maySubmit(call, unit)) throw new Refusal('FORBIDDEN', `只有「${unit.name}」的人员可以上报它的月报`);
  if (!isExpected(unit)) throw new Refusal('INVALID', `「${unit.name}」不需报送`);
  const accepted = (await ownAccepted(call.store, [unit], input.period))(unit);
  const now = call.now().toISOString();
  return call.store.transaction(async (tx) => {
    const existing = await readSubmission(tx, unit._id, input.period);
    const next = planSubmit(existing, input, unit, call.caller, accepted, now);
    if (!next) return existing!;
    await tx.set(C.submissions, next);
    await audit(tx, call, next, 'submit', { state: [existing?.state ?? null, 'submitted'], zero: [existing?.zero ?? null, next.zero] });
    return next;
  });
}

export async function approve(call: Call, input: ReviewInput): Promise<Submission> {
  const unit = await requireUnit(call.store, input.unitId);
  requireReviewer(call, unit);
  const children = (await childUnits(call.store, unit._id)).filter(isExpected);
  const now = call.now().toISOString();
  return call.store.transaction(async (tx) => {
    const s = await readSubmission(tx, unit._id, input.period);
    if (s?.state === 'approved') return s;
    const kids = await Promise.all(children.map(async (c) => ({ name: c.name, s: await readSubmission(tx, c._id, input.period) })));
    const block = approvalBlock(s, unit.name, kids);
    if (block) throw new Refusal('CONFLICT', `不能审核通过:${block}`);
    const next = reviewed(s!, 'approved', call.caller, now);
    await tx.set(C.submissions, next);
    // The approval locks the month for the unit's subtree, unless the district has locked it already.
    if (!(await readLock(tx, lockId(unit._id, input.period)))) {
      const lock: LockDoc = { _id: lockId(unit._id, input.period), unitId: unit._id, unitName: unit.name, unitPath: unit.path, period: input.period, by: call.caller._id, byName: call.caller.name, at: now, byApproval: true };
      await tx.set(C.locks, lock);
    }
    await audit(tx, call, next, 'approve', { state: ['submitted', 'approved'] });
    return next;
  });
}

/** 退回: back to the unit with a reason its people see on their home page's card. */
export async function returnSubmission(call: Call, input: ReturnInput): Promise<Submission> {
  const unit = await requireUnit(call.store, input.unitId);
  requireReviewer(call, unit);
  const now = call.now().toISOString();
  return call.store.transaction(async (tx) => {
    const s = await readSubmission(tx, unit._id, input.period);
    if (s?.state === 'returned' && s.reason === input.reason) return s;
    if (s?.state !== 'submitted') {
      throw new Refusal('CONFLICT', s?.state === 'approved' ? `「${unit.name}」已审核通过,请先撤销审核再退回` : `「${unit.name}」还没有上报,无需退回`);
    }
    const next = reviewed(s, 'returned', call.caller, now, input.reason);
    await tx.set(C.submissions, next);
    await audit(tx, call, next, 'return', { state: ['submitted', 'returned'], reason: [null, input.reason] });
    return next;
  });
}

/** 撤销审核: needs a reason, is audited, and unlocks the month the approval locked; not while the parent's approval stands on it. */
export async function unapprove(call: Call, input: ReturnInput): Promise<Submission> {
  const unit = await requireUnit(call.store, input.unitId);
  requireReviewer(call, unit);
  const parent = unit.parentId ? await requireUnit(call.store, unit.parentId) : null;
  const now = call.now().toISOString();
  return call.store.transaction(async (tx) => {
    const s = await readSubmission(tx, unit._id, input.period);
    const above = parent && isExpected(parent) ? { name: parent.name, s: await readSubmission(tx, parent._id, input.period) } : null;
    const block = unapprovalBlock(s, unit.name, above);
    if (block) throw new Refusal('CONFLICT', `不能撤销审核:${block}`);
    const next = reviewed(s!, 'submitted', call.caller, now, input.reason);
    await tx.set(C.submissions, next);
    const lock = await readLock(tx, lockId(unit._id, input.period));
    if (lock?.byApproval) await tx.remove(C.locks, lock._id);
    await audit(tx, call, next, 'unapprove', { state: ['approved', 'submitted'], reason: [null, input.reason] });
    return next;
  });
}

/** Whether the caller may approve / return / un-approve each line now, and why not. */
function linesOf(call: Call, units: Unit[], subs: Map<string, Submission>, parentSub: Submission | null, parent: Unit, childrenOf: Map<string, Unit[]>, accepted: (u: Unit) => number, period: string, due: string): ReviewLine[] {
  const of = (id: string) => subs.get(submissionId(id, period)) ?? null;
  return units.map((u) => {
    const s = of(u._id);
    const kids = (childrenOf.get(u._id) ?? []).map((k) => ({ name: k.name, s: of(k._id) }));
    const may = mayReview(call, u);
    const approveBlock = approvalBlock(s, u.name, kids);
    const unapproveBlock = unapprovalBlock(s, u.name, isExpected(parent) ? { name: parent.name, s: parentSub } : null);
    return {
      unitId: u._id,
      name: u.name,
      parentName: parent.name,
      state: s?.state ?? 'none',
      zero: s?.zero ?? false,
      timeliness: timelinessOf(s, due),
      submittedAt: s?.submittedAt,
      submittedByName: s?.submittedByName,
      reviewedByName: s?.reviewedByName,
      reason: s?.reason,
      accepted: accepted(u),
      canApprove: may && !approveBlock,
      canReturn: may && s?.state === 'submitted',
      canUnapprove: may && !unapproveBlock,
      blockedBy: s?.state === 'submitted' ? approveBlock : undefined,
      hasChildren: kids.length > 0,
    };
  });
}

/** 报送审核: the expected units directly under the one in view, for one month. */
export async function review(call: Call, q: ReviewQuery): Promise<ReviewView> {
  const unit = await unitInView(call, VIEWERS, q.unitId, REFUSAL);
  const units = (await childUnits(call.store, unit._id)).filter(isExpected);
  const grandchildren = units.length ? (await call.store.find<Unit>(C.units, { parentId: { $in: units.map((u) => u._id) } })).filter(isExpected) : [];
  const childrenOf = new Map<string, Unit[]>();
  for (const g of grandchildren) childrenOf.set(g.parentId!, [...(childrenOf.get(g.parentId!) ?? []), g]);
  const ids = [unit, ...units, ...grandchildren].map((u) => submissionId(u._id, q.period));
  const subs = new Map((await call.store.find<Submission>(C.submissions, { _id: { $in: ids } })).map((s) => [s._id, s]));
  const [due, accepted] = await Promise.all([dueDate(call.store, q.period), ownAccepted(call.store, units, q.period)]);
  return {
    unitId: unit._id,
    unitName: unit.name,
    period: q.period,
    dueDate: due,
    lines: linesOf(call, units, subs, subs.get(submissionId(unit._id, q.period)) ?? null, unit, childrenOf, accepted, q.period, due),
    parentId: unit.parentId,
  };
}

/** 报送情况 over a month, quarter or year: unit-months by timeliness, per unit below, and who is missing which months. */
export async function completeness(call: Call, q: CompletenessQuery): Promise<CompletenessView> {
  const unit = await unitInView(call, VIEWERS, q.unitId, REFUSAL);
  const today = todayBeijing(call.now());
  const months = monthsOf(q.period, today);
  const tree = await subtree(call.store, unit._id);
  const all = tree.filter(isExpected);
  const subs = new Map(
    (await call.store.find<Submission>(C.submissions, { unitPath: unit._id, period: { $gte: months[0] ?? q.period, $lte: months[months.length - 1] ?? q.period } })).map((s) => [s._id, s]),
  );
  const settings = await readSettings(call.store);
  const dues = new Map(months.map((m) => [m, dueDateOf(m, settings.dueDay)]));
  const names = new Map(tree.map((u) => [u._id, u.name]));
  const children = (await childUnits(call.store, unit._id)).filter((c) => all.some((u) => u.path.includes(c._id)));
  const total = emptyCounts();
  const rows = children.map((c) => ({ unitId: c._id, name: c.name, ...emptyCounts() }));
  const missing: CompletenessView['missing'] = [];
  for (const u of all) {
    if (u._id === unit._id) continue;
    const row = rows.find((r) => u.path.includes(r.unitId));
    const gaps: string[] = [];
    for (const m of months) {
      const s = subs.get(submissionId(u._id, m));
      countMonth(total, s, dues.get(m)!);
      if (row) countMonth(row, s, dues.get(m)!);
      if (timelinessOf(s, dues.get(m)!) === '未报送') gaps.push(m);
    }
    if (gaps.length) missing.push({ unitId: u._id, name: u.name, parentName: names.get(u.parentId ?? '') ?? '', months: gaps });
  }
  missing.sort((a, b) => a.parentName.localeCompare(b.parentName, 'zh') || a.name.localeCompare(b.name, 'zh'));
  return { unitId: unit._id, unitName: unit.name, period: q.period, total, rows, missing };
}

/** 提醒报送: a notice for every expected unit below that has not submitted the month; again the same day is the same notice. */
export async function remind(call: Call, input: RemindInput): Promise<RemindView> {
  const unit = await unitInView(call, REVIEWERS, input.unitId, '只有主管可以提醒报送');
  const targets = (await subtree(call.store, unit._id)).filter((u) => u._id !== unit._id && isExpected(u));
  const subs = new Map((await call.store.find<Submission>(C.submissions, { unitPath: unit._id, period: input.period })).map((s) => [s._id, s]));
  const due = await dueDate(call.store, input.period);
  const silent = targets.filter((u) => timelinessOf(subs.get(submissionId(u._id, input.period)), due) === '未报送');
  const now = call.now().toISOString();
  const day = todayBeijing(call.now());
  const text = reminderText(input.period, due);
  const fresh: string[] = [];
  for (const u of silent) {
    const notice: Notice = { _id: `remind:${u._id}:${input.period}:${day}`, unitId: u._id, unitPath: u.path, kind: 'remind', period: input.period, text, byName: call.caller.name, at: now };
    const isNew = await call.store.transaction(async (tx) => {
      const existing = await tx.get<Notice>(C.notices, notice._id);
      await tx.set<Notice>(C.notices, notice);
      return !existing;
    });
    if (isNew) fresh.push(u._id);
  }
  // A reminder sent again the same day is the same notice, and is not pushed again.
  const pushed = await pushToUnits(call, fresh, reminderPush(input.period, due, call.caller.name));
  return { units: silent.length, pushed };
}

/** 不需报送: a supervisor above a unit (or an admin) marks it as not expected to report. */
export async function setExpected(call: Call, input: ExpectedInput): Promise<Unit> {
  const unit = await requireUnit(call.store, input.unitId);
  if (!(mayReview(call, unit) || reaches(call.caller, ['admin'], unit.path))) throw new Refusal('FORBIDDEN', `您没有设置「${unit.name}」是否报送的权限`);
  if (unit.parentId === null) throw new Refusal('INVALID', '区级单位不参与报送');
  const at = call.now().toISOString();
  return call.store.transaction(async (tx) => {
    const current = await requireUnit(tx, unit._id);
    if (!current.exempt === input.expected) return current;
    const next: Unit = { ...current };
    if (input.expected) delete next.exempt;
    else next.exempt = true;
    await tx.set(C.units, next);
    await appendAudit(tx, { coll: C.units, recordId: unit._id, version: 0, action: 'exempt', by: call.caller._id, byName: call.caller.name, at, changes: { exempt: [!!current.exempt, !input.expected] } });
    return next;
  });
}

/** The home page's card: my units' month (default last month) and their recent notices. */
export async function mine(call: Call, q: MyReportingQuery): Promise<MyReportingView> {
  const today = todayBeijing(call.now());
  const period = q.period ?? lastMonth(today);
  const ids = grantUnits(call.caller, ['mediator', 'trainer', 'supervisor', 'admin']);
  const units = (await call.store.find<Unit>(C.units, { _id: { $in: ids } })).filter(isExpected);
  const subs = new Map((await call.store.find<Submission>(C.submissions, { _id: { $in: units.map((u) => submissionId(u._id, period)) } })).map((s) => [s.unitId, s]));
  const [due, accepted] = await Promise.all([dueDate(call.store, period), ownAccepted(call.store, units, period)]);
  const recent = units.length
    ? await call.store.find<Notice>(C.notices, { unitId: units.length === 1 ? units[0]._id : { $in: units.map((u) => u._id) }, kind: 'remind' }, { sort: { at: -1 }, limit: 10 })
    : [];
  // A reminder is about a month still to be sent: once it is submitted, it is done with.
  const sent = new Set(
    (await call.store.find<Submission>(C.submissions, { _id: { $in: [...new Set(recent.map((n) => submissionId(n.unitId, n.period)))] } }))
      .filter((s) => s.state !== 'returned')
      .map((s) => s._id),
  );
  const notices = recent.filter((n) => !sent.has(submissionId(n.unitId, n.period))).slice(0, 5);
  return {
    period,
    dueDate: due,
    units: units.map((u) => {
      const s = subs.get(u._id);
      return { unitId: u._id, name: u.name, state: s?.state ?? 'none', zero: s?.zero ?? false, reason: s?.reason, accepted: accepted(u), canSubmit: s?.state !== 'approved' };
    }),
    notices,
    push: units.length ? await pushOffer(call, 'remind') : undefined,
  };
}

function lastMonth(today: string): string {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
