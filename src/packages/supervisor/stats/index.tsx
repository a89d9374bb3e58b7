import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { PREVENTIONS } from '../../../../types/dispute';
import type { ExportFormat } from '../../../../types/report';
import { SCREENING_LINES, STAT_LINES, type Split, type StatisticsRow, type StatLine, type StatLines } from '../../../../types/statistics';
import { PeriodPicker } from '../../../components/PeriodPicker';
import { StateView } from '../../../components/StateView';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { compareText, exportStatistics, getStatistics, lastMonth, lineText, rankRows } from '../../../services/statistics';
import { alertError } from '../../../services/toast';
import { useWideWindow } from './useWideWindow';
import './index.css';

const OWN_BLOCKS: ReadonlySet<string> = new Set([...PREVENTIONS, ...SCREENING_LINES]);
/** The lines of the main table; the prevention lines (with people) and the 排查 lines have their own blocks. */
const MAIN_LINES = STAT_LINES.filter((l) => !OWN_BLOCKS.has(l));

const EXPORTS: { format: ExportFormat; label: string }[] = [
  { format: 'xlsx', label: '导出Excel' },
  { format: 'docx', label: '导出Word' },
];

/**
 * 统计报表: the 人民调解 table my unit files for a month, quarter or year — each line with 同比
 * and 环比, the prevention and 排查 blocks, the splits by type, channel and 来源, and one row per sub-unit
 * (tap to go down) ranked by any line — as a table at a desk, as cards on a phone; and the same
 * as a filing table to download.
 */
export default function StatsPage() {
  // Opened from 汇总 with the unit being viewed there; otherwise my own unit.
  const fromSummary = useRouter().params.unitId;
  const [unitId, setUnitId] = useState(fromSummary || undefined);
  const [period, setPeriod] = useState(() => lastMonth());
  const [sortBy, setSortBy] = useState<StatLine>('受理');
  const [exporting, setExporting] = useState<ExportFormat>();
  const wide = useWideWindow();
  const me = useMe();
  const table = useRemote(() => getStatistics({ unitId, period }), [unitId, period]);
  const t = table.data;
  // Up only as far as my reach: a township's supervisor has no 上级 to go to.
  const parentId = me.data?.units.find((u) => u._id === t?.unitId)?.parentId;
  const parentInReach = !!parentId && !!me.data?.units.some((u) => u._id === parentId);

  const doExport = async (format: ExportFormat) => {
    setExporting(format);
    try {
      await exportStatistics({ unitId: t?.unitId, period: t?.period.key ?? period, format });
    } catch (err) {
      alertError('导出失败', err);
    } finally {
      setExporting(undefined);
    }
  };
  // The 本级 row is the unit on screen itself: nothing below it to open.
  const drill = (row: StatisticsRow) => t && row.unitId !== t.unitId && setUnitId(row.unitId);

  return (
    <View className={`page ${wide ? 'stats--wide' : ''}`}>
      <PeriodPicker value={period} onChange={setPeriod} />
      <StateView loading={table.loading && !t} error={table.error} onRetry={table.retry} />
      {t ? (
        <View>
          <View className='scope stats-scope'>
            <Text id='stats-unit' className='scope__name'>{t.unit}</Text>
            <Text id='stats-period' className='scope__period'>{t.period.label}({t.period.from} 至 {t.period.to})</Text>
            {table.loading ? <Text className='scope__period'>正在更新…</Text> : null}
            {parentInReach ? <Text id='stats-up' className='link' onClick={() => setUnitId(parentId ?? undefined)}>返回上级</Text> : null}
          </View>
          {t.lines.受理.value === 0 && t.lines.在办.value === 0 ? <StateView empty={`${t.period.label}没有受理或在办的案件`} /> : null}

          <Text className='section-title'>主要指标(同比:去年同期;环比:上一期)</Text>
          <LinesTable lines={t.lines} shown={MAIN_LINES} wide={wide} />

          <Text className='section-title'>预防工作(件 / 人)</Text>
          <LinesTable lines={t.lines} shown={PREVENTIONS} wide={wide} people />

          <Text className='section-title'>矛盾纠纷排查(排查记录)</Text>
          <LinesTable lines={t.lines} shown={SCREENING_LINES} wide={wide} />

          {t.rows.length ? (
            <View>
              <Text className='section-title'>下级单位(点击进入,点指标排序)</Text>
              <RowsTable rows={rankRows(t.rows, sortBy)} total={t.lines} sortBy={sortBy} onSort={setSortBy} onOpen={drill} wide={wide} />
            </View>
          ) : null}

          <View className='stats-splits'>
            <SplitTable id='split-type' title='按纠纷类型' split={t.byType} />
            <SplitTable id='split-channel' title='按渠道' split={t.byChannel} />
            <SplitTable id='split-source' title='按来源' split={t.bySource} />
          </View>

          <View className='actions'>
            {EXPORTS.map((e) => (
              <Button
                key={e.format}
                id={`export-${e.format}`}
                className='btn btn--plain'
                // Set only when true: on h5 a false `disabled` still renders the attribute, styled as disabled.
                disabled={exporting ? true : undefined}
                onClick={() => doExport(e.format)}
              >
                {exporting === e.format ? '正在导出…' : e.label}
              </Button>
            ))}
          </View>
          <Text className='muted'>导出的统计表含标题、统计期间、填报单位和填报日期,可直接报送;只含统计数字,不含当事人信息。</Text>
        </View>
      ) : null}
    </View>
  );
}

