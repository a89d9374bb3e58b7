import { Text, View } from '@tarojs/components';
import { isClosed, type Dispute } from '../../types/dispute';
import { fenToYuanText } from '../../types/money';

/** One case in a list: what a mediator recognises it by. */
export function DisputeCard({ d, onClick }: { d: Dispute; onClick?: () => void }) {
  return (
    <View className='card case' onClick={onClick}>
      <View className='case__head'>
        <Text className='case__type'>{d.type}</Text>
        <Text className={`badge badge--${d.outcome === '调解成功' ? 'ok' : isClosed(d.outcome) ? 'plain' : 'open'}`}>
          {d.outcome}
        </Text>
      </View>
      {d.caseNo ? <Text className='case__meta case__no'>{d.caseNo}</Text> : null}
      <Text className='case__meta'>
        {d.channel} · 受理 {d.acceptedDate}
        {d.resolvedDate ? ` · 调结 ${d.resolvedDate}` : ''}
      </Text>
      {d.amountFen ? <Text className='case__meta'>涉及金额 {fenToYuanText(d.amountFen)} 元</Text> : null}
      {d.summary ? <Text className='case__summary'>{d.summary}</Text> : null}
    </View>
  );
}
