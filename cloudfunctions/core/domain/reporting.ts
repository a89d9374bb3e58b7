/**
 * The reporting cycle's rules (DOMAIN.md "Reporting cycle"), pure: who is expected to report,
 * when a month is due and whether it came on time, and which act each state allows. DHIS2's
 * rule holds: a parent is approved only once every expected child is.
 */
import type { PushMessage } from '../../../types/notify';
import { addDays, periodRange, todayBeijing } from '../../../types/dates';
import type { Unit } from '../../../types/org';
import type { CompletenessCounts, Submission, SubmitInput, Timeliness } from '../../../types/reporting';
import { Refusal } from './refusal';

export const DEFAULT_DUE_DAY = 25;

/** Units report unless they are the district itself (nobody above approves it), retired or marked exempt (不需报送). */
export function isExpected(u: Pick<Unit, 'parentId' | 'retired' | 'exempt'>): boolean {
  return u.parentId !== null && !u.retired && !u.exempt;
}

/** A month is due on the `dueDay` of the month after it. */
export function dueDateOf(period: string, dueDay = DEFAULT_DUE_DAY): string {
  const next = addDays(periodRange(period).to, 1);
  return `${next.slice(0, 8)}${String(dueDay).padStart(2, '0')}`;
}

export function timelinessOf(s: Submission | null | undefined, dueDate: string): Timeliness {
  if (!s || s.state === 'returned') return '未报送';
  return todayBeijing(new Date(s.firstSubmittedAt)) <= dueDate ? '按时' : '逾期';
}

/** The months of a period that have ended by `today` ('2024' → twelve once the year is over): a month is expected once it is over. */
export function monthsOf(period: string, today: string): string[] {
  const { from, to } = periodRange(period);
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7) && m < today.slice(0, 7); m = addDays(`${m}-28`, 7).slice(0, 7)) out.push(m);
  return out;
}

export function emptyCounts(): CompletenessCounts {
  return { expected: 0, 已报送: 0, 按时: 0, 逾期: 0, 零报告: 0, 未报送: 0 };
}

/** Adds one unit-month to the counts. */
export function countMonth(into: CompletenessCounts, s: Submission | null | undefined, dueDate: string): void {
  const t = timelinessOf(s, dueDate);
  into.expected += 1;
  into[t] += 1;
  if (t !== '未报送') {
    into.已报送 += 1;
    if (s?.zero) into.零报告 += 1;
  }
}

/** 上报 (or 本月无纠纷) of a unit's month; null when it already stands so (a retry). */
export function planSubmit(
  existing: Submission | null,
  input: SubmitInput,
  unit: Unit,
  by: { name: string },
  ownAccepted: number,
  nowIso: string,
): Submission | null {
  if (input.period > todayBeijing(new Date(nowIso)).slice(0, 7)) throw new Refusal('INVALID', '还没到这个月,不能上报', { period: '还没到这个月,不能上报' });
  if (existing?.state === 'approved') throw new Refusal('CONFLICT', `「${unit.name}」${monthText(input.period)}已审核通过,如需更改请联系上级主管撤销审核`);
  if (existing?.state === 'submitted' && existing.zero === input.zero) return null;
  if (input.zero && ownAccepted > 0) {
    throw new Refusal('INVALID', `「${unit.name}」${monthText(input.period)}已登记${ownAccepted}件纠纷,不能报「本月无纠纷」;请直接上报`);
  }
  return {
    _id: `${unit._id}:${input.period}`,
    unitId: unit._id,
    unitName: unit.name,
    unitPath: unit.path,
    period: input.period,
    state: 'submitted',
    zero: input.zero,
    firstSubmittedAt: existing?.firstSubmittedAt ?? nowIso,
    submittedAt: nowIso,
    submittedByName: by.name,
    version: (existing?.version ?? 0) + 1,
  };
}

/** Why a unit's month cannot be approved yet, or undefined when it can. */
export function approvalBlock(s: Submission | null, unitName: string, children: readonly { name: string; s: Submission | null }[]): string | undefined {
  if (!s || s.state === 'returned') return `「${unitName}」还没有上报`;
  if (s.state === 'approved') return `「${unitName}」已审核通过`;
  const waiting = children.filter((c) => c.s?.state !== 'approved');
  if (waiting.length) return `下级单位${waiting.slice(0, 3).map((c) => `「${c.name}」`).join('')}${waiting.length > 3 ? `等${waiting.length}个` : ''}尚未审核通过`;
  return undefined;
}

/** Why an approved month cannot be un-approved, or undefined when it can: the parent's approval stands on it. */
export function unapprovalBlock(s: Submission | null, unitName: string, parent: { name: string; s: Submission | null } | null): string | undefined {
  if (s?.state !== 'approved') return `「${unitName}」尚未审核通过`;
  if (parent?.s?.state === 'approved') return `上级「${parent.name}」已审核通过,请先撤销上级的审核`;
  return undefined;
}

/** The next state of a reviewed month; the caller has checked the act is allowed. */
export function reviewed(s: Submission, state: Submission['state'], by: { name: string }, nowIso: string, reason?: string): Submission {
  const next: Submission = { ...s, state, reviewedAt: nowIso, reviewedByName: by.name, version: s.version + 1 };
  if (reason) next.reason = reason;
  else delete next.reason;
  return next;
}

export function monthText(period: string): string {
  return `${Number(period.slice(5, 7))}月`;
}

/** What a reminder says on the unit's home page (and in the WeChat message). */
/** 提醒报送 as a 订阅消息: the same facts in the template's short fields. */
export function reminderPush(period: string, dueDate: string, byName: string): PushMessage {
  return {
    kind: 'remind',
    fields: { item: `${period.slice(0, 4)}年${monthText(period)}人民调解统计`, due: `${dueDate.slice(0, 4)}年${Number(dueDate.slice(5, 7))}月${Number(dueDate.slice(8, 10))}日`, note: `${byName}提醒您按时上报` },
    page: 'pages/index/index',
  };
}

export function reminderText(period: string, dueDate: string): string {
  return `请于${Number(dueDate.slice(5, 7))}月${Number(dueDate.slice(8, 10))}日前上报${period.slice(0, 4)}年${monthText(period)}的人民调解统计;本月无纠纷也请点「本月无纠纷」上报`;
}
