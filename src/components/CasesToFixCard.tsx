import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRemote } from '../hooks/useRemote';
import { getCasesToFix } from '../services/alerts';
import { PAGES } from '../services/routes';

/** A mediator's cases that 案卷评查 found 需补正, on the home page, each with the note and a tap to the case. Nothing when there are none. */
export function CasesToFixCard() {
  const view = useRemote(getCasesToFix, []);
  const items = view.data?.items ?? [];
  if (!items.length) return null;
  return (
    <View className='card' id='to-fix-card'>
      <Text className='section-title'>案卷需补正 {items.length} 件</Text>
      {items.map((d) => (
        <View key={d._id} className='notice' onClick={() => Taro.navigateTo({ url: `${PAGES.disputeDetail}?id=${d._id}` })}>
          <Text>{d.type} · 受理 {d.acceptedDate}:{d.fileReview?.note}</Text>
          <Text className='muted'>{d.fileReview?.byName}</Text>
        </View>
      ))}
    </View>
  );
}
