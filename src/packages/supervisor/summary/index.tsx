import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { todayBeijing } from '../../../../types/dates';
import { METRICS } from '../../../../types/metrics';
import { FigureCard } from '../../../components/FigureCard';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { getSummary } from '../../../services/ledger';

/** 汇总: the figures of my area for the year, and each sub-unit's; tap a sub-unit to go down. */
export default function SummaryPage() {
  const [unitId, setUnitId] = useState<string>();
  const period = todayBeijing().slice(0, 4);
  const view = useRemote(() => getSummary({ unitId, period }), [unitId, period]);
  const s = view.data?.scope;

  return (
    <View className='page'>
      <StateView loading={view.loading && !view.data} error={view.error} onRetry={view.reload} />
      {s ? (
        <View>
          <View className='scope'>
            <Text id='scope-name' className='scope__name'>{s.unitName}</Text>
            <Text className='scope__period'>{s.period}年</Text>
            {view.data?.parentId && unitId ? (
              <Text className='link' onClick={() => setUnitId(view.data?.parentId ?? undefined)}>返回上级</Text>
            ) : null}
          </View>
          <View className='figures'>
            {METRICS.map((m) => (
              <FigureCard key={m.id} id={`figure-${m.id}`} label={m.label} figure={s.figures[m.id]} />
            ))}
          </View>
          <Text className='muted'>
            本期受理 {s.accepted} 件,其中在办 {s.inProgress} 件
          </Text>
          {view.data?.children.length ? <Text className='section-title'>下级单位</Text> : null}
          {view.data?.children.map((c) => (
            <View key={c.unitId} className='card unit-row' onClick={() => setUnitId(c.unitId)}>
              <Text className='unit-row__name'>{c.unitName}</Text>
              <Text className='unit-row__figs'>
                纠纷 {c.figures.D1.text} · 金额 {c.figures.D2.text}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
