/** 案卷评查: a case file against the district's checklist, and a supervisor's 合格 / 需补正 written through the case's write path. */
import { type Dispute } from '../../../types/dispute';
import type { FileCheckView, FileReviewInput } from '../../../types/file-review';
import { reviewChecklistOf } from '../../../types/settings';
import { maskDispute, presentDispute } from '../domain/dispute';
import { fileCheck, planFileReview, reviewRefusal } from '../domain/file-review';
import { C, type Call } from '../platform/port';
import { commitCase, readDispute } from './dispute';
import { readSettings } from './queries/settings';

/** The checklist on a case, for whoever may open it (the mediator sees what is missing too). */
export async function caseFileCheck(call: Call, id: string): Promise<FileCheckView> {
  const { record: d } = await readDispute(call, id);
  return {
    lines: fileCheck(d, reviewChecklistOf(await readSettings(call.store))),
    ...(d.fileReview ? { review: d.fileReview } : {}),
    canReview: !reviewRefusal(call.caller, d),
  };
}

export async function reviewCaseFile(call: Call, input: FileReviewInput): Promise<Dispute> {
  const nowIso = call.now().toISOString();
  const saved = await commitCase(call, input.id, (existing) => planFileReview(existing, input, call.caller, nowIso));
  return presentDispute(call.caller, saved);
}

/** A mediator's cases marked 需补正, newest review first (parties masked, as lists are). */
export async function casesToFix(call: Call): Promise<{ items: Dispute[] }> {
  const items = await call.store.find<Dispute>(C.disputes, { mediatorId: call.caller._id, deleted: false, 'fileReview.result': '需补正' }, { sort: { updatedAt: -1 }, limit: 50 });
  return { items: items.map(maskDispute) };
}
