/**
 * `npm run serve`: the real local deployment, for a 司法所 or a district on its own server. The
 * same gateway as `npm start` with sign-in by phone and password (session cookies): no demo
 * users, no seed, no picker, no identity from headers. On a store nobody has joined yet it prints
 * a one-time link that makes its opener the district admin (`npm run admin -- bootstrap` makes
 * another). PORT (8080), HOST (127.0.0.1; 0.0.0.0 to serve the network, best behind an https
 * proxy), PUBLIC_URL (the address users open, for the printed link), DATA_DIR, DISTRICT_NAME.
 */
import { bootstrapLink, nobodyYet, printBootstrap } from './auth/bootstrap';
import { tidyExports } from './auth/files';
import { dataDir } from './cli';
import { createGateway } from './gateway';
import { H5_DIR } from './h5-build';
import { ensureH5Build, openLocal } from './local';

/** Where users reach this server: PUBLIC_URL, or this machine at PORT. */
export function publicUrl(): string {
  return process.env.PUBLIC_URL ?? `http://localhost:${Number(process.env.PORT ?? 8080)}`;
}

async function main(): Promise<void> {
  ensureH5Build();
  const dir = dataDir();
  const deps = openLocal(dir);
  const stopTidying = tidyExports(deps.store, deps.files, deps.now);
  const port = Number(process.env.PORT ?? 8080);
  const server = createGateway({ deps, staticDir: H5_DIR, mode: 'session' });
  const first = (await nobodyYet(deps.store)) ? await bootstrapLink(deps.store, deps.now(), publicUrl()) : undefined;
  server.listen(port, process.env.HOST ?? '127.0.0.1', () => {
    console.log(`法治台账已启动: http://localhost:${port}/  (数据目录 ${dir})`);
    if (first) printBootstrap(first);
  });
  const stop = () => {
    stopTidying();
    server.close(() => deps.store.close().then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
