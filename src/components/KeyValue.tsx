import { Text, View } from '@tarojs/components';

/** One labelled value on a detail page; an empty value shows as '—'. */
export function KeyValue({ k, v }: { k: string; v?: string | number | null }) {
  return (
    <View className='kv'>
      <Text className='kv__k'>{k}</Text>
      <Text className='kv__v'>{v === undefined || v === null || v === '' ? '—' : String(v)}</Text>
    </View>
  );
}
