import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { beijingDateTime, periodLabel } from '../../../../types/dates';
import type { CompletenessCounts, ReviewLine } from '../../../../types/reporting';
import { PeriodPicker } from '../../../components/PeriodPicker';
import { StateView } from '../../../components/StateView';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { approveMonth, dueText, getCompleteness, getReview, remindSilent, returnMonth, stateText, unapproveMonth } from '../../../services/reporting';
import { lastMonth } from '../../../services/statistics';
import { toastError } from '../../../services/toast';
import './index.css';

const COUNT_LABELS: [keyof CompletenessCounts, string][] = [
  ['expected', '应报'], ['已报送', '已报送'], ['按时', '按时'], ['逾期', '逾期'], ['零报告', '零报告'], ['未报送', '未报送'],
];

/**
 * 报送审核: the units below mine for a month — what each submitted, 审核通过 / 退回 (with a reason
 * the unit sees) / 撤销审核, 提醒报送 to all who have not — and 报送情况 over any month, quarter or year.
 */
export default function ReviewPage() {
  const router = useRouter();
  const [unitId, setUnitId] = useState<string | undefined>(router.params.unitId);
  const [period, setPeriod] = useState(() => lastMonth());
  const isMonth = /^\d{4}-\d{2}$/.test(period);
  const me = useMe();
  const review = useRemote(() => (isMonth ? getReview({ unitId, period }) : Promise.resolve(undefined)), [unitId, period]);
  const counts = useRemote(() => getCompleteness({ unitId, period }), [unitId, period]);
  const v = review.data;
  const scopeId = v?.unitId ?? counts.data?.unitId;
  const parentId = v?.parentId ?? null;
  const parentInReach = !!parentId && !!me.data?.units.some((u) => u._id === parentId);
  const reload = () => {
    review.reload();
    counts.reload();
  };

  const remind = async () => {
    try {
      const r = await remindSilent(scopeId, period);
      Taro.showToast({ title: r.units ? `已提醒${r.units}个单位` : '各单位均已上报', icon: 'none' });
    } catch (err) {
      toastError(err);
    }
  };

  return (
    <View className='page'>
      <PeriodPicker value={period} onChange={setPeriod} />
      <View className='scope'>
        <Text id='scope-name' className='scope__name'>{v?.unitName ?? counts.data?.unitName ?? ''}</Text>
        <Text className='scope__period'>{periodLabel(period)}</Text>
        {parentInReach ? <Text className='link' onClick={() => setUnitId(parentId ?? undefined)}>返回上级</Text> : null}
      </View>

      {isMonth ? (
        <View>
          <StateView loading={review.loading && !v} error={review.error} onRetry={review.retry} />
          {v ? (
            <View>
              <View className='card'>
                <Text>截止日期:{dueText(v.dueDate)}(逾期上报记为“逾期”)</Text>
                <Button id='remind-all' className='btn btn--plain' onClick={remind}>提醒所有未上报单位</Button>
              </View>
              {v.lines.map((l) => (
                <ReviewCard key={l.unitId} line={l} period={period} onDone={reload} onOpen={() => setUnitId(l.unitId)} />
              ))}
              {!v.lines.length ? <StateView empty='下级没有需要报送的单位' /> : null}
            </View>
          ) : null}
        </View>
      ) : (
        <View className='notice'><Text>选择月份可审核各单位的月报;季度、全年只看报送情况。</Text></View>
      )}

      <View className='card' id='completeness'>
        <Text className='section-title'>报送情况({periodLabel(period)})</Text>
        <StateView loading={counts.loading && !counts.data} error={counts.error} onRetry={counts.retry} />
        {counts.data ? (
          <View>
            <Counts counts={counts.data.total} />
            {counts.data.rows.map((r) => (
              <View key={r.unitId} className='review-line counts-row'>
                <Text className='review-line__name'>{r.name}</Text>
                <Counts counts={r} />
              </View>
            ))}
            {counts.data.missing.length ? <Text className='section-title'>未报送</Text> : null}
            {counts.data.missing.map((m) => (
              <View key={m.unitId} className='missing'>
                <Text>{m.parentName ? `${m.parentName} · ` : ''}{m.name}:{m.months.map((x) => `${Number(x.slice(5))}月`).join('、')}</Text>
              </View>
            ))}
            {!counts.data.total.expected ? <StateView empty='这一期间还没有到期的月报' /> : null}
          </View>
        ) : null}
      </View>
    </View>
  );
}

function Counts({ counts }: { counts: CompletenessCounts }) {
  return (
    <View className='counts'>
      {COUNT_LABELS.map(([k, label]) => (
        <Text key={k} className={`counts__cell ${(k === '未报送' || k === '逾期') && counts[k] ? 'counts__cell--bad' : ''}`}>{label} {counts[k]}</Text>
      ))}
    </View>
  );
}

/** One unit's month: what it sent, and the acts the supervisor may take on it now. */
function ReviewCard({ line: l, period, onDone, onOpen }: { line: ReviewLine; period: string; onDone: () => void; onOpen: () => void }) {
  const [asking, setAsking] = useState<'return' | 'unapprove'>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      Taro.showToast({ title: done, icon: 'success' });
      setAsking(undefined);
      setReason('');
      onDone();
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card review-line' id={`review-${l.unitId}`}>
      <View className='review-line__head'>
        <Text className='review-line__name'>{l.name}</Text>
        <Text className={`review-line__state review-line__state--${l.state}`}>{stateText(l)} · {l.timeliness}</Text>
      </View>
      <Text className='muted'>
        本月受理 {l.accepted} 件{l.submittedAt ? ` · ${l.submittedByName} ${beijingDateTime(l.submittedAt)} 上报` : ''}
        {l.reviewedByName && l.state !== 'submitted' ? ` · ${l.reviewedByName}审核` : ''}
      </Text>
      {l.reason ? <Text className='muted'>{l.state === 'returned' ? '退回原因' : '撤销原因'}:{l.reason}</Text> : null}
      {l.blockedBy ? <Text className='muted'>暂不能审核通过:{l.blockedBy}</Text> : null}
      <View className='review-line__actions'>
        {l.canApprove ? (
          <Button className='btn btn--primary' id={`approve-${l.unitId}`} disabled={busy || undefined} onClick={() => act(() => approveMonth(l.unitId, period), '已审核通过')}>审核通过</Button>
        ) : null}
        {l.canReturn ? <Button className='btn btn--plain' id={`return-${l.unitId}`} onClick={() => setAsking('return')}>退回</Button> : null}
        {l.canUnapprove ? <Button className='btn btn--plain' id={`unapprove-${l.unitId}`} onClick={() => setAsking('unapprove')}>撤销审核</Button> : null}
        {l.hasChildren ? <Button className='btn btn--plain' id={`open-${l.unitId}`} onClick={onOpen}>查看下级</Button> : null}
      </View>
      {asking ? (
        <View>
          <Input
            id={`reason-${l.unitId}`}
            className='input'
            placeholder={asking === 'return' ? '退回原因(必填,对方在首页看到)' : '撤销原因(必填,记入操作记录)'}
            value={reason}
            onInput={(e) => setReason(e.detail.value)}
          />
          <Button
            className='btn btn--primary'
            id={`confirm-${asking}-${l.unitId}`}
            disabled={busy || undefined}
            onClick={() => act(() => (asking === 'return' ? returnMonth : unapproveMonth)(l.unitId, period, reason), asking === 'return' ? '已退回' : '已撤销审核')}
          >
            {asking === 'return' ? '确认退回' : '确认撤销审核'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
