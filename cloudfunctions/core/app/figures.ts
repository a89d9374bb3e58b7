/**
 * 汇总 for supervisors: figures for any unit subtree and period with 同比, breakdowns and
 * drill-down, monthly trends, and the records behind each figure. A figure is read from its
 * rollup's documents, whatever the record count.
 */
import { todayBeijing } from '../../../types/dates';
import {
  METRICS, type MetricId, type RecordsQuery, type RecordsView, type SummaryQuery, type SummaryView, type TrendQuery, type TrendView,
} from '../../../types/metrics';
import { fenToYuanText } from '../../../types/money';
import { VIEWERS, type Unit } from '../../../types/org';
import { disputeTypesOf } from '../../../types/settings';
import { figureSplits, figuresOf, summarize } from '../domain/figures/figures';
import { breakdownsOf } from '../domain/figures/rollup';
import { openAtEnd, periodsToRead, statPeriods } from '../domain/figures/statistics';
import type { Call } from '../platform/port';
import { recordsBehindPage } from './queries/records-behind';
import { firstYear, readRollups } from './queries/rollups';
import { readSettings } from './queries/settings';
import { childUnits, subtree } from './queries/units';
import { unitInView } from './unit-in-view';

const REFUSAL = '只有主管可以查看汇总';

export async function summary(call: Call, q: SummaryQuery): Promise<SummaryView> {
  const unit = await unitInView(call, VIEWERS, q.unitId, REFUSAL);
  const period = q.period ?? todayBeijing(call.now()).slice(0, 4);
  const { yoy } = statPeriods(period);
  const [children, first, settings] = await Promise.all([
    childUnits(call.store, unit._id), firstYear(call.store, unit.path[0]), readSettings(call.store),
  ]);
  // One query: the units in view × the period, its 在办 sums and the year-earlier period.
  const periods = [...new Set([...periodsToRead([period], first), yoy])];
  const counters = await readRollups(call.store, [unit, ...children].map((u) => u._id), periods);
  const own = counters(unit._id, period);
  const of = (u: Unit) =>
    summarize(u, period, counters(u._id, period), openAtEnd((k) => counters(u._id, k), period, first), counters(u._id, yoy));
  return {
    scope: of(unit),
    children: children.map(of),
    parentId: unit.parentId,
    yoyPeriod: yoy,
    splits: figureSplits(own, disputeTypesOf(settings)),
    breakdowns: breakdownsOf(own),
  };
}

export async function trend(call: Call, q: TrendQuery): Promise<TrendView> {
  const unit = await unitInView(call, VIEWERS, q.unitId, REFUSAL);
  const year = q.year ?? todayBeijing(call.now()).slice(0, 4);
  const periods = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const counters = await readRollups(call.store, [unit._id], periods);
  return {
    unitId: unit._id,
    year,
    months: periods.map((period) => {
      const figures = figuresOf(counters(unit._id, period));
      return {
        period,
        values: Object.fromEntries(METRICS.map((m) => [m.id, figures[m.id].value])) as Record<MetricId, number>,
        texts: Object.fromEntries(METRICS.map((m) => [m.id, figures[m.id].text])) as Record<MetricId, string>,
      };
    }),
  };
}

/** The records behind one figure, a page at a time. Lines name a case, never its parties. */
export async function recordsBehind(call: Call, q: RecordsQuery): Promise<RecordsView> {
  const unit = await unitInView(call, VIEWERS, q.unitId, REFUSAL);
  const unitNames = new Map((await subtree(call.store, unit._id)).map((u) => [u._id, u.name]));
  const unitName = (id: string) => unitNames.get(id) ?? '';
  const page = await recordsBehindPage(call.store, q.metric, unit._id, q.period, { skip: q.skip, limit: q.limit });
  switch (page.kind) {
    case 'person':
      return {
        total: page.total,
        items: page.items.map((p) => ({ id: p._id, kind: 'person', date: '', title: p.name, detail: p.isLawPerson ? '法律明白人' : '', unitName: unitName(p.unitId) })),
      };
    case 'dispute':
      return {
        total: page.total,
        items: page.items.map((x) => ({
          id: x._id, kind: 'dispute', date: x.resolvedDate ?? x.acceptedDate, title: `${x.type} · ${x.channel}`,
          detail: `${x.caseNo ? `${x.caseNo} · ` : ''}${fenToYuanText(x.amountFen)}元 · ${x.mediatorName}`, unitName: unitName(x.unitId),
        })),
      };
    case 'training':
      return {
        total: page.total,
        items: page.items.map((x) => ({ id: x._id, kind: 'training', date: x.date, title: x.topic, detail: `${x.category} · ${x.attendees.length}人`, unitName: unitName(x.unitId) })),
      };
    default:
      return {
        total: page.total,
        items: page.items.map((x) => ({ id: x._id, kind: 'publicity', date: x.date, title: x.title, detail: `资料${x.materials}份 · 咨询${x.consulted}人次`, unitName: unitName(x.unitId) })),
      };
  }
}
