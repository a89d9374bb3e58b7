/**
 * `npm run recount -- [--check]` on the embedded store in DATA_DIR (default ./data):
 * rebuilds every rollup and coverage count from the raw records. With --check it only
 * compares, names each difference, and exits 1 if there is any. `npm run cloud -- recount|check`
 * does the same on a CloudBase environment (scripts/cloud.ts).
 */
import path from 'node:path';
import type { Store } from '../cloudfunctions/core/platform/port';
import { recount } from '../cloudfunctions/core/app/recount';
import { openLocal } from './local';

/**
 * Recounts `store` (or with `checkOnly` only compares), printing what it found; answers how
 * many differences there were.
 */
export async function recountStore(store: Store, checkOnly: boolean): Promise<number> {
  const started = Date.now();
  const r = await recount(store, !checkOnly);
  console.log(`已核对 ${r.records} 条记录、${r.rollupDocs} 个汇总文档、${r.coverageDocs} 个覆盖人数计数(${Date.now() - started} ms)`);
  if (!r.differences.length) {
    console.log('汇总与原始记录一致。');
    return 0;
  }
  console.log(`发现 ${r.differences.length} 处不一致${r.written ? ',已按原始记录重建' : ''}:`);
  for (const d of r.differences.slice(0, 50)) console.log(`  ${d.coll} ${d.id} ${d.key}: 存储 ${d.stored} ≠ 重算 ${d.recounted}`);
  return r.differences.length;
}

async function main(): Promise<void> {
  const checkOnly = process.argv.includes('--check');
  const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
  const { store } = openLocal(dataDir);
  try {
    if ((await recountStore(store, checkOnly)) && checkOnly) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  });
}
