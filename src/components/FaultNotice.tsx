import { Button, Text, View } from '@tarojs/components';
import './FaultNotice.css';

interface Props {
  /** What happened and what became of the record ('服务暂时不可用,这条记录还没有保存…'). */
  message: string;
  onRetry: () => void;
  busy?: boolean;
}

/** A save the back end failed on: said in large text, next to a 重试 big enough for any thumb. */
export function FaultNotice({ message, onRetry, busy }: Props) {
  return (
    <View id='fault-notice' className='fault' role='alert'>
      <Text className='fault__text'>{message}</Text>
      <Button id='fault-retry' className='btn btn--plain fault__retry' loading={busy || undefined} disabled={busy || undefined} onClick={onRetry}>
        重试
      </Button>
    </View>
  );
}
