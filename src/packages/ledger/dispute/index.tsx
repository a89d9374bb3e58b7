import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { beijingDateTime } from '../../../../types/dates';
import { DISPUTE_FIELD_LABELS, isClosed, PREVENTIONS, sourceOf, type Dispute } from '../../../../types/dispute';
import { AUDIT_ACTION_LABELS, type AuditEntry } from '../../../../types/ledger';
import { fenToYuanText } from '../../../../types/money';
import { CaseDocuments } from '../../../components/CaseDocuments';
import { RecordPhotos } from '../../../components/RecordPhotos';
import { FileReviewSection } from '../../../components/FileReviewSection';
import { KeyValue } from '../../../components/KeyValue';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { disputeHistory, getDispute, removeDispute } from '../../../services/ledger';
import { PAGES } from '../../../services/routes';
import { confirmAndRemove, toastError } from '../../../services/toast';
import { OfflineNotice } from '../../../components/OfflineNotice';
import { FollowUpCard } from './FollowUpCard';


/** A value in 修改记录 as the case page shows it: money in yuan, not the fen it is stored in. */
function changedValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'amountFen' && typeof value === 'number') return fenToYuanText(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (field === 'prevention' && typeof value === 'object') return preventionText(value as Dispute['prevention']) ?? '—';
  return String(value);
}

/** The prevention flags as the case page and 修改记录 say them: '防止民转刑 3人、防止群体性上访 40人'. */
function preventionText(p: Dispute['prevention']): string | undefined {
  const flagged = PREVENTIONS.filter((k) => p?.[k]).map((k) => `${k} ${p![k]}人`);
  return flagged.length ? flagged.join('、') : undefined;
}

/** One case: every field, and what its viewer may do with it (edit, close, copy, delete, history). */
export default function DisputeDetail() {
  const id = useRouter().params.id ?? '';
  const view = useRemote(() => getDispute(id), [id]);
  const [history, setHistory] = useState<AuditEntry[]>();
  useDidShow(() => view.reload());

  if (!view.data) return <StateView loading={view.loading} error={view.error} onRetry={view.retry} />;
  const { record: d, canEdit, canSeeHistory } = view.data;

  const remove = () =>
    confirmAndRemove({ title: '删除这起案件?', content: '删除后不再计入汇总;修改记录中仍可查到。' }, () => removeDispute(d), PAGES.myLedger);

  return (
    <View className='page'>
      <OfflineNotice at={view.offlineAt} />
      <View className='card'>
        <KeyValue k='案号' v={d.caseNo} />
        <KeyValue k='纠纷类型' v={d.type} />
        <KeyValue k='渠道' v={d.channel} />
        <KeyValue k='来源' v={sourceOf(d)} />
        <KeyValue k='调解结果' v={d.outcome} />
        <KeyValue k='受理日期' v={d.acceptedDate} />
        <KeyValue k='调结日期' v={d.resolvedDate} />
        <KeyValue k='涉及金额' v={`${fenToYuanText(d.amountFen)} 元`} />
        <KeyValue k='当事人数' v={d.parties} />
        <KeyValue k='涉及人数' v={d.involvedPeople} />
        {d.alerts?.length ? <KeyValue k='重大标记' v={d.alerts.join('、')} /> : null}
        <KeyValue k='防止情况' v={preventionText(d.prevention)} />
        <KeyValue k='锦旗' v={`${d.banners} 面`} />
        <KeyValue k='协议形式' v={d.agreementForm} />
        {d.agreementTerms ? <KeyValue k='协议内容' v={d.agreementTerms} /> : null}
        {d.performanceWay ? <KeyValue k='履行方式' v={d.performanceWay} /> : null}
        {d.performanceDeadline ? <KeyValue k='履行期限' v={d.performanceDeadline} /> : null}
        <KeyValue k='简要情况' v={d.summary} />
        <KeyValue k='当事人' v={d.partyNames} />
        <KeyValue k='当事人电话' v={d.partyPhones} />
        <KeyValue k='调解员' v={d.mediatorName} />
      </View>
      <FileReviewSection d={d} onReviewed={view.reload} />
      <RecordPhotos of='case' record={d} canEdit={canEdit} urls={view.data.photoUrls} onChanged={view.reload} />
      <FollowUpCard d={d} canEdit={canEdit} onSaved={view.reload} />
      {canEdit ? (
        <View className='actions'>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: `${PAGES.disputeForm}?id=${d._id}` })}>
            {isClosed(d.outcome) ? '修改' : '结案 / 修改'}
          </Button>
          <Button className='btn btn--plain' onClick={() => Taro.navigateTo({ url: `${PAGES.disputeForm}?copy=${d._id}` })}>
            复制一条
          </Button>
          <Button className='btn btn--danger' onClick={remove}>删除</Button>
        </View>
      ) : null}
      <CaseDocuments view={view.data} />
      {canSeeHistory ? (
        history ? (
          <View className='card'>
            <Text className='section-title'>修改记录</Text>
            {history.map((h) => (
              <View key={h._id} className='history__item'>
                <Text>
                  {beijingDateTime(h.at)} · {h.byName} · {AUDIT_ACTION_LABELS[h.action]}(第{h.version}版)
                </Text>
                {h.action !== 'create'
                  ? Object.entries(h.changes).map(([f, [a, b]]) => (
                      <Text key={f} className='muted'>
                        {DISPUTE_FIELD_LABELS[f] ?? f}:{changedValue(f, a)} → {changedValue(f, b)}
                      </Text>
                    ))
                  : null}
              </View>
            ))}
          </View>
        ) : (
          <Button className='btn btn--plain' onClick={() => disputeHistory(d._id).then(setHistory, toastError)}>
            查看修改记录
          </Button>
        )
      ) : null}
    </View>
  );
}