/** Lines with 同比 and 环比 beside each: table rows at a desk, a card each on a phone. */
function LinesTable({ lines, shown, wide, people }: { lines: StatLines; shown: readonly StatLine[]; wide: boolean; people?: boolean }) {
  const peopleOf = (l: StatLine) => (people && l !== '成功率' && l !== '协议涉及金额' ? `${lines[l].people ?? 0}人` : '');
  if (wide) {
    return (
      <View className='grid stats-lines'>
        <View className='grid__row grid__row--head'>
          {['项目', '本期', ...(people ? ['人数'] : []), '同比(去年同期 增减)', '环比(上期 增减)'].map((h) => <Text key={h} className='grid__cell'>{h}</Text>)}
        </View>
        {shown.map((l) => {
          const c = compareText(lines, l);
          return (
            <View key={l} id={`line-${l}`} className='grid__row'>
              <Text className='grid__cell grid__cell--label'>{l}</Text>
              <Text className='grid__cell stat-line__value'>{lineText(lines, l)}</Text>
              {people ? <Text className='grid__cell'>{peopleOf(l)}</Text> : null}
              <Text className='grid__cell stat-line__yoy'>{c.yoy}</Text>
              <Text className='grid__cell stat-line__mom'>{c.mom}</Text>
            </View>
          );
        })}
      </View>
    );
  }
  return (
    <View>
      {shown.map((l) => {
        const c = compareText(lines, l);
        return (
          <View key={l} id={`line-${l}`} className='card stat-line'>
            <View className='stat-line__main'>
              <Text className='stat-line__label'>{l}</Text>
              <Text className='stat-line__value'>{lineText(lines, l)}</Text>
              {people ? <Text className='stat-line__people'>{peopleOf(l)}</Text> : null}
            </View>
            <Text className='stat-line__compare'>
              同比 <Text className='stat-line__yoy'>{c.yoy}</Text> · 环比 <Text className='stat-line__mom'>{c.mom}</Text>
            </Text>
          </View>
        );
      })}
    </View>
  );
}

interface RowsProps {
  rows: StatisticsRow[];
  total: StatLines;
  sortBy: StatLine;
  onSort: (line: StatLine) => void;
  onOpen: (row: StatisticsRow) => void;
  wide: boolean;
}

/** The lines a phone card shows besides the one ranked by. */
const CARD_LINES: StatLine[] = ['受理', '调解成功', '在办', '成功率'];

/** One row per sub-unit and the 合计 row: every line as a column at a desk (tap a header to rank), cards on a phone. */
function RowsTable({ rows, total, sortBy, onSort, onOpen, wide }: RowsProps) {
  if (wide) {
    return (
      <View className='grid-scroll'>
        <View className='grid stats-rows'>
          <View className='grid__row grid__row--head'>
            <Text className='grid__cell grid__cell--label'>单位</Text>
            {STAT_LINES.map((l) => (
              <Text key={l} id={`sort-${l}`} className={`grid__cell grid__cell--sort ${l === sortBy ? 'grid__cell--on' : ''}`} onClick={() => onSort(l)}>
                {l}{l === sortBy ? ' ▼' : ''}
              </Text>
            ))}
          </View>
          {rows.map((r) => (
            <View key={r.unitId} className='grid__row stats-row' onClick={() => onOpen(r)}>
              <Text className='grid__cell grid__cell--label stats-row__unit'>{r.unit}</Text>
              {STAT_LINES.map((l) => <Text key={l} className={`grid__cell stats-row__cell-${l}`}>{lineText(r.lines, l)}</Text>)}
            </View>
          ))}
          <View id='stats-total' className='grid__row grid__row--total'>
            <Text className='grid__cell grid__cell--label stats-row__unit'>合计</Text>
            {STAT_LINES.map((l) => <Text key={l} className={`grid__cell stats-row__cell-${l}`}>{lineText(total, l)}</Text>)}
          </View>
        </View>
      </View>
    );
  }
  const shown = [sortBy, ...CARD_LINES.filter((l) => l !== sortBy)];
  const card = (name: string, lines: StatLines) => (
    <>
      <Text className='stats-row__unit'>{name}</Text>
      <View className='stats-row__lines'>
        {shown.map((l) => (
          <Text key={l} className={`stats-row__line stats-row__cell-${l} ${l === sortBy ? 'stats-row__line--on' : ''}`}>
            {l} {lineText(lines, l)}
          </Text>
        ))}
      </View>
    </>
  );
  return (
    <View>
      <View className='chips stats-sort'>
        {STAT_LINES.map((l) => (
          <View key={l} id={`sort-${l}`} className={`chip ${l === sortBy ? 'chip--on' : ''}`} onClick={() => onSort(l)}>
            <Text>{l}</Text>
          </View>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.unitId} className='card stats-row' onClick={() => onOpen(r)}>
          {card(r.unit, r.lines)}
        </View>
      ))}
      <View id='stats-total' className='card stats-row stats-row--total'>
        {card('合计', total)}
      </View>
    </View>
  );
}

/** 受理 and 调解成功 split one way: a small table that fits a phone as well as a desk. */
function SplitTable({ id, title, split }: { id: string; title: string; split: Split }) {
  return (
    <View id={id} className='card stats-split'>
      <Text className='stats-split__title'>{title}</Text>
      <View className='grid'>
        <View className='grid__row grid__row--head'>
          {['类别', '受理', '调解成功'].map((h) => <Text key={h} className='grid__cell'>{h}</Text>)}
        </View>
        {Object.entries(split).map(([k, n]) => (
          <View key={k} className='grid__row'>
            <Text className='grid__cell grid__cell--label'>{k}</Text>
            <Text className='grid__cell'>{n.受理}</Text>
            <Text className='grid__cell'>{n.调解成功}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
