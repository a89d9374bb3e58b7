import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Me } from '../../../../types/org';
import { maskPhones } from '../../../../types/phone';
import { reaches } from '../../../../types/reach';
import { MERGERS } from '../../../../types/training';
import { PersonLine } from '../../../components/PersonLine';
import { SearchBox } from '../../../components/SearchBox';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { toastError } from '../../../services/toast';
import { getPerson, getRoster, mergePeople, type RosterLine } from '../../../services/training';
import { myArea, unitNamer } from '../../../services/units';

interface Props {
  me: Me;
  /** The entry this page shows: the one kept. */
  personId: string;
}

/**
 * 合并重复记录: a supervisor (or admin) above both picks the other entry of this person and
 * confirms; its attendance moves here and it leaves the roster. Shown only to them.
 */
export function MergePerson({ me, personId }: Props) {
  const kept = useRemote(() => getPerson(personId), [personId]);
  const [q, setQ] = useState<string>();
  const [searched, setSearched] = useState<string>();
  const area = myArea(me, MERGERS);
  const query = searched ?? kept.data?.name;
  const found = useRemote(() => (area && query ? getRoster({ unitId: area, q: query }) : Promise.resolve(undefined)), [area, query]);
  if (!kept.data || !reaches(me.user, MERGERS, kept.data.unitPath)) return null;
  const unitName = unitNamer(me);
  const others = found.data?.items.filter((p) => p._id !== personId) ?? [];

  const merge = async (dup: RosterLine) => {
    const { confirm } = await Taro.showModal({
      title: '合并重复记录',
      content: `将「${dup.name}${dup.phone ? ` ${dup.phone}` : ''}(${unitName(dup.unitId)})」合并到本条「${kept.data!.name} ${maskPhones(kept.data!.phone)}」?其签到记录移到本条,它不再出现在名册中。`,
      confirmText: '合并',
    });
    if (!confirm) return;
    try {
      const r = await mergePeople({ keepId: personId, duplicateId: dup._id });
      void Taro.showToast({ title: `已合并:${r.sessions}场培训的签到移到本条`, icon: 'none' });
      found.reload();
    } catch (err) {
      toastError(err);
    }
  };

  return (
    <View id='merge-person' className='card'>
      <Text className='section-title'>合并重复记录</Text>
      <Text className='muted'>同一人在名册中有两条记录时,点选另一条,它的签到记录会移到本条。</Text>
      <SearchBox id='merge-search' placeholder='按姓名查找' value={q ?? kept.data.name} onChange={setQ} onSearch={() => setSearched((q ?? kept.data!.name).trim())} withButton />
      <StateView loading={found.loading && !found.data} error={found.error} onRetry={found.retry} empty={found.data && !others.length ? '没有其他同名记录' : undefined} />
      <View className='tick-list'>
        {others.map((p) => (
          <PersonLine key={p._id} p={p} unit={unitName(p.unitId)} onTap={(line) => void merge(line)} />
        ))}
      </View>
    </View>
  );
}
