/** Typed calls for 重大/群体性 cases and 案卷评查, and how their cards word them. */
import type { FlaggedView } from '../../types/alerts';
import type { Dispute } from '../../types/dispute';
import { FileReviewInput, type FileCheckView } from '../../types/file-review';
import { validate, type FieldErrors } from '../../types/validation';
import { call } from './backend';

export const getFlagged = () => call<FlaggedView>('dispute', 'flagged');
export const getCasesToFix = () => call<{ items: Dispute[] }>('dispute', 'toFix');
export const getFileCheck = (id: string) => call<FileCheckView>('dispute', 'fileCheck', { id });
/** Online only: a supervisor's review of a case they are reading now. */
export const reviewFile = (input: FileReviewInput) => call<Dispute>('dispute', 'review', input);

/** The review as typed, checked by the function's own schema (需补正 needs a note). */
export function checkReview(d: Pick<Dispute, '_id' | 'version'>, result: string, note: string): { ok: true; input: FileReviewInput } | { ok: false; errors: FieldErrors } {
  const r = validate(FileReviewInput, { id: d._id, baseVersion: d.version, result, ...(note.trim() ? { note } : {}) });
  return r.ok ? { ok: true, input: r.output } : { ok: false, errors: r.fields };
}

/** A flagged case's line in the list: '群体性 · 邻里 · 涉及40人 · 受理 2025-03-02 · 四十户村民因灌溉用水…'. */
export function flaggedLine(d: Dispute): string {
  const words = [...(d.summary ?? '').trim()];
  const excerpt = words.length > 14 ? `${words.slice(0, 14).join('')}…` : words.join('');
  return [d.alerts?.join('、'), d.type, d.involvedPeople ? `涉及${d.involvedPeople}人` : '', `受理 ${d.acceptedDate}`, excerpt].filter(Boolean).join(' · ');
}
