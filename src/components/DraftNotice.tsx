import { Text, View } from '@tarojs/components';

/** Shown when a form opens with what the user typed last time and did not submit. */
export function DraftNotice({ onStartOver }: { onStartOver: () => void }) {
  return (
    <View className='notice'>
      <Text>已恢复上次未提交的内容。</Text>
      <Text className='link' onClick={onStartOver}>清空重填</Text>
    </View>
  );
}
