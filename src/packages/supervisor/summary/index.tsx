import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { METRICS, type MetricId } from '../../../../types/metrics';
import { DISTRICT_ACTS } from '../../../../types/org';
import { districtGrant } from '../../../../types/reach';
import { BarChart } from '../../../components/BarChart';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { FigureCard } from '../../../components/FigureCard';
import { PeriodPicker } from '../../../components/PeriodPicker';
import { StateView } from '../../../components/StateView';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { currentPeriods, lockedPeriod, monthNumber, splitPeriod, WHOLE_YEAR } from '../../../services/periods';
import { getSummary, getTrend, listLocks, lockPeriod, unlockPeriod } from '../../../services/rollup';
import { PAGES } from '../../../services/routes';
import { toastError } from '../../../services/toast';

/** The figures worth a chart (sums of money chart as well as counts). */
const CHART_METRICS: MetricId[] = ['D1', 'D2', 'D3', 'T1', 'T2', 'P1'];
const LABEL = Object.fromEntries(METRICS.map((m) => [m.id, m.label]));

/**
 * 汇总: my area's figures for any period, each sub-unit's as a bar (tap to go down),
 * the monthly trend, who has not reported, and period locks for the district.
 */
export default function SummaryPage() {
  const [unitId, setUnitId] = useState<string>();
  const [period, setPeriod] = useState(() => currentPeriods().year);
  const [metric, setMetric] = useState<MetricId>('D1');
  const { year, part } = splitPeriod(period);
  const me = useMe();
  const view = useRemote(() => getSummary({ unitId, period }), [unitId, period]);
  const trend = useRemote(() => getTrend({ unitId, year }), [unitId, year]);
  const s = view.data?.scope;
  // What is on screen is what was loaded: while another unit or period loads, the old
  // figures keep their own labels, and a tap opens the records behind what was tapped.
  const shown = s ? splitPeriod(s.period) : { year, part };
  // Up only as far as my reach: a township's supervisor has no 上级 to go to.
  const parentInReach = !!view.data?.parentId && !!me.data?.units.some((u) => u._id === view.data?.parentId);

  const open = (m: MetricId) =>
    s && Taro.navigateTo({ url: `${PAGES.records}?unitId=${s.unitId}&period=${s.period}&metric=${m}&name=${encodeURIComponent(s.unitName)}` });
  const mayLock = !!me.data && !!districtGrant(me.data.user, DISTRICT_ACTS.lock, me.data.units);

  return (
    <View className='page'>
      <PeriodPicker value={period} onChange={setPeriod} />
      <StateView loading={view.loading && !view.data} error={view.error} onRetry={view.retry} />
      {s && view.data ? (
        <View>
          <View className='scope'>
            <Text id='scope-name' className='scope__name'>{s.unitName}</Text>
            <Text className='scope__period'>{shown.part === WHOLE_YEAR ? `${shown.year}年` : s.period}</Text>
            {parentInReach ? (
              <Text className='link' onClick={() => setUnitId(view.data?.parentId ?? undefined)}>返回上级</Text>
            ) : null}
          </View>
          <View className='figures'>
            {METRICS.map((m) => (
              <FigureCard key={m.id} id={`figure-${m.id}`} label={m.label} figure={s.figures[m.id]} onClick={() => open(m.id)} />
            ))}
          </View>
          <Text className='muted'>
            本期受理 {s.accepted} 件,期末在办 {s.inProgress} 件 · 点数字可查看明细
          </Text>
          <Text id='open-report' className='link' onClick={() => Taro.navigateTo({ url: `${PAGES.report}?unitId=${s.unitId}` })}>
            年度报告:复制段落、导出 ›
          </Text>
          <Text id='open-stats' className='link' onClick={() => Taro.navigateTo({ url: `${PAGES.stats}?unitId=${s.unitId}` })}>统计报表:同比环比、导出报送 ›</Text>

          <View className='card'>
            <View className='metric-tabs'>
              <ChoiceChips options={CHART_METRICS} labels={LABEL} value={metric} onChange={(m) => setMetric(m as MetricId)} />
            </View>
            {view.data.children.length ? (
              <View>
                <Text className='section-title'>下级单位(点击进入)</Text>
                <BarChart
                  bars={view.data.children.map((c) => ({ key: c.unitId, label: c.unitName, value: c.figures[metric].value, text: c.figures[metric].text }))}
                  onTap={setUnitId}
                />
              </View>
            ) : null}
            <Text className='section-title'>{year}年月度趋势</Text>
            {trend.data ? (
              <BarChart
                layout='column'
                bars={trend.data.months.map((m) => ({ key: m.period, label: monthNumber(m.period), value: m.values[metric] }))}
                onTap={(p) => setPeriod(p)}
              />
            ) : (
              <StateView loading={trend.loading} error={trend.error} />
            )}
          </View>

          <Text id='open-review' className='link' onClick={() => Taro.navigateTo({ url: `${PAGES.review}?unitId=${s.unitId}` })}>报送审核:谁已上报、谁未报送,审核与退回 ›</Text>

          {mayLock ? <LockPanel unitId={s.unitId} period={lockedPeriod(s.period)} /> : null}
        </View>
      ) : null}
    </View>
  );
}

/** District supervisors close a year or month for this unit's subtree; reopening needs a reason. */
function LockPanel({ unitId, period }: { unitId: string; period: string }) {
  const locks = useRemote(() => listLocks(unitId), [unitId]);
  const [reason, setReason] = useState('');
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      Taro.showToast({ title: done, icon: 'success' });
      setReason('');
      locks.reload();
    } catch (err) {
      toastError(err);
    }
  };
  return (
    <View className='card'>
      <Text className='section-title'>期间锁定</Text>
      <Button id='lock-period' className='btn btn--plain' onClick={() => act(() => lockPeriod({ unitId, period }), '已锁定')}>
        锁定 {period}(锁定后不能再登记或修改该期间的记录)
      </Button>
      {locks.data?.map((l) => (
        <View key={l._id} className='lock-row'>
          <Text>
            {l.unitName} {l.period} · {l.byName}
          </Text>
          <Text className='link' onClick={() => act(() => unlockPeriod({ unitId: l.unitId, period: l.period, reason }), '已解锁')}>
            解锁
          </Text>
        </View>
      ))}
      {locks.data?.length ? (
        <Input className='input' placeholder='解锁原因(必填,记入操作记录)' value={reason} onInput={(e) => setReason(e.detail.value)} />
      ) : null}
    </View>
  );
}
