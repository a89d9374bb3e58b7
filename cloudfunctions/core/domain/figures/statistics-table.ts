/**
 * The 人民调解统计报表 laid out as the filing table a 司法所 or 司法局 sends upward: title,
 * 统计范围 and 统计期间, 填报单位 and 填报日期, then the lines with 同比 and 环比, one row per
 * sub-unit with 合计, and the splits. Pure: the .xlsx and the .docx (core/files) draw this same
 * layout, so the two files never disagree.
 */
import { periodLabel } from '../../../../types/dates';
import { MONEY_LINE, RATE_LINE, STAT_LINES, type Split, type StatisticsView, type StatLine, type StatLines } from '../../../../types/statistics';
import { wanText } from '../../../../types/money';

export const FILING_TITLE = '人民调解工作统计表';

/** Counts stay numbers (a reader sums them); rates and money keep their worded text. */
export type TableValue = string | number;

export interface TableSection {
  caption: string;
  columns: string[];
  rows: TableValue[][];
  /** The last row is the 合计 row (drawn bold). */
  totalRow?: boolean;
}

export interface FilingTable {
  title: string;
  /** Label and value pairs under the title, in order. */
  fields: [string, string][];
  sections: TableSection[];
  /** The name to save it under, without the extension: '示范区2024年3月人民调解工作统计表'. */
  name: string;
}

const TOTAL = '合计';
const NUMERALS = ['一', '二', '三', '四', '五'];
/** '2024-04-05' → '2024年4月5日', as a form is dated. */
function dateWords(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A line's headers in the sub-unit table: money is shown in 万元. */
const columnOf = (line: StatLine): string => (line === MONEY_LINE ? `${MONEY_LINE}(万元)` : line);

/** A line's value in one cell of the sub-unit table. */
function cellOf(lines: StatLines, line: StatLine): TableValue {
  if (line === RATE_LINE) return lines.成功率.value;
  if (line === MONEY_LINE) return lines.协议涉及金额.value;
  return lines[line].value;
}

function linesSection(lines: StatLines): TableSection {
  const rows = STAT_LINES.map((line): TableValue[] => {
    if (line === RATE_LINE) return [line, lines.成功率.value, lines.成功率.yoy, '', lines.成功率.mom, '', ''];
    if (line === MONEY_LINE) {
      const m = lines.协议涉及金额;
      return [line, `${m.value}(${m.yuan})`, wanText(m.yoy), m.yoyChange, wanText(m.mom), m.momChange, ''];
    }
    const c = lines[line];
    return [line, c.value, c.yoy, c.yoyChange, c.mom, c.momChange, c.people ?? ''];
  });
  return { caption: '主要指标', columns: ['项目', '本期', '去年同期', '同比', '上期', '环比', '涉及人数'], rows };
}

function rowsSection(view: StatisticsView): TableSection {
  const row = (name: string, lines: StatLines) => [name, ...STAT_LINES.map((l) => cellOf(lines, l))];
  return {
    caption: '下级单位',
    columns: ['单位', ...STAT_LINES.map(columnOf)],
    rows: [...view.rows.map((r) => row(r.unit, r.lines)), row(TOTAL, view.lines)],
    totalRow: true,
  };
}

function splitSection(caption: string, kind: string, split: Split): TableSection {
  return { caption, columns: [kind, '受理', '调解成功'], rows: Object.entries(split).map(([k, n]) => [k, n.受理, n.调解成功]) };
}

/** The table of `view`, filed by its unit on `filedOn` (a Beijing date). */
export function filingTable(view: StatisticsView, filedOn: string): FilingTable {
  const label = periodLabel(view.period.key);
  return {
    title: FILING_TITLE,
    fields: [
      ['统计范围', view.unit],
      ['统计期间', `${label}(${view.period.from} 至 ${view.period.to})`],
      ['同比对照', `${view.compared.yoy.from} 至 ${view.compared.yoy.to}`],
      ['环比对照', `${view.compared.mom.from} 至 ${view.compared.mom.to}`],
      ['填报单位', view.unit],
      ['填报日期', dateWords(filedOn)],
    ],
    // A village has no sub-units: its table goes straight from the lines to the splits.
    sections: [
      linesSection(view.lines),
      ...(view.rows.length ? [rowsSection(view)] : []),
      splitSection('按纠纷类型(受理 / 调解成功)', '纠纷类型', view.byType),
      splitSection('按渠道(受理 / 调解成功)', '渠道', view.byChannel),
      splitSection('按来源(受理 / 调解成功)', '来源', view.bySource),
    ].map((s, i) => ({ ...s, caption: `${NUMERALS[i]}、${s.caption}` })),
    name: `${view.unit}${label}${FILING_TITLE}`,
  };
}
