import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { MetricId } from '../../../../types/metrics';
import { composeParagraph, hasZeroClause, type ExportFormat } from '../../../../types/report';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { StateView } from '../../../components/StateView';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { recentYears, yearLabels } from '../../../services/periods';
import { exportLedger, exportReport, getAnnualReport } from '../../../services/report';
import { alertError } from '../../../services/toast';
import './index.css';

type ExportKind = ExportFormat | 'ledger';

const EXPORTS: { kind: ExportKind; label: string }[] = [
  { kind: 'xlsx', label: '导出Excel' },
  { kind: 'docx', label: '导出Word' },
  { kind: 'ledger', label: '导出台账(Excel)' },
];

/**
 * 年度报告: the report lines of my area for a year, each shown worded or exact, and the
 * paragraph as shown, ready to copy into the annual report or to export as a file; and the
 * area's ledger for the year, to download in the import format.
 */
export default function ReportPage() {
  const years = recentYears(3);
  const [year, setYear] = useState(years[0]);
  // Opened from 汇总 with the unit being viewed there; otherwise my own area.
  const fromSummary = useRouter().params.unitId;
  const [unitId, setUnitId] = useState(fromSummary || undefined);
  const [exact, setExact] = useState<ReadonlySet<MetricId>>(new Set());
  // A township's paragraph leaves out the district's lines it has nothing in (诉调); this brings them back.
  const [showZero, setShowZero] = useState(false);
  const [exporting, setExporting] = useState<ExportKind>();
  const report = useRemote(() => getAnnualReport({ year: Number(year), unitId }), [year, unitId]);
  const me = useMe();

  // The unit first shown is the top of the unit chips; its sub-units can be picked below it.
  const [top, setTop] = useState<{ _id: string; name: string }>();
  useEffect(() => {
    if (!top && report.data) setTop(report.data.unit);
  }, [report.data, top]);
  const subUnits = me.data?.units.filter((u) => u.parentId === top?._id) ?? [];
  const unitNames = Object.fromEntries([...(top ? [top] : []), ...subUnits].map((u) => [u._id, u.name]));

  const r = report.data;
  const paragraph = r ? composeParagraph(r, exact, showZero) : '';

  const toggle = (id: MetricId) =>
    setExact((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const doExport = async (kind: ExportKind) => {
    setExporting(kind);
    try {
      const q = { year: Number(year), unitId: r?.unit._id };
      await (kind === 'ledger' ? exportLedger(q) : exportReport({ ...q, format: kind, exact: [...exact], showZero }));
    } catch (err) {
      alertError('导出失败', err);
    } finally {
      setExporting(undefined);
    }
  };

  return (
    <View className='page'>
      <View className='card report-pick'>
        <Text className='field__label'>年份</Text>
        <ChoiceChips options={years} value={year} onChange={setYear} labels={yearLabels(years)} />
        {top && subUnits.length ? (
          <View className='report-pick__units'>
            <Text className='field__label'>单位</Text>
            <ChoiceChips
              options={Object.keys(unitNames)}
              value={r?.unit._id ?? unitId ?? top._id}
              onChange={(id) => setUnitId(id === top._id ? undefined : id)}
              labels={unitNames}
            />
          </View>
        ) : null}
      </View>

      <StateView loading={report.loading && !r} error={report.error} onRetry={report.retry} />
      {r ? (
        <View>
          <View className='scope'>
            <Text id='report-unit' className='scope__name'>{r.unit.name}</Text>
            <Text className='scope__period'>{r.year}年</Text>
            {report.loading ? <Text className='scope__period'>正在更新…</Text> : null}
          </View>
          {r.lines.map((l) => {
            const isExact = exact.has(l.id);
            const differs = l.figure.text !== l.figure.exactText;
            return (
              <View key={l.id} id={`line-${l.id}`} className='card report-line'>
                <View className='report-line__main'>
                  <Text className='report-line__label'>{l.label}</Text>
                  <Text className='report-line__figure'>{isExact ? l.figure.exactText : l.figure.text}</Text>
                  {differs ? (
                    <Text className='report-line__other'>{isExact ? `约数 ${l.figure.text}` : `精确 ${l.figure.exactText}`}</Text>
                  ) : null}
                </View>
                {differs ? (
                  <View id={`toggle-${l.id}`} className='seg' onClick={() => toggle(l.id)}>
                    <Text className={`seg__opt ${isExact ? '' : 'seg__opt--on'}`}>约数</Text>
                    <Text className={`seg__opt ${isExact ? 'seg__opt--on' : ''}`}>精确</Text>
                  </View>
                ) : null}
              </View>
            );
          })}

          <Text className='section-title'>报告段落</Text>
          {hasZeroClause(r.parts) ? (
            <View className='report-zero'>
              <View id='show-zero' className={`chip ${showZero ? 'chip--on' : ''}`} onClick={() => setShowZero((v) => !v)}>
                <Text>{showZero ? '✓ ' : ''}显示为零的项目</Text>
              </View>
              {showZero ? null : <Text className='muted'>为零且不涉及本单位的区级项目未写入段落</Text>}
            </View>
          ) : null}
          <View className='card'>
            <Text id='report-paragraph' className='report-paragraph' userSelect>
              {paragraph}
            </Text>
          </View>
          <Button id='copy-paragraph' className='btn btn--primary' onClick={() => Taro.setClipboardData({ data: paragraph })}>
            复制全文
          </Button>
          <View className='actions'>
            {EXPORTS.map((e) => (
              <Button
                key={e.kind}
                id={`export-${e.kind}`}
                className='btn btn--plain'
                // Set only when true: on h5 a false `disabled` still renders the attribute, styled as disabled.
                disabled={exporting ? true : undefined}
                onClick={() => doExport(e.kind)}
              >
                {exporting === e.kind ? '正在导出…' : e.label}
              </Button>
            ))}
          </View>
          <Text className='muted'>
            导出Excel、导出Word 只含统计数字。导出台账是本单位及下级单位该年的原始记录(可再导入),含培训签到人员的手机号,请妥善保管;不含当事人姓名和电话。
          </Text>
        </View>
      ) : null}
    </View>
  );
}
