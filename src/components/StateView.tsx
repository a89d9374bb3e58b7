import { Button, Text, View } from '@tarojs/components';

interface Props {
  loading?: boolean;
  error?: string;
  empty?: string;
  onRetry?: () => void;
}

/** Loading, error and empty states, the same everywhere. Renders nothing when there is content. */
export function StateView({ loading, error, empty, onRetry }: Props) {
  if (loading) return <View className='state'><Text>加载中…</Text></View>;
  if (error) {
    return (
      <View className='state state--error'>
        <Text>{error}</Text>
        {onRetry ? <Button className='btn btn--plain' onClick={onRetry}>重试</Button> : null}
      </View>
    );
  }
  if (empty) return <View className='state'><Text>{empty}</Text></View>;
  return null;
}
