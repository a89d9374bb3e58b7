import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useOutbox } from '../services/sync';

/** "待上传 N 条": what waits on this phone, and anything the back end refused, to fix or discard. */
export function OutboxBanner() {
  const box = useOutbox();
  const refused = box.items.filter((i) => i.refused);
  if (!box.items.length) return null;
  return (
    <View className='outbox'>
      {box.pending ? (
        <View className='outbox__row' onClick={() => void box.flush()}>
          <Text id='outbox-pending' className='outbox__count'>待上传 {box.pending} 条</Text>
          <Text className='link'>联网后自动上传 · 点此重试</Text>
        </View>
      ) : null}
      {refused.map((i) => (
        <View key={`${i.id}:${i.writeId}`} className='outbox__refused'>
          <Text>未能上传:{i.label}。{i.refused?.message}</Text>
          <Text
            className='link'
            onClick={() =>
              Taro.showModal({ title: '放弃这条记录?', content: '放弃后不会上传,且无法恢复。', confirmText: '放弃' }).then(
                (r) => r.confirm && box.discard(i),
              )
            }
          >
            放弃
          </Text>
        </View>
      ))}
    </View>
  );
}
