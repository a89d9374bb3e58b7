/** Typed calls for the 统计报表 page, and how it orders and words the table's lines. */
import { todayBeijing, type PeriodKey } from '../../types/dates';
import { wanText } from '../../types/money';
import type { ExportedFile } from '../../types/report';
import {
  MONEY_LINE, RATE_LINE, type StatisticsExportQuery, type StatisticsQuery, type StatisticsRow, type StatisticsView, type StatLine, type StatLines,
} from '../../types/statistics';
import { call, openFile } from './backend';

export const getStatistics = (q: StatisticsQuery) => call<StatisticsView>('report', 'statistics', q);

/** Builds the filing table on the back end, then downloads (h5) or opens (WeChat) it. */
export async function exportStatistics(q: StatisticsExportQuery): Promise<void> {
  await openFile(await call<ExportedFile>('report', 'statisticsExport', q), q.format);
}

/** The month a table is filed for: the one before today's (Beijing). */
export function lastMonth(today: string = todayBeijing()): PeriodKey {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** A line's value as shown: counts as numbers, 成功率 as '97.3%', money as '123.45万元'. */
export function lineText(lines: StatLines, line: StatLine): string {
  if (line === RATE_LINE) return lines.成功率.value;
  if (line === MONEY_LINE) return lines.协议涉及金额.value;
  return String(lines[line].value);
}

/** What is beside a line: 同比 and 环比, each the earlier value and the change ('12 +8.3%', '1.20万元 +8.3%'); a rate has no change of its own. */
export function compareText(lines: StatLines, line: StatLine): { yoy: string; mom: string } {
  if (line === RATE_LINE) return { yoy: lines.成功率.yoy, mom: lines.成功率.mom };
  if (line === MONEY_LINE) {
    const m = lines.协议涉及金额;
    return { yoy: `${wanText(m.yoy)} ${m.yoyChange}`, mom: `${wanText(m.mom)} ${m.momChange}` };
  }
  const c = lines[line];
  return { yoy: `${c.yoy} ${c.yoyChange}`, mom: `${c.mom} ${c.momChange}` };
}

/** The number a row is ranked by on `line`: money in fen, a rate as its percent ('—' below every rate). */
function rankOf(lines: StatLines, line: StatLine): number {
  if (line === RATE_LINE) return lines.成功率.value === '—' ? -1 : parseFloat(lines.成功率.value);
  if (line === MONEY_LINE) return lines.协议涉及金额.fen;
  return lines[line].value;
}

/** The sub-unit rows, largest first on `line`; equal ones keep the tree's order. */
export function rankRows(rows: readonly StatisticsRow[], line: StatLine): StatisticsRow[] {
  return rows.map((r, i) => ({ r, i })).sort((a, b) => rankOf(b.r.lines, line) - rankOf(a.r.lines, line) || a.i - b.i).map(({ r }) => r);
}
