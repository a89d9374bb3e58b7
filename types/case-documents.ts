/**
 * 卷宗文书: the documents printed from a case (DOMAIN.md "Case file"), which of them a case
 * holds, and how the app asks for one. Shared by the case page (what to offer) and the function
 * (what it builds and refuses).
 */
import * as v from 'valibot';
import { hasAgreement, isClosed, RecordId, sourceOf, type Dispute } from './dispute';

/** Each document by its title, in the 卷内目录's order (the cover first: it lists the rest). */
export const CASE_DOCUMENTS = ['卷宗封面', '人民调解申请书', '受理登记表', '调解记录', '人民调解协议书', '口头协议登记表', '回访记录', '结案报告'] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENTS)[number];

/**
 * The documents a case holds: a 申请书 when a party applied (来源 申请调解); the agreement once
 * mediated successfully, as its 协议形式 says (口头: the 登记表; otherwise the 协议书); a
 * 回访记录 once a 回访 is recorded; a 结案报告 once closed. Every case has its cover, 受理登记表 and 调解记录.
 */
export function documentsFor(d: Pick<Dispute, 'outcome' | 'agreementForm' | 'source' | 'channel' | 'followUps'>): CaseDocumentKind[] {
  const agreed = hasAgreement(d.outcome);
  const holds: Record<CaseDocumentKind, boolean> = {
    卷宗封面: true,
    人民调解申请书: sourceOf(d) === '申请调解',
    受理登记表: true,
    调解记录: true,
    人民调解协议书: agreed && d.agreementForm !== '口头',
    口头协议登记表: agreed && d.agreementForm === '口头',
    回访记录: !!d.followUps?.length,
    结案报告: isClosed(d.outcome),
  };
  return CASE_DOCUMENTS.filter((k) => holds[k]);
}

/** `dispute.document`: one document of one case, built now from its fields. */
export const CaseDocumentQuery = v.object({
  id: RecordId,
  kind: v.picklist(CASE_DOCUMENTS, '没有这种卷宗文书'),
});
export type CaseDocumentQuery = v.InferOutput<typeof CaseDocumentQuery>;
