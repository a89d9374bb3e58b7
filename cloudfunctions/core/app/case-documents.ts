/**
 * 卷宗文书 (dispute.document): one document of a case file, built now from the case's fields,
 * kept for download like an export, and audited in the case's 修改记录. The documents name the
 * parties, so only those who see them in full (the recorder, supervisors above) may have one.
 */
import { documentsFor, type CaseDocumentQuery } from '../../../types/case-documents';
import { todayBeijing } from '../../../types/dates';
import type { ExportedFile } from '../../../types/report';
import { caseDocument } from '../domain/case-documents';
import { maySeePrivate } from '../domain/dispute';
import { Refusal } from '../domain/refusal';
import { C, type Call } from '../platform/port';
import { keepFile } from './kept-file';
import { getDispute } from './queries/disputes';
import { requireUnit } from './queries/units';
import { auditAct } from './write';

export async function caseDocumentFile(call: Call, q: CaseDocumentQuery): Promise<ExportedFile> {
  const d = await getDispute(call.store, q.id);
  if (!d || d.deleted) throw new Refusal('NOT_FOUND', '案件不存在或已删除');
  if (!maySeePrivate(call.caller, d)) throw new Refusal('FORBIDDEN', '卷宗文书含当事人信息,只有登记的调解员和上级主管可以生成');
  if (!documentsFor(d).includes(q.kind)) throw new Refusal('INVALID', `这起案件没有「${q.kind}」(${d.outcome}${d.agreementForm ? `,${d.agreementForm}协议` : ''})`);
  const unit = await requireUnit(call.store, d.unitId);
  const now = call.now();
  // docx loads on first use, as for the report exports.
  const files = await import('../files/case-documents');
  const file = await files.caseDocumentFile(caseDocument(q.kind, { case: d, unitName: unit.name, today: todayBeijing(now) }));
  const kept = await keepFile(call, { dir: 'documents', tag: d.unitId, tail: '.docx' }, file.bytes, file.name);
  await auditAct(call.store, {
    coll: C.disputes, recordId: d._id, version: d.version, action: 'document', by: call.caller._id, byName: call.caller.name,
    at: now.toISOString(), changes: { document: [null, q.kind] },
  });
  return kept;
}
