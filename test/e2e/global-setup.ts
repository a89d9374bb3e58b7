/**
 * Starts the product the way a user does (`npm start` → scripts/start.ts) against a
 * fresh data directory, after building the H5 app if there is no build at all.
 * A stale build is only reported: set E2E_REBUILD=1 to rebuild it first.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildH5, h5BuildState } from '../../scripts/h5-build';
import { writeState } from './server';

const root = path.resolve(__dirname, '..', '..');
const START_TIMEOUT_MS = 180_000;

/** The environment a user's shell would give: no NODE_ENV=test from jest. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_ENV;
  return env;
}

function ensureH5Build(): void {
  const state = h5BuildState();
  if (state !== 'missing' && process.env.E2E_REBUILD !== '1') {
    if (state === 'stale') {
      console.warn('\n[e2e] dist/h5 is older than src/, types/ or config/: testing the existing build (E2E_REBUILD=1 rebuilds).');
    }
    return;
  }
  console.log(`\n[e2e] ${state === 'missing' ? 'no dist/h5/index.html' : 'E2E_REBUILD=1'}: building H5 (about 30 s)…`);
  if (!buildH5(userEnv())) throw new Error('taro build --type h5 failed');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export default async function globalSetup(): Promise<void> {
  ensureH5Build();

  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-e2e-data-'));
  const logDir = path.join(root, 'test-results');
  fs.mkdirSync(logDir, { recursive: true });
  const log = path.join(logDir, 'e2e-server.log');
  const out = fs.openSync(log, 'w');

  // Own process group (detached), so teardown can stop npx, tsx and node together.
  const child = spawn('npx', ['tsx', 'scripts/start.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', out, out],
    env: userEnv({ PORT: String(port), DATA_DIR: dataDir, SKIP_H5_BUILD: '1' }),
  });
  fs.closeSync(out);
  child.unref();
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `exit ${code ?? signal}`;
  });

  const expected = `http://localhost:${port}`;
  const started = Date.now();
  for (;;) {
    const text = fs.readFileSync(log, 'utf8');
    if (text.includes(expected)) break;
    const failure = exited
      ? `scripts/start.ts stopped (${exited}) before listening`
      : Date.now() - started > START_TIMEOUT_MS
        ? `scripts/start.ts did not print ${expected} within ${START_TIMEOUT_MS / 1000} s`
        : undefined;
    if (failure) {
      if (!exited && child.pid) process.kill(-child.pid, 'SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`${failure}. Its output (${log}):\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const url = expected;
  process.env.E2E_URL = url;
  writeState({ url, pid: child.pid!, dataDir, log });
  console.log(`[e2e] product started at ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s (data ${dataDir}, log ${log})`);
}
