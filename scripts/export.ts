/**
 * `npm run export -- --year 2024 [--unit 杏花营镇] --out 台账.xlsx`: a unit's ledger for a year
 * (the district's by default) in the import format, from the embedded store at DATA_DIR.
 * Importing it into an empty store gives the same report. No role check, as for `npm run report`.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { ledgerSheets } from '../cloudfunctions/core/app/export-ledger';
import { writeWorkbook } from '../cloudfunctions/core/files/workbook-write';
import { unitNames, unitResolver } from '../cloudfunctions/core/domain/units';
import { C } from '../cloudfunctions/core/platform/port';
import type { Unit } from '../types/org';
import { ReportYear } from '../types/report';
import { dataDir, parseCli, runCli, UsageError } from './cli';
import { openLocal } from './local';

const USAGE = '用法:npm run export -- --year 2024 [--unit 杏花营镇/前进村] --out 台账.xlsx';

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), { year: { type: 'string' }, unit: { type: 'string' }, out: { type: 'string' } }, USAGE);
  if (!values.year) throw new UsageError(`请用 --year 指定年份\n${USAGE}`);
  const year = v.safeParse(ReportYear, /^\d{4}$/.test(values.year) ? Number(values.year) : Number.NaN);
  if (!year.success) throw new UsageError(`年份「${values.year}」不正确:${year.issues[0].message}`);
  if (!values.out) throw new UsageError(`请用 --out 指定输出文件\n${USAGE}`);
  if (!values.out.endsWith('.xlsx')) throw new UsageError('--out 的文件名须以 .xlsx 结尾');

  const dir = dataDir();
  // Opening an empty folder would create a database in it: an export only reads.
  if (!fs.existsSync(dir) || !fs.readdirSync(dir).length) throw new UsageError(`数据目录 ${dir} 中没有数据:请先导入台账或运行 npm start`);
  const deps = openLocal(dir);
  try {
    const units = await deps.store.find<Unit>(C.units, {});
    const unit = values.unit ? unitResolver(units)(values.unit) : units.find((u) => u.parentId === null);
    if (!unit) throw new UsageError('组织架构中没有区级单位:请用 --unit 指定单位');
    const counts: Record<string, number> = {};
    const out = path.resolve(values.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    // Written aside and renamed: a failed export never leaves half a file under the name asked for.
    await writeWorkbook({ filename: `${out}.tmp` }, await ledgerSheets(deps.store, unit, year.output, counts));
    fs.renameSync(`${out}.tmp`, out);
    const rows = Object.entries(counts).map(([sheet, n]) => `${sheet} ${n} 行`).join('、');
    const unitRef = unitNames(unit, new Map(units.map((u) => [u._id, u]))).join('/');
    console.error(`已导出 ${unitRef} ${year.output}年台账(${rows}):${out}`);
  } finally {
    await deps.store.close();
  }
}

runCli(main);
