import { Text, View } from '@tarojs/components';

/** Records written on the phone and not yet sent, at the top of their list. */
export function WaitingRows({ rows }: { rows: { id: string; text: string }[] }) {
  return (
    <>
      {rows.map((r) => (
        <View key={r.id} className='waiting'>
          <Text className='badge badge--open'>待上传</Text>
          <Text>{r.text}</Text>
        </View>
      ))}
    </>
  );
}
