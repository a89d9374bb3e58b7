import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Screening, ScreeningInput } from '../../../../types/screening';
import { MonthFilter } from '../../../components/MonthFilter';
import { OutboxBanner } from '../../../components/OutboxBanner';
import { StateView } from '../../../components/StateView';
import { WaitingRows } from '../../../components/WaitingRows';
import { useMe } from '../../../hooks/useMe';
import { useRecordList } from '../../../hooks/useRecordList';
import { PAGES } from '../../../services/routes';
import { isScreeningWrite, listScreenings, screeningTotals } from '../../../services/screening';
import { unitNamer } from '../../../services/units';
import { OfflineNotice } from '../../../components/OfflineNotice';

/** 矛盾纠纷排查: my area's rounds, newest first, by month if chosen; tap one to correct it. */
export default function ScreeningList() {
  const [month, setMonth] = useState('');
  const me = useMe();
  const { list, waiting } = useRecordList<Screening[], ScreeningInput>(() => listScreenings(month ? { month } : {}), [month], isScreeningWrite);
  const unitName = unitNamer(me.data);

  return (
    <View className='page'>
      <OutboxBanner />
      <OfflineNotice at={list.offlineAt} />
      <Button id='new-screening' className='btn btn--primary' onClick={() => Taro.navigateTo({ url: PAGES.screeningForm })}>
        + 登记排查
      </Button>
      <View className='filters'>
        <MonthFilter id='screening-month' value={month} onChange={setMonth} />
      </View>
      <WaitingRows rows={waiting.map((s) => ({ id: s.id, text: `排查 ${s.date} · 发现纠纷 ${s.found} 件` }))} />
      {list.data ? <Text id='screening-total' className='muted'>{screeningTotals(list.data)}</Text> : null}
      <StateView
        loading={list.loading && !list.data}
        error={list.error}
        onRetry={list.retry}
        empty={list.data && !list.data.length ? '还没有排查记录,点上方按钮登记' : undefined}
      />
      {list.data?.map((s) => (
        <View key={s._id} id={`screening-${s._id}`} className='card case' onClick={() => Taro.navigateTo({ url: `${PAGES.screeningForm}?id=${s._id}` })}>
          <View className='case__head'>
            <Text className='case__type'>{s.date} 排查</Text>
          </View>
          <Text className='case__meta'>{unitName(s.unitId)}</Text>
          <Text className='case__meta'>
            发现纠纷 {s.found} 件 · 预防纠纷 {s.prevented} 件
          </Text>
          {s.note ? <Text className='case__meta'>{s.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}
