/**
 * `npm run import -- FILE [FILE…] [--rejected 未导入的行.xlsx]`: imports a ledger (an .xlsx, or
 * CSVs named after their sheets, in any order) into the embedded store at DATA_DIR (default
 * ./data), by the same code as the `import` function. An empty DATA_DIR gets its tree from the
 * 单位 sheet; no demo data is ever added. Whoever can write the data folder may import, so
 * there is no role check; the audit trail names the command line as the importer.
 *
 * Exit code 0 when it ran, rejected rows or not; 1 when it could not run, and says why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openLedger } from '../cloudfunctions/core/ledger-files';
import { importLedger, rejectedSheets, type ImportOutcome } from '../cloudfunctions/core/ledger-import';
import type { User } from '../types/org';
import { dataDir, parseCli, runCli, UsageError } from './cli';
import { openLocal } from './local';

const USAGE = '用法:npm run import -- 文件.xlsx 或 单位.csv 矛盾纠纷.csv … [--rejected 未导入的行.xlsx]';

const IMPORTER: User = { _id: 'cli-import', name: '台账导入(命令行)', roles: [] };

/** Columns as a terminal shows them: a Chinese character is two columns wide. */
const widthOf = (s: string) => [...s].reduce((n, c) => n + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - widthOf(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - widthOf(s))) + s;

function summary(outcome: ImportOutcome): string {
  const head = ['工作表', '新增', '更新', '未变', '拒绝'];
  const rows = outcome.sheets.map((s) => [s.sheet, s.created, s.updated, s.unchanged, s.rejected].map(String));
  const line = (r: string[]) => `${padEnd(r[0], 10)}${r.slice(1).map((c) => padStart(c, 9)).join('')}`;
  const out = [line(head), ...rows.map(line)];
  if (outcome.peopleAdded) out.push(`签到中新加入名册 ${outcome.peopleAdded} 人`);
  if (outcome.rejected.length) {
    out.push('', `未导入的行(共 ${outcome.rejected.length} 行):`);
    for (const r of outcome.rejected) out.push(`${r.sheet} 第${r.row}行 ${r.column}:${r.reason}`);
  }
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseCli(process.argv.slice(2), { rejected: { type: 'string' } }, USAGE, true);
  if (!positionals.length) throw new UsageError(`请指定要导入的文件\n${USAGE}`);
  if (values.rejected && !values.rejected.endsWith('.xlsx')) throw new UsageError('--rejected 的文件名须以 .xlsx 结尾');
  // Every file is opened and checked before the store is: a file that cannot be read leaves DATA_DIR untouched.
  const ledger = await openLedger(positionals.map((f) => ({ name: path.basename(f), path: path.resolve(f) })));
  const dir = dataDir();
  const deps = openLocal(dir);
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  try {
    for (const w of ledger.warnings) console.error(`提示:${w}`);
    console.error(`正在导入到 ${dir} …`);
    const outcome = await importLedger(deps.store, ledger, {
      by: IMPORTER,
      mayWrite: () => true,
      mayEditTree: () => true,
      now: deps.now,
      onProgress: ({ sheet, done, total }) => {
        if (done) console.error(`  ${sheet}:已处理 ${done}${total === undefined ? '' : ` / ${total}`} 行(${seconds()} 秒)`);
      },
    });
    process.stdout.write(`导入完成,用时 ${seconds()} 秒\n${summary(outcome)}`);
    if (values.rejected && outcome.rejected.length) {
      const out = path.resolve(values.rejected);
      const { workbookBytes } = await import('../cloudfunctions/core/workbook-write');
      fs.writeFileSync(out, await workbookBytes(rejectedSheets(outcome.rejected)));
      console.error(`未导入的行已写入 ${out}:改正后可再次导入`);
    }
  } finally {
    await ledger.close();
    await deps.store.close();
  }
}

runCli(main);
