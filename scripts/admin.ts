/**
 * `npm run admin -- bootstrap`: a fresh one-time link that makes its opener a district admin of
 * the `npm run serve` deployment in DATA_DIR (when the first link was lost or has expired). It may
 * run while the server does.
 */
import { bootstrapLink, printBootstrap } from './auth/bootstrap';
import { dataDir, parseCli, runCli, UsageError } from './cli';
import { openLocal } from './local';
import { publicUrl } from './serve';

const USAGE = '用法:npm run admin -- bootstrap    生成一个一次性链接,打开者成为区管理员(24 小时内有效)';

runCli(async () => {
  const { positionals } = parseCli(process.argv.slice(2), {}, USAGE, true);
  if (positionals.length !== 1 || positionals[0] !== 'bootstrap') throw new UsageError(USAGE);
  const deps = openLocal(dataDir());
  try {
    printBootstrap(await bootstrapLink(deps.store, deps.now(), publicUrl()));
  } finally {
    await deps.store.close();
  }
});
