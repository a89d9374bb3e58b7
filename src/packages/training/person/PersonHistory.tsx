import { Text, View } from '@tarojs/components';
import type { Me } from '../../../../types/org';
import { KeyValue } from '../../../components/KeyValue';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { personHistory } from '../../../services/trainer-work';
import { unitNamer } from '../../../services/units';

/** 培训记录: the sessions this person was ticked at, newest first (answered only to those who may read the person). */
export function PersonHistory({ me, personId }: { me: Me; personId: string }) {
  const history = useRemote(() => personHistory(personId), [personId]);
  const unitName = unitNamer(me);
  if (!history.data) return <StateView loading={history.loading} error={history.error} onRetry={history.retry} />;
  const { items, total } = history.data;
  return (
    <View id='person-history' className='card'>
      <Text className='section-title'>培训记录</Text>
      <Text id='history-total' className='muted'>共参加 {total} 场培训{total > items.length ? `,列出最近 ${items.length} 场` : ''}</Text>
      {items.map((t) => (
        <View key={t._id} className='history-line'>
          <KeyValue k={t.date} v={`${t.topic} · ${unitName(t.unitId)}`} />
        </View>
      ))}
    </View>
  );
}
