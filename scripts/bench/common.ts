/** Shared by the bench sections: the section shape, timing figures and a local gateway. */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ApiResult, FunctionName } from '../../types/api';
import type { Store } from '../../cloudfunctions/core/platform/port';
import { seedDemo } from '../demo';
import { createGateway } from '../gateway';
import { openLocal, type LocalDeps } from '../local';

export interface BenchSection {
  /** What `npm run bench -- <name>` selects. */
  name: string;
  title: string;
  /** False for long sections that run only when named. Default true. */
  byDefault?: boolean;
  run(): Promise<void>;
}

export const root = path.resolve(__dirname, '..', '..');

/** Nearest-rank percentile of already sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** "p50 1.23 ms  p95 …" for a list of durations in ms. */
export function latencyLine(ms: number[], ps: number[] = [50, 95, 99]): string {
  const s = [...ms].sort((a, b) => a - b);
  const parts = ps.map((p) => `p${p} ${percentile(s, p).toFixed(2)} ms`);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return `${parts.join('  ')}  (mean ${mean.toFixed(2)}, max ${s[s.length - 1].toFixed(2)}, n=${s.length})`;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export interface BenchGateway {
  store: Store;
  deps: LocalDeps;
  dataDir: string;
  /** Where it listens, for a client of its own (gw.call keeps one socket). */
  port: number;
  /** POSTs `{ action, payload }` to /fn/<fn> as `user`; resolves with the parsed answer. */
  call<T = unknown>(fn: FunctionName, action: string, payload: unknown, user?: string): Promise<ApiResult<T>>;
  close(): Promise<void>;
}

/**
 * The local gateway on an ephemeral 127.0.0.1 port over a fresh embedded store in a
 * temporary folder, seeded with the demo district and `cases` demo disputes.
 * One keep-alive socket, so sequential calls measure one client's latency.
 */
export async function startGateway(cases: number): Promise<BenchGateway> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-'));
  const deps = openLocal(dataDir);
  const { store } = deps;
  await seedDemo(deps, cases);
  const server = createGateway({ deps });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  function call<T>(fn: FunctionName, action: string, payload: unknown, user = 'demo-mediator'): Promise<ApiResult<T>> {
    const body = JSON.stringify({ action, payload });
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: `/fn/${fn}`,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-demo-user': user,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ApiResult<T>);
            } catch (err) {
              reject(err);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  async function close(): Promise<void> {
    agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  return { store, deps, dataDir, port, call, close };
}

/** The data of an ok answer; a refusal is a bench failure (the figures would be meaningless). */
export function dataOf<T>(res: ApiResult<T>, what: string): T {
  if (!res.ok) throw new Error(`${what}: ${res.error.code} ${res.error.message}`);
  return res.data;
}
