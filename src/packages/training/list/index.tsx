import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { TrainingInput, TrainingListItem } from '../../../../types/training';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { OutboxBanner } from '../../../components/OutboxBanner';
import { StateView } from '../../../components/StateView';
import { WaitingRows } from '../../../components/WaitingRows';
import { useRecordList } from '../../../hooks/useRecordList';
import { useMe } from '../../../hooks/useMe';
import { recentYears, yearLabels } from '../../../services/periods';
import { PAGES } from '../../../services/routes';
import { listTrainings } from '../../../services/training';
import { unitNamer } from '../../../services/units';
import { OfflineNotice } from '../../../components/OfflineNotice';
import { MyTotals } from './MyTotals';

/** 培训: the sessions of my area for a year, newest first; tap one to take attendance. */
export default function TrainingList() {
  const years = recentYears(2);
  const [year, setYear] = useState(years[0]);
  const me = useMe();
  const { list, waiting } = useRecordList<TrainingListItem[], TrainingInput>(
    () => listTrainings({ year }),
    [year],
    (w) => w.fn === 'training' && w.action === 'save',
  );
  const unitName = unitNamer(me.data);

  return (
    <View className='page'>
      <OutboxBanner />
      <OfflineNotice at={list.offlineAt} />
      <MyTotals me={me.data} />
      <Button id='new-training' className='btn btn--primary' onClick={() => Taro.navigateTo({ url: PAGES.trainingForm })}>
        + 新建培训
      </Button>
      <View className='filters'>
        <ChoiceChips options={years} labels={yearLabels(years)} value={year} onChange={setYear} />
      </View>
      <WaitingRows rows={waiting.map((t) => ({ id: t.id, text: `${t.topic} · ${t.date}` }))} />
      {list.data ? <Text id='training-total' className='muted'>共 {list.data.length} 场</Text> : null}
      <StateView
        loading={list.loading && !list.data}
        error={list.error}
        onRetry={list.retry}
        empty={list.data && !list.data.length ? '这一年还没有培训,点上方按钮新建' : undefined}
      />
      {list.data?.map((t) => (
        <View
          key={t._id}
          id={`training-${t._id}`}
          className='card case'
          onClick={() => Taro.navigateTo({ url: `${PAGES.trainingSession}?id=${t._id}` })}
        >
          <View className='case__head'>
            <Text className='case__type'>{t.topic}</Text>
            <Text className='badge badge--ok'>{t.attendeeCount} 人</Text>
          </View>
          <Text className='case__meta'>
            {t.category} · {t.date}
          </Text>
          <Text className='case__meta'>
            {unitName(t.unitId)}
            {t.place ? ` · ${t.place}` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}
