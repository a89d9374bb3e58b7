import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { listersOf, RECORDERS } from '../../../../types/org';
import type { RosterQuery } from '../../../../types/training';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { OutboxBanner } from '../../../components/OutboxBanner';
import { PersonLine } from '../../../components/PersonLine';
import { SearchBox } from '../../../components/SearchBox';
import { StateView } from '../../../components/StateView';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { PAGES } from '../../../services/routes';
import { getRoster, type RosterLine } from '../../../services/training';
import { myArea, unitNamer, unitsFor, unitsUnder } from '../../../services/units';
import { RosterImport } from './RosterImport';

const ALL = '全部';
const PAGE_SIZE = 100;

/** 名册: the people of my area, searched by name and narrowed to a village; tap one to edit. */
export default function RosterPage() {
  const me = useMe();
  // My area (a trainer's township, a mediator's village), as the function picks it.
  const area = myArea(me.data, listersOf('person'));
  const [filter, setFilter] = useState<Partial<RosterQuery>>({});
  const [q, setQ] = useState('');
  const [shown, setShown] = useState(PAGE_SIZE);
  const list = useRemote(() => (area ? getRoster({ ...filter, unitId: area, limit: shown }) : Promise.resolve(undefined)), [area, filter, shown]);
  useDidShow(() => list.reload());
  usePullDownRefresh(() => {
    list.reload();
    Taro.stopPullDownRefresh();
  });

  const villages = area ? unitsUnder(me.data, area) : [];
  const unitName = unitNamer(me.data);
  const setF = (patch: Partial<RosterQuery>) => {
    setShown(PAGE_SIZE);
    setFilter((f) => ({ ...f, ...patch }));
  };
  const openPerson = useCallback((p: RosterLine) => Taro.navigateTo({ url: `${PAGES.personForm}?id=${p._id}` }), []);
  const addUrl = `${PAGES.personForm}${filter.villageId ? `?unitId=${filter.villageId}` : ''}`;

  return (
    <View className='page'>
      <OutboxBanner />
      {/* Supervisors list the roster (and merge duplicates from an entry's page) but add no one. */}
      {me.data && unitsFor(me.data, RECORDERS.person).length ? (
        <Button id='add-person' className='btn btn--primary' onClick={() => Taro.navigateTo({ url: addUrl })}>+ 添加人员</Button>
      ) : null}
      {me.data && unitsFor(me.data, RECORDERS.person).length ? (
        <RosterImport unitId={filter.villageId ?? area} unitName={unitName(filter.villageId ?? area ?? '')} onDone={list.reload} />
      ) : null}
      <View className='filters'>
        <SearchBox id='roster-search' placeholder='按姓名查找' value={q} onChange={setQ} onSearch={() => setF({ q: q.trim() || undefined })} withButton />
        {villages.length ? (
          <ChoiceChips
            options={[ALL, ...villages.map((v) => v._id)]}
            labels={Object.fromEntries(villages.map((v) => [v._id, v.name]))}
            value={filter.villageId ?? ALL}
            onChange={(v) => setF({ villageId: v === ALL ? undefined : v })}
          />
        ) : null}
        <ChoiceChips
          options={['全部人员', '只看法律明白人']}
          value={filter.lawPersonOnly ? '只看法律明白人' : '全部人员'}
          onChange={(v) => setF({ lawPersonOnly: v === '只看法律明白人' || undefined })}
        />
      </View>
      {list.data ? <Text id='roster-total' className='muted'>共 {list.data.total} 人</Text> : null}
      <StateView
        loading={(me.loading || list.loading) && !list.data}
        error={me.error ?? list.error}
        onRetry={me.error ? me.retry : list.retry}
        empty={list.data && !list.data.items.length ? '没有符合条件的人员' : undefined}
      />
      <View className='tick-list'>
        {list.data?.items.map((p) => (
          <PersonLine key={p._id} p={p} unit={unitName(p.unitId)} onTap={openPerson} />
        ))}
      </View>
      {list.data && list.data.total > list.data.items.length ? (
        <Button className='btn btn--plain' loading={list.loading} onClick={() => setShown((n) => n + PAGE_SIZE)}>加载更多</Button>
      ) : null}
    </View>
  );
}
