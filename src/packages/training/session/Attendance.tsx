import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { Me } from '../../../../types/org';
import type { Training } from '../../../../types/training';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { OutboxBanner } from '../../../components/OutboxBanner';
import { PersonLine } from '../../../components/PersonLine';
import { SearchBox } from '../../../components/SearchBox';
import { StateView } from '../../../components/StateView';
import { useAttendance } from '../../../hooks/useAttendance';
import { useRemote } from '../../../hooks/useRemote';
import { byTick, TICK_FILTERS, tickCounts, type TickFilter } from '../../../services/attendance-filter';
import { attendanceLines, getRoster, type RosterLine } from '../../../services/training';
import { unitNamer, unitsUnder } from '../../../services/units';
import { OfflineNotice } from '../../../components/OfflineNotice';
import { WalkIn } from './WalkIn';
import { TickVillage } from './TickVillage';

/** The most a roster answer holds; an area with more people is searched on the server. */
const ROSTER_LIMIT = 1000;
const ALL = '全部';

/** Attendance: the area's roster with a tick per person, search, village filter, and walk-ins. */
export function Attendance({ t, canEdit, me }: { t: Training; canEdit: boolean; me?: Me }) {
  const [serverQ, setServerQ] = useState('');
  const roster = useRemote(
    () => getRoster({ unitId: t.unitId, limit: ROSTER_LIMIT, ...(serverQ ? { q: serverQ } : {}) }),
    [t.unitId, serverQ],
  );
  const { present, toggle, mark } = useAttendance(t, canEdit);
  const [walkIns, setWalkIns] = useState<RosterLine[]>([]);
  const [q, setQ] = useState('');
  const [village, setVillage] = useState(ALL);
  const villages = unitsUnder(me, t.unitId);
  const unitName = unitNamer(me);

  const addWalkIn = (p: RosterLine) => {
    setWalkIns((w) => [p, ...w.filter((x) => x._id !== p._id)]);
    mark(p._id, true);
  };

  const lines = useMemo(
    () => attendanceLines(roster.data?.items ?? [], walkIns, village === ALL ? undefined : village, q),
    [roster.data, walkIns, q, village],
  );
  const partial = !!roster.data && roster.data.total > roster.data.items.length;
  const [tick, setTick] = useState<TickFilter>('全部');
  const counts = tickCounts(lines, present);
  const shown = useMemo(() => byTick(lines, present, tick), [lines, present, tick]);

  return (
    <View>
      <View className='count-bar'>
        <Text id='attendee-count' className='count-bar__n'>已签到 {present.size} 人</Text>
        {canEdit ? <Text className='count-bar__hint'>点姓名签到,再点取消</Text> : null}
      </View>
      <OutboxBanner />
      <OfflineNotice at={roster.offlineAt} />
      {canEdit ? <WalkIn t={t} villages={villages} defaultUnit={village === ALL ? t.unitId : village} onAdded={addWalkIn} /> : null}
      <View className='filters'>
        <SearchBox
          id='attendance-search'
          placeholder='按姓名查找'
          value={q}
          onChange={setQ}
          onSearch={() => (partial || serverQ) && setServerQ(q.trim())}
        />
        {villages.length ? (
          <ChoiceChips
            options={[ALL, ...villages.map((v) => v._id)]}
            labels={Object.fromEntries(villages.map((v) => [v._id, v.name]))}
            value={village}
            onChange={setVillage}
          />
        ) : null}
        <ChoiceChips options={TICK_FILTERS} labels={Object.fromEntries(TICK_FILTERS.map((f) => [f, `${f} ${counts[f]}`]))} value={tick} onChange={(f) => setTick(f as TickFilter)} />
      </View>
      {canEdit && village !== ALL ? (
        <TickVillage villageName={unitName(village)} people={attendanceLines(roster.data?.items ?? [], walkIns, village, '')} present={present} tick={toggle} />
      ) : null}
      {partial ? <View className='notice'><Text>名册共 {roster.data?.total} 人,此处列出前 {ROSTER_LIMIT} 人:输入姓名后按搜索查找其他人。</Text></View> : null}
      <StateView
        loading={roster.loading && !roster.data}
        error={roster.error}
        onRetry={roster.retry}
        empty={roster.data && !shown.length ? (q || village !== ALL || tick !== '全部' ? '没有符合条件的人员' : '名册中还没有人员') : undefined}
      />
      <View className='tick-list'>
        {shown.map((p) => (
          <PersonLine key={p._id} p={p} on={present.has(p._id)} unit={unitName(p.unitId)} onTap={toggle} />
        ))}
      </View>
    </View>
  );
}
