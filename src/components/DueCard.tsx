import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { DUE_KINDS, DUE_LABELS, type DueCounts } from '../../types/followup';
import { useRemote } from '../hooks/useRemote';
import { dueListUrl, getDue } from '../services/followup';
import './DueCard.css';

/** 待回访 and 司法确认待申请 are asks; 在办 is a figure, never shown as alarming. */
const ASKS = new Set(['followUp', 'confirmation']);

function Counts({ counts, idPrefix, unit }: { counts: DueCounts; idPrefix: string; unit?: { unitId: string; name: string } }) {
  return (
    <View>
      {DUE_KINDS.map((k) => (
        <View key={k} id={`${idPrefix}-${k}`} className='due__row' onClick={() => Taro.navigateTo({ url: dueListUrl(k, unit) })}>
          <Text>{DUE_LABELS[k]}</Text>
          <Text className={`due__count ${ASKS.has(k) && counts[k] ? 'due__count--on' : ''}`}>{counts[k]} 件 ›</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * The home page says what is due: a mediator's 在办, 待回访 (due on or before today) and
 * 司法确认待申请, and the same for each unit a supervisor holds; each count opens its cases.
 * Zero is said as 0. Nothing for those who neither record cases nor supervise.
 */
export function DueCard() {
  const due = useRemote(() => getDue(), []);
  // Back on the home page (a 回访 recorded, a case closed): counted again. The first show is the load itself.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) due.reload();
    shown.current = true;
  });
  const v = due.data;
  if (!v || (!v.mine && !v.units.length)) return null;
  return (
    <View className='card due' id='due-card'>
      <Text className='section-title'>案件待办</Text>
      {v.mine ? (
        <View>
          {v.units.length ? <Text className='due__scope'>我的案件</Text> : null}
          <Counts counts={v.mine} idPrefix='due-mine' />
        </View>
      ) : null}
      {v.units.map((u) => (
        <View key={u.unitId}>
          <Text className='due__scope'>{u.name}(含下辖单位)</Text>
          <Counts counts={u.counts} idPrefix={`due-${u.unitId}`} unit={u} />
        </View>
      ))}
    </View>
  );
}
