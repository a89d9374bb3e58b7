/**
 * `npm start`: builds the H5 app if it is missing or older than its sources, opens the
 * embedded store in DATA_DIR (seeding the demo district when empty) and serves it all.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isEmpty, seedDemo } from './demo';
import { createGateway } from './gateway';
import { openLocal } from './local';

const root = path.resolve(__dirname, '..');
const h5Dir = path.join(root, 'dist', 'h5');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function ensureH5Build(): void {
  const index = path.join(h5Dir, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(...['src', 'types', 'config'].map((d) => newestMtime(path.join(root, d))));
  if (built > sources) return;
  console.log(built ? 'H5 构建已过期,正在重新构建…' : '首次启动:正在构建 H5(约 30 秒)…');
  const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('H5 构建失败');
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
  const server = createGateway({ deps, staticDir: h5Dir });
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
