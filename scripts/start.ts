/**
 * `npm start`: the demo. Builds the H5 app if it is missing or older than its sources, opens the
 * embedded store in DATA_DIR (seeding the demo district when empty) and serves it all, signing in
 * by the demo user picker. `npm run serve` (serve.ts) is the same without the demo.
 */
import { dataDir } from './cli';
import { tidyExports } from './auth/files';
import { isEmpty, seedDemo } from './demo';
import { createGateway } from './gateway';
import { H5_DIR } from './h5-build';
import { ensureH5Build, openLocal } from './local';

async function main(): Promise<void> {
  ensureH5Build();
  const dir = dataDir();
  const deps = openLocal(dir);
  if (await isEmpty(deps.store)) {
    console.log('数据目录为空:正在写入示范区演示数据…');
    await seedDemo(deps);
  }
  const stopTidying = tidyExports(deps.store, deps.files, deps.now);
  const port = Number(process.env.PORT ?? 8080);
  const server = createGateway({ deps, staticDir: H5_DIR, mode: 'demo' });
  server.listen(port, '127.0.0.1', () => {
    console.log(`法治台账(演示模式)已启动: http://localhost:${port}/  (数据目录 ${dir})`);
  });
  const stop = () => {
    stopTidying();
    server.close(() => deps.store.close().then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
