/**
 * A gateway on a random port over a temp DATA_DIR holding the demo tree and users (no cases),
 * its clock in the test's hands, and a small HTTP client that keeps one browser's cookies.
 */
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Accounts } from '../../scripts/auth/routes';
import { seedDemo } from '../../scripts/demo';
import { createGateway } from '../../scripts/gateway';
import type { AuthMode } from '../../scripts/auth/identity';
import { openLocal, type LocalDeps } from '../../scripts/local';

// Cheap hashes: the tests sign in dozens of times; the cost itself is scrypt's.
process.env.FAZHI_SCRYPT_N ??= '1024';

export interface TestGateway {
  deps: LocalDeps;
  url: string;
  /** The gateway's clock: set it to move time. */
  clock: { now: Date };
  close(): Promise<void>;
}

export async function startGateway(mode: AuthMode, accounts?: Accounts): Promise<TestGateway> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-gateway-'));
  const clock = { now: new Date('2025-03-01T02:00:00Z') };
  const deps = { ...openLocal(dataDir), now: () => clock.now };
  await seedDemo(deps, 0);
  const server: http.Server = createGateway({ deps, mode, ...(accounts ? { accounts } : {}) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    deps,
    url,
    clock,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await deps.store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  body: { ok: boolean; data?: unknown; error?: { code: string; message: string } };
  setCookie: string[];
  bytes: Buffer;
}

/** One browser: sends back the cookies it was given (name=value only, as a browser does). */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(method: string, urlPath: string, opts: { json?: unknown; bytes?: Uint8Array; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (opts.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${urlPath}`, {
      method,
      headers,
      body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.bytes,
    });
    const setCookie = res.headers.getSetCookie();
    for (const c of setCookie) {
      const [pair, ...attrs] = c.split(';');
      const [name, ...value] = pair.split('=');
      if (attrs.some((a) => /max-age=0$/i.test(a.trim()))) this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    let body: Answer['body'];
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      body = { ok: res.ok };
    }
    return { status: res.status, body, setCookie, bytes };
  }

  fn(name: string, action: string, payload?: unknown, headers?: Record<string, string>) {
    return this.request('POST', `/fn/${name}`, { json: { action, payload }, headers });
  }

  signIn(phone: string, password: string) {
    return this.request('POST', '/auth/sign-in', { json: { phone, password } });
  }
}
