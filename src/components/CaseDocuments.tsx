import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { documentsFor, type CaseDocumentKind } from '../../types/case-documents';
import type { DisputeView } from '../../types/ledger';
import { openCaseDocument } from '../services/case-documents';
import { alertError } from '../services/toast';

/**
 * 卷宗文书 on the case page: each document the case holds, one tap to print it from what was
 * typed (a download in the browser; on WeChat it opens, to print or forward from its menu).
 * Shown only to those who see the parties in full, as only they may have the documents.
 */
export function CaseDocuments({ view }: { view: DisputeView }) {
  const [busy, setBusy] = useState<CaseDocumentKind>();
  if (!view.canSeePrivate) return null;
  const d = view.record;

  const open = async (kind: CaseDocumentKind) => {
    setBusy(kind);
    try {
      await openCaseDocument(d._id, kind);
    } catch (err) {
      alertError('文书生成失败', err);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <View id='case-documents' className='card'>
      <Text className='section-title'>卷宗文书</Text>
      {documentsFor(d).map((kind) => (
        <Button
          key={kind}
          id={`document-${kind}`}
          className='btn btn--plain'
          // Set only when true: on h5 a false `disabled` still renders the attribute, styled as disabled.
          disabled={busy ? true : undefined}
          onClick={() => open(kind)}
        >
          {busy === kind ? '正在生成…' : kind}
        </Button>
      ))}
      <Text className='muted'>按案件现有内容生成 Word 文书(含当事人信息,请妥善保管);每次生成都记入修改记录。</Text>
    </View>
  );
}
