import { Text, View } from '@tarojs/components';
import { beijingDateTime } from '../../types/dates';

/** Over content shown from the phone (no signal): how old it is, so nobody takes it for live. */
export function OfflineNotice({ at }: { at?: string }) {
  if (!at) return null;
  return (
    <View className='notice offline-notice'>
      <Text>离线:显示上次同步的内容({beijingDateTime(at)})</Text>
    </View>
  );
}
