/** 案卷评查: what a case file holds against the district's checklist, who may review it, and the review as a write. Pure. */
import { hasAgreement, type Dispute } from '../../../types/dispute';
import type { ChecklistItem, FileCheckLine, FileReviewInput } from '../../../types/file-review';
import type { User } from '../../../types/org';
import { reaches } from '../../../types/reach';
import { Refusal } from './refusal';
import type { Plan } from './versioned';

/** Whether the case file holds each item; `applies`: the item concerns this case at all (an agreement only a 调解成功 one). */
const CHECKS: Record<ChecklistItem, { holds: (d: Dispute) => boolean; applies?: (d: Dispute) => boolean }> = {
  案号: { holds: (d) => !!d.caseNo },
  当事人信息: { holds: (d) => !!d.partyNames?.trim() },
  简要情况: { holds: (d) => !!d.summary?.trim() },
  协议内容: { holds: (d) => !!d.agreementTerms?.trim(), applies: (d) => hasAgreement(d.outcome) },
  // A photo of the signed 协议书: only a written agreement has one (an oral one has its 登记表).
  协议书照片: { holds: (d) => !!d.attachments?.some((a) => a.kind === '协议书'), applies: (d) => hasAgreement(d.outcome) && d.agreementForm === '书面' },
  回访记录: { holds: (d) => !!d.followUps?.length, applies: (d) => hasAgreement(d.outcome) },
  // Whether the parties applied is theirs to choose: the file must say where it stands (未申请 is an answer).
  司法确认: { holds: (d) => !!d.confirmation, applies: (d) => hasAgreement(d.outcome) && d.agreementForm === '书面' },
};

/** The checklist's lines on this case, leaving out the items that do not concern it. */
export function fileCheck(d: Dispute, checklist: readonly ChecklistItem[]): FileCheckLine[] {
  return checklist.filter((item) => CHECKS[item].applies?.(d) ?? true).map((item) => ({ item, ok: CHECKS[item].holds(d) }));
}

/** Why this caller may not review the case, or null: a supervisor above its unit, never on a case they recorded. */
export function reviewRefusal(caller: User, d: Dispute): string | null {
  if (d.mediatorId === caller._id) return '不能评查本人登记的案件';
  if (!reaches(caller, ['supervisor'], d.unitPath)) return '只有上级主管可以评查案卷';
  return null;
}

const reviewText = (r: Dispute['fileReview']) => (r ? (r.note ? `${r.result}:${r.note}` : r.result) : null);

/** The review as a new version of the case (its fields untouched); the same verdict sent again is no change. */
export function planFileReview(existing: Dispute | null, input: FileReviewInput, caller: User, nowIso: string): Plan<Dispute> {
  if (!existing || existing.deleted) throw new Refusal('NOT_FOUND', '案件不存在或已删除');
  const why = reviewRefusal(caller, existing);
  if (why) throw new Refusal('FORBIDDEN', why);
  const before = existing.fileReview;
  if (before && before.by === caller._id && before.result === input.result && (before.note ?? '') === (input.note ?? '')) {
    return { kind: 'unchanged', record: existing };
  }
  if (input.baseVersion !== existing.version) {
    throw new Refusal('STALE', `案件已被修改(当前第${existing.version}版),请刷新后再评查`);
  }
  const fileReview = { result: input.result, ...(input.note ? { note: input.note } : {}), by: caller._id, byName: caller.name, at: nowIso };
  return {
    kind: 'write',
    record: { ...existing, fileReview, version: existing.version + 1, updatedAt: nowIso },
    action: 'review',
    changes: { fileReview: [reviewText(before), reviewText(fileReview)] },
  };
}
