import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { METRICS, type MetricId, type RecordsView } from '../../../../types/metrics';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { recordPage } from '../../../services/routes';
import { getRecordsBehind } from '../../../services/rollup';

const PAGE = 50;

/** The records behind one figure: every number on 汇总 is traceable. Party details never appear. */
export default function RecordsPage() {
  const { unitId = '', period = '', metric = 'D1', name = '' } = useRouter().params;
  const [more, setMore] = useState<RecordsView['items']>([]);
  const first = useRemote(() => getRecordsBehind({ unitId, period, metric: metric as MetricId, limit: PAGE }), [unitId, period, metric]);
  const items = [...(first.data?.items ?? []), ...more];
  const label = METRICS.find((m) => m.id === metric)?.label ?? metric;

  const loadMore = async () => {
    const next = await getRecordsBehind({ unitId, period, metric: metric as MetricId, limit: PAGE, skip: items.length });
    setMore((m) => [...m, ...next.items]);
  };

  return (
    <View className='page'>
      <Text className='section-title'>
        {decodeURIComponent(name)} · {period} · {label}
      </Text>
      {first.data ? <Text id='records-total' className='muted'>共 {first.data.total} 条</Text> : null}
      <StateView
        loading={first.loading}
        error={first.error}
        onRetry={first.retry}
        empty={first.data && !first.data.total ? '该期间没有记录' : undefined}
      />
      {items.map((r) => {
        const url = recordPage(r.kind, r.id);
        return (
          <View key={r.id} className='card case' onClick={url ? () => Taro.navigateTo({ url }) : undefined}>
            <View className='case__head'>
              <Text className='case__type'>{r.title}</Text>
              {r.date ? <Text className='badge'>{r.date}</Text> : null}
            </View>
            <Text className='case__meta'>
              {r.unitName}
              {r.detail ? ` · ${r.detail}` : ''}
            </Text>
          </View>
        );
      })}
      {first.data && items.length < first.data.total ? (
        <Button className='btn btn--plain' onClick={loadMore}>加载更多</Button>
      ) : null}
    </View>
  );
}
