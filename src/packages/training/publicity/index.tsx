import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Publicity, PublicityInput } from '../../../../types/training';
import { MonthFilter } from '../../../components/MonthFilter';
import { OutboxBanner } from '../../../components/OutboxBanner';
import { StateView } from '../../../components/StateView';
import { WaitingRows } from '../../../components/WaitingRows';
import { useRecordList } from '../../../hooks/useRecordList';
import { useMe } from '../../../hooks/useMe';
import { PAGES } from '../../../services/routes';
import { listPublicity } from '../../../services/training';
import { unitNamer } from '../../../services/units';
import { OfflineNotice } from '../../../components/OfflineNotice';

/** 宣传活动: the activities of my area, newest first, by month if chosen; tap one to edit. */
export default function PublicityList() {
  const [month, setMonth] = useState('');
  const me = useMe();
  const { list, waiting } = useRecordList<Publicity[], PublicityInput>(
    () => listPublicity(month ? { month } : {}),
    [month],
    (w) => w.fn === 'publicity',
  );
  const unitName = unitNamer(me.data);

  return (
    <View className='page'>
      <OutboxBanner />
      <OfflineNotice at={list.offlineAt} />
      <Button id='new-publicity' className='btn btn--primary' onClick={() => Taro.navigateTo({ url: PAGES.publicityForm })}>
        + 登记宣传活动
      </Button>
      <View className='filters'>
        <MonthFilter id='publicity-month' value={month} onChange={setMonth} />
      </View>
      <WaitingRows rows={waiting.map((p) => ({ id: p.id, text: `${p.title} · ${p.date}` }))} />
      {list.data ? <Text id='publicity-total' className='muted'>共 {list.data.length} 场</Text> : null}
      <StateView
        loading={list.loading && !list.data}
        error={list.error}
        onRetry={list.retry}
        empty={list.data && !list.data.length ? '还没有宣传活动,点上方按钮登记' : undefined}
      />
      {list.data?.map((p) => (
        <View key={p._id} id={`publicity-${p._id}`} className='card case' onClick={() => Taro.navigateTo({ url: `${PAGES.publicityForm}?id=${p._id}` })}>
          <View className='case__head'>
            <Text className='case__type'>{p.title}</Text>
            {p.photos.length ? <Text className='badge'>照片 {p.photos.length}</Text> : null}
          </View>
          <Text className='case__meta'>
            {p.date} · {unitName(p.unitId)}
          </Text>
          <Text className='case__meta'>
            发放资料 {p.materials} 份 · 现场咨询 {p.consulted} 人次
          </Text>
        </View>
      ))}
    </View>
  );
}
