/**
 * `npm run serve` as a district starts it, for the browser tests of serve mode: its own server
 * (scripts/serve.ts) on a free port over an empty DATA_DIR, beside the demo server
 * global-setup.ts started, and the one-time link it prints that makes its opener the district admin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export interface ServeServer {
  url: string;
  /** The bootstrap link npm run serve printed. */
  link: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `npm run serve` and waits for its link (the h5 build is the demo server's). */
export async function startServe(): Promise<ServeServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-e2e-serve-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, SKIP_H5_BUILD: '1', DISTRICT_NAME: '测试区' };
  delete env.NODE_ENV;
  let output = '';
  const child: ChildProcess = spawn('npx', ['tsx', 'scripts/serve.ts'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const started = Date.now();
  while (!/#\/pages\/join\/index\?code=\w+/.test(output)) {
    if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`npm run serve did not print its link:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://localhost:${port}`,
    link: /(http\S+#\/pages\/join\/index\?code=\w+)/.exec(output)![1],
    stop() {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
