import { Text, View } from '@tarojs/components';

const DATE = /(\d{4}-\d\d-\d\d)/;

/** Records written on the phone and not yet sent, at the top of their list. */
export function WaitingRows({ rows }: { rows: { id: string; text: string }[] }) {
  return (
    <>
      {rows.map((r) => (
        <View key={r.id} className='waiting'>
          <Text className='badge badge--open'>待上传</Text>
          <Text>
            {/* A date keeps to one line (it broke at its hyphen); the rest wraps as text does. */}
            {r.text.split(DATE).map((part, i) => (i % 2 ? <Text key={i} className='nowrap'>{part}</Text> : part))}
          </Text>
        </View>
      ))}
    </>
  );
}
