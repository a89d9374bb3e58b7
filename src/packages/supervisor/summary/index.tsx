import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { periodLabel } from '../../../../types/dates';
import { DISPUTE_METRICS, METRICS, type FigureSplitRow, type MetricId } from '../../../../types/metrics';
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
import { getSummary, getTrend, listLocks, lockPeriod, rankByFigure, unlockPeriod, yoyText } from '../../../services/rollup';
import { PAGES } from '../../../services/routes';
import { toastError } from '../../../services/toast';
import { useWideWindow } from '../stats/useWideWindow';
import './index.css';

const METRIC_IDS = METRICS.map((m) => m.id);
const LABEL = Object.fromEntries(METRICS.map((m) => [m.id, m.label]));

/**
 * 汇总: my area's figures for any period, each with 同比; the dispute figures by type and by
 * channel; the sub-units ranked by any figure (tap to go down) and the monthly trend; who has
 * not reported, and period locks for the district. At a desk-width window the figures and the
 * charts sit side by side, the breakdowns beside each other.
 */
export default function SummaryPage() {
  const [unitId, setUnitId] = useState<string>();
  const [period, setPeriod] = useState(() => currentPeriods().year);
  const [metric, setMetric] = useState<MetricId>('D1');
  const { year, part } = splitPeriod(period);
  const wide = useWideWindow();
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
    <View className={`page ${wide ? 'summary--wide' : ''}`}>
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
          <View className='summary-main'>
            <View className='summary-col'>
              <Text id='yoy-period' className='section-title'>同比:与{periodLabel(view.data.yoyPeriod)}相比</Text>
              <View className='figures'>
                {METRICS.map((m) => (
                  <FigureCard
                    key={m.id}
                    id={`figure-${m.id}`}
                    label={m.label}
                    figure={s.figures[m.id]}
                    compare={yoyText(s.yoy[m.id])}
                    onClick={() => open(m.id)}
                  />
                ))}
              </View>
              <Text className='muted'>
                本期受理 {s.accepted} 件,期末在办 {s.inProgress} 件 · 点数字可查看明细
              </Text>
              <Text id='open-report' className='link' onClick={() => Taro.navigateTo({ url: `${PAGES.report}?unitId=${s.unitId}` })}>
                年度报告:复制段落、导出 ›
              </Text>
              <Text id='open-stats' className='link' onClick={() => Taro.navigateTo({ url: `${PAGES.stats}?unitId=${s.unitId}` })}>统计报表:同比环比、导出报送 ›</Text>
            </View>

            <View id='summary-charts' className='card summary-col'>
              <Text className='section-title summary-charts__title'>排名和图表的指标</Text>
              <View className='metric-tabs'>
                <ChoiceChips options={METRIC_IDS} labels={LABEL} value={metric} onChange={(m) => setMetric(m as MetricId)} />
              </View>
              {view.data.children.length ? (
                <View id='ranking'>
                  <Text className='section-title'>下级单位按{LABEL[metric]}排名(点击进入)</Text>
                  <BarChart
                    bars={rankByFigure(view.data.children, metric).map((c) => ({ key: c.unitId, label: c.unitName, value: c.figures[metric].value, text: c.figures[metric].text }))}
                    onTap={setUnitId}
                  />
                </View>
              ) : null}
              <Text className='section-title'>{year}年月度趋势:{LABEL[metric]}</Text>
              {trend.data ? (
                <BarChart
                  layout='column'
                  bars={trend.data.months.map((m) => ({ key: m.period, label: monthNumber(m.period), value: m.values[metric], text: m.texts[metric] }))}
                  onTap={(p) => setPeriod(p)}
                />
              ) : (
                <StateView loading={trend.loading} error={trend.error} />
              )}
            </View>
          </View>

          <View className='summary-splits'>
            <SplitTable id='split-type' title='按纠纷类型' by='纠纷类型' rows={view.data.splits.byType} />
            <SplitTable id='split-channel' title='按渠道' by='渠道' rows={view.data.splits.byChannel} />
          </View>

          <Text id='open-review' className='link' onClick={() => Taro.navigateTo({ url: `${PAGES.review}?unitId=${s.unitId}` })}>报送审核:谁已上报、谁未报送,审核与退回 ›</Text>

          {mayLock ? <LockPanel unitId={s.unitId} period={lockedPeriod(s.period)} /> : null}
        </View>
      ) : null}
    </View>
  );
}

/** The dispute figures by one breakdown: a row per type (or channel) that holds something. */
function SplitTable({ id, title, by, rows }: { id: string; title: string; by: string; rows: FigureSplitRow[] }) {
  return (
    <View id={id} className='card summary-split'>
      <Text className='summary-split__title'>{title}</Text>
      {rows.length ? (
        <View className='split-table'>
          <View className='split-table__row split-table__row--head'>
            <Text className='split-table__cell split-table__cell--name'>{by}</Text>
            {DISPUTE_METRICS.map((m) => <Text key={m} className='split-table__cell'>{LABEL[m]}</Text>)}
          </View>
          {rows.map((r) => (
            <View key={r.name} className='split-table__row'>
              <Text className='split-table__cell split-table__cell--name'>{r.name}</Text>
              {DISPUTE_METRICS.map((m) => <Text key={m} className={`split-table__cell split-${m}`}>{r.figures[m].text}</Text>)}
            </View>
          ))}
        </View>
      ) : (
        <Text className='muted'>本期没有调解成功的纠纷</Text>
      )}
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
