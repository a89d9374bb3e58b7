/**
 * `npm start`: builds the H5 app if it is missing or older than its sources, opens the
 * embedded store in DATA_DIR (seeding the demo district when empty) and serves it all.
 */
import path from 'node:path';
import { isEmpty, seedDemo } from './demo';
import { createGateway } from './gateway';
import { buildH5, H5_DIR, h5BuildState } from './h5-build';
import { openLocal } from './local';

const root = path.resolve(__dirname, '..');

function ensureH5Build(): void {
  const state = h5BuildState();
  if (state === 'fresh') return;
  console.log(state === 'stale' ? 'H5 构建已过期,正在重新构建…' : '首次启动:正在构建 H5(约 30 秒)…');
  if (!buildH5({ ...process.env, NODE_ENV: 'production' })) throw new Error('H5 构建失败');
}

async function main(): Promise<void> {
  if (process.env.SKIP_H5_BUILD !== '1') ensureH5Build();
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, 'data'));
  const deps = openLocal(dataDir);
  if (await isEmpty(deps.store)) {
    console.log('数据目录为空:正在写入示范区演示数据…');
    await seedDemo(deps);
  }
  const port = Number(process.env.PORT ?? 8080);
  const server = createGateway({ deps, staticDir: H5_DIR });
  server.listen(port, '127.0.0.1', () => {
    console.log(`法治台账已启动: http://localhost:${port}/  (数据目录 ${dataDir})`);
  });
  const stop = () => server.close(() => deps.store.close().then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
