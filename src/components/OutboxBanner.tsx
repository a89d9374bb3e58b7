import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { fixPage } from '../services/routes';
import { discardAfterAsking, useOutbox } from '../services/sync';

/** "待上传 N 条": what waits on this phone (and, when the back end failed on it, that the service is down rather than the network), and anything the back end refused, to fix (重新编辑) or discard. */
export function OutboxBanner() {
  const box = useOutbox();
  const refused = box.items.filter((i) => i.refused);
  if (!box.items.length) return null;
  return (
    <View className='outbox'>
      {box.pending ? (
        <View className='outbox__row' onClick={() => void box.flush()}>
          <Text id='outbox-pending' className='outbox__count'>待上传 {box.pending} 条</Text>
          {box.held ? <Text id='outbox-held'>其中 {box.held} 条由另一账号录入,该账号登录后自动上传</Text> : null}
          <Text className='link'>{box.trouble === 'fault' ? '服务暂时不可用 · 点此重试' : '联网后自动上传 · 点此重试'}</Text>
        </View>
      ) : null}
      {refused.map((i) => {
        const fix = fixPage(i);
        return (
          <View key={`${i.id}:${i.writeId}`} className='outbox__refused'>
            <Text>未能上传:{i.label}。{i.refused?.message}</Text>
            <View className='outbox__actions'>
              {fix ? <Text className='link' onClick={() => Taro.navigateTo({ url: fix })}>重新编辑</Text> : null}
              <Text className='link' onClick={() => void discardAfterAsking(i)}>放弃</Text>
            </View>
          </View>
        );
      })}
    </View>
  );
}
