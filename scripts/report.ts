/**
 * `npm run report -- --year 2024 [--unit PATH] [--format text|json|xlsx|docx] [--out FILE]`:
 * the annual report from the embedded store at DATA_DIR (default ./data), by the same
 * domain code as the `report` function. No caller here: whoever can read the data folder
 * can read its report, so there is no role check.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { EXPORT_FORMATS, ReportYear, type AnnualReport, type ExportFormat } from '../types/report';
import { annualReportOf, reportFile } from '../cloudfunctions/core/app/annual-report';
import { dataDir as dataFolder, parseCli, runCli, UsageError } from './cli';
import { openUnitReader } from './local';

const FORMATS = ['text', 'json', ...EXPORT_FORMATS] as const;
type Format = (typeof FORMATS)[number];

const USAGE = '用法:npm run report -- --year 2024 [--unit 杏花营镇/前进村] [--format text|json|xlsx|docx] [--out 文件]';

interface Options {
  year: number;
  unit?: string;
  format: Format;
  out?: string;
}

function options(argv: string[]): Options {
  const { values } = parseCli(
    argv,
    { year: { type: 'string' }, unit: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    USAGE,
  );
  if (!values.year) throw new UsageError(`请用 --year 指定年份\n${USAGE}`);
  const year = v.safeParse(ReportYear, /^\d{4}$/.test(values.year) ? Number(values.year) : Number.NaN);
  if (!year.success) throw new UsageError(`年份「${values.year}」不正确:${year.issues[0].message}`);
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format 只能是 ${FORMATS.join('、')}`);
  if ((EXPORT_FORMATS as readonly string[]).includes(format) && !values.out) {
    throw new UsageError(`导出 ${format} 须用 --out 指定输出文件,如 --out 年度报告.${format}`);
  }
  return { year: year.output, unit: values.unit, format, out: values.out };
}

function text(report: AnnualReport, unitRef: string): string {
  const width = Math.max(...report.lines.map((l) => l.label.length));
  const lines = report.lines.map((l) => {
    const exact = l.figure.exactText !== l.figure.text ? `  (精确 ${l.figure.exactText})` : '';
    // Ideographic spaces: the labels are Chinese, so columns line up in a terminal.
    return `${l.id}  ${l.label.padEnd(width, '\u3000')}  ${l.figure.text}${exact}`;
  });
  return [`${unitRef} ${report.year}年`, '', ...lines, '', report.paragraph, ''].join('\n');
}

function json(report: AnnualReport, unitRef: string): string {
  const metrics = Object.fromEntries(report.lines.map((l) => [l.id, { value: l.figure.value, text: l.figure.text }]));
  return `${JSON.stringify({ year: report.year, unit: unitRef, metrics })}\n`;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const { deps, unit, unitRef } = await openUnitReader(dataFolder(), opts.unit);
  try {
    if (opts.format === 'text' || opts.format === 'json') {
      const report = await annualReportOf(deps.store, unit, opts.year);
      if (report.lines.every((l) => l.figure.value === 0)) console.error(`提示:${unitRef} ${opts.year}年没有任何数据`);
      process.stdout.write(opts.format === 'json' ? json(report, unitRef) : text(report, unitRef));
      return;
    }
    const file = await reportFile(deps.store, unit, opts.year, opts.format as ExportFormat, deps.now());
    const out = path.resolve(opts.out!);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, file.bytes);
    console.error(`已导出 ${unitRef} ${opts.year}年 ${opts.format}:${out}`);
  } finally {
    await deps.store.close();
  }
}

runCli(main);
