/**
 * `npm run import -- FILE [FILE…] [--rejected 未导入的行.xlsx]`: imports a ledger (an .xlsx, or
 * CSVs named after their sheets, in any order) into the embedded store at DATA_DIR (default
 * ./data), by the same code as the `import` function. An empty DATA_DIR gets its tree from the
 * 单位 sheet; no demo data is ever added. Whoever can write the data folder may import, so
 * there is no role check; the audit trail names the command line as the importer.
 *
 * Exit code 0 when it ran, rejected rows or not; 1 when it could not run, and says why, or stopped
 * midway (the summary says what was written; running it again finishes the rest).
 * `npm run cloud -- import` runs the same import into a CloudBase environment (scripts/cloud.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { openLedger } from '../cloudfunctions/core/files/ledger-read';
import { importLedger, rejectedSheets, unlistedNote, type ImportOutcome } from '../cloudfunctions/core/app/import-ledger';
import { C, type Store } from '../cloudfunctions/core/platform/port';
import type { Unit, User } from '../types/org';
import { dataDir, parseCli, runCli, UsageError, type ParseArgsOptions } from './cli';
import { openLocal } from './local';

const USAGE = '用法:npm run import -- 文件.xlsx 或 单位.csv 矛盾纠纷.csv … [--rejected 未导入的行.xlsx]';

/**
 * The command line's importer, as admin of the district when there is one: its 单位 rows rename
 * and move units through the 组织架构 rules (app/tree.ts), which check an admin's reach.
 */
async function importer(store: Store): Promise<User> {
  const [district] = await store.find<Unit>(C.units, { parentId: null }, { limit: 1 });
  return { _id: 'cli-import', name: '台账导入(命令行)', roles: district ? [{ role: 'admin', unitId: district._id }] : [] };
}

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
    out.push('', `未导入的行(共 ${outcome.rejected.length + outcome.unlisted} 行):`);
    for (const r of outcome.rejected) out.push(`${r.sheet} 第${r.row}行 ${r.column}:${r.reason}`);
    if (outcome.unlisted) out.push(unlistedNote(outcome.unlisted));
  }
  if (outcome.stopped) out.push('', outcome.stopped);
  return `${out.join('\n')}\n`;
}

/** Where an import writes: a store, its clock, and the place named in the progress line. */
export interface ImportTarget {
  store: Store;
  now: () => Date;
  where: string;
}

/** The file arguments and --rejected, checked: the part of the command line every import CLI shares. */
export function importArgs(argv: string[], usage: string, options: ParseArgsOptions = {}) {
  const { values, positionals } = parseCli(argv, { ...options, rejected: { type: 'string' } }, usage, true);
  if (!positionals.length) throw new UsageError(`请指定要导入的文件\n${usage}`);
  const rejected = values.rejected as string | undefined;
  if (rejected && !rejected.endsWith('.xlsx')) throw new UsageError('--rejected 的文件名须以 .xlsx 结尾');
  // The caller's own options, by name (parseArgs types only the literal set it was given).
  return { files: positionals, rejected, values: values as Record<string, unknown> };
}

/**
 * Imports ledger files into the store `open` opens, printing progress and the summary. Every
 * file is opened and checked before the store is: a file that cannot be read leaves it untouched.
 */
export async function importFiles(files: string[], rejected: string | undefined, open: () => ImportTarget): Promise<void> {
  const ledger = await openLedger(files.map((f) => ({ name: path.basename(f), path: path.resolve(f) })));
  const target = open();
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  try {
    for (const w of ledger.warnings) console.error(`提示:${w}`);
    console.error(`正在导入到 ${target.where} …`);
    const outcome = await importLedger(target.store, ledger, {
      by: await importer(target.store),
      mayWrite: () => true,
      mayEditTree: () => true,
      mayEditAppRecord: () => true,
      now: target.now,
      onProgress: ({ sheet, done, total }) => {
        if (done) console.error(`  ${sheet}:已处理 ${done}${total === undefined ? '' : ` / ${total}`} 行(${seconds()} 秒)`);
      },
    });
    process.stdout.write(`${outcome.stopped ? '导入中断' : '导入完成'},用时 ${seconds()} 秒\n${summary(outcome)}`);
    if (outcome.stopped) process.exitCode = 1;
    if (rejected && outcome.rejected.length) {
      const out = path.resolve(rejected);
      const { workbookBytes } = await import('../cloudfunctions/core/files/workbook-write');
      fs.writeFileSync(out, await workbookBytes(rejectedSheets(outcome)));
      console.error(`未导入的行已写入 ${out}:改正后可再次导入`);
    }
  } finally {
    await ledger.close();
    await target.store.close();
  }
}

async function main(): Promise<void> {
  const { files, rejected } = importArgs(process.argv.slice(2), USAGE);
  const dir = dataDir();
  await importFiles(files, rejected, () => ({ ...openLocal(dir), where: dir }));
}

if (require.main === module) runCli(main);
