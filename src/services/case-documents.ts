/** 卷宗文书 on the case page: which documents to offer, and fetching one. */
import type { CaseDocumentKind } from '../../types/case-documents';
import type { ExportedFile } from '../../types/report';
import { call, openFile } from './backend';

/** Builds the document on the back end from the case as it is now, then downloads (h5) or opens (WeChat) it. */
export async function openCaseDocument(id: string, kind: CaseDocumentKind): Promise<void> {
  await openFile(await call<ExportedFile>('dispute', 'document', { id, kind }), 'docx');
}
