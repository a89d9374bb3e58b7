import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { DisputeCard } from '../../components/DisputeCard';
import { StateView } from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { listMyDisputes } from '../../services/ledger';
import { PAGES } from '../../services/routes';

export default function MyLedger() {
  const list = useRemote(() => listMyDisputes());
  usePullDownRefresh(() => {
    list.reload();
    Taro.stopPullDownRefresh();
  });
  return (
    <View className='page'>
      <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: PAGES.disputeForm })}>
        + 登记纠纷
      </Button>
      {list.data ? <Text className='muted'>共 {list.data.total} 件</Text> : null}
      <StateView
        loading={list.loading && !list.data}
        error={list.error}
        onRetry={list.reload}
        empty={list.data && !list.data.items.length ? '还没有登记过案件' : undefined}
      />
      {list.data?.items.map((d) => <DisputeCard key={d._id} d={d} />)}
    </View>
  );
}
