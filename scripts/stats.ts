/**
 * `npm run stats -- --year 2024 [--month 3 | --quarter 1] [--unit PATH] [--format text|json|xlsx|docx] [--out FILE]`:
 * the 人民调解统计报表 from the embedded store at DATA_DIR (default ./data), by the same code as
 * `report.statistics` (and, as a file, `report.statisticsExport`). Like `npm run report`, no
 * caller: whoever reads the data folder reads this.
 */
import fs from 'node:fs';
import path from 'node:path';
import { periodLabel } from '../types/dates';
import { wanText } from '../types/money';
import { EXPORT_FORMATS, type ExportFormat } from '../types/report';
import { COUNT_LINES, type StatisticsView, type StatLines } from '../types/statistics';
import { statisticsFile, statisticsOf } from '../cloudfunctions/core/app/statistics';
import { dataDir as dataFolder, parseCli, runCli, UsageError } from './cli';
import { openUnitReader } from './local';

const FORMATS = ['text', 'json', ...EXPORT_FORMATS] as const;
type Format = (typeof FORMATS)[number];
/** xlsx and docx are bytes: written to a file, never to a terminal. */
const isFileFormat = (f: Format): f is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(f);

const USAGE = '用法:npm run stats -- --year 2024 [--month 3 | --quarter 1] [--unit 杏花营镇] [--format text|json|xlsx|docx] [--out 文件]';

interface Options {
  period: string;
  unit?: string;
  format: Format;
  out?: string;
}

function whole(arg: string | undefined, name: string, max: number): number | undefined {
  if (arg === undefined) return undefined;
  const n = Number(arg);
  if (!/^\d{1,2}$/.test(arg) || n < 1 || n > max) throw new UsageError(`${name}「${arg}」不正确:应为 1 到 ${max}`);
  return n;
}

function options(argv: string[]): Options {
  const { values } = parseCli(
    argv,
    { year: { type: 'string' }, month: { type: 'string' }, quarter: { type: 'string' }, unit: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    USAGE,
  );
  if (!values.year) throw new UsageError(`请用 --year 指定年份\n${USAGE}`);
  if (!/^\d{4}$/.test(values.year) || Number(values.year) < 1900) throw new UsageError(`年份「${values.year}」不正确:应为四位年份,如 2024`);
  if (values.month && values.quarter) throw new UsageError('--month 与 --quarter 只能选一个');
  const month = whole(values.month, '月份', 12);
  const quarter = whole(values.quarter, '季度', 4);
  const period = month ? `${values.year}-${String(month).padStart(2, '0')}` : quarter ? `${values.year}Q${quarter}` : values.year;
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format 只能是 ${FORMATS.join('、')}`);
  if (isFileFormat(format) && !values.out) throw new UsageError(`--format ${format} 须用 --out 指定文件,如 --out 统计表.${format}`);
  return { period, unit: values.unit, format, out: values.out };
}

/** One line as a filing table reads it: this period, then 同比 and 环比 with their change. */
function lineText(lines: StatLines, line: (typeof COUNT_LINES)[number]): string {
  const c = lines[line];
  const people = c.people === undefined ? '' : ` (${c.people}人)`;
  return `${c.value}${people}  同比 ${c.yoy} ${c.yoyChange}  环比 ${c.mom} ${c.momChange}`;
}

function text(view: StatisticsView, unitRef: string): string {
  const labels = [...COUNT_LINES, '成功率', '协议涉及金额'];
  const width = Math.max(...labels.map((l) => l.length));
  // Ideographic spaces: the labels are Chinese, so columns line up in a terminal.
  const label = (l: string) => l.padEnd(width, '\u3000');
  const money = view.lines.协议涉及金额;
  const out = [
    `人民调解统计报表  ${unitRef}  ${view.period.label}(${view.period.from} 至 ${view.period.to})`,
    '',
    ...COUNT_LINES.map((l) => `${label(l)}  ${lineText(view.lines, l)}`),
    `${label('成功率')}  ${view.lines.成功率.value}  同比 ${view.lines.成功率.yoy}  环比 ${view.lines.成功率.mom}`,
    `${label('协议涉及金额')}  ${money.value}(${money.yuan})  同比 ${wanText(money.yoy)} ${money.yoyChange}  环比 ${wanText(money.mom)} ${money.momChange}`,
  ];
  for (const [title, split] of [['按纠纷类型', view.byType], ['按渠道', view.byChannel], ['按来源', view.bySource]] as const) {
    out.push('', `${title}(受理 / 调解成功)`, ...Object.entries(split).map(([k, n]) => `  ${k}  ${n.受理} / ${n.调解成功}`));
  }
  if (view.rows.length) {
    out.push('', '下级单位(受理 / 调解成功 / 在办 / 成功率 / 协议涉及金额)');
    for (const r of view.rows) {
      const l = r.lines;
      out.push(`  ${r.unit}  ${l.受理.value} / ${l.调解成功.value} / ${l.在办.value} / ${l.成功率.value} / ${l.协议涉及金额.value}`);
    }
  }
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const { deps, unit, unitRef } = await openUnitReader(dataFolder(), opts.unit);
  try {
    const view = await statisticsOf(deps.store, unit, opts.period);
    if (view.lines.受理.value === 0 && view.lines.在办.value === 0) console.error(`提示:${unitRef} ${periodLabel(opts.period)}没有受理或在办的案件`);
    const body = isFileFormat(opts.format)
      ? (await statisticsFile(view, opts.format, new Date())).bytes
      : opts.format === 'json'
        ? `${JSON.stringify(view)}\n`
        : text(view, unitRef);
    if (!opts.out) {
      process.stdout.write(body);
      return;
    }
    const out = path.resolve(opts.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, body);
    console.error(`已导出 ${unitRef} ${view.period.label}统计报表:${out}`);
  } finally {
    await deps.store.close();
  }
}

runCli(main);
