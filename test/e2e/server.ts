/**
 * Where the product started by global-setup.ts is listening, shared with the tests.
 * globalSetup sets E2E_URL on process.env (seen by the test files, in band or in
 * workers); the state file is the fallback and tells globalTeardown what to stop.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServerState {
  url: string;
  pid: number;
  dataDir: string;
  log: string;
}

/** One per checkout, so runs in two clones of the project do not stop each other's server. */
const checkout = crypto.createHash('sha1').update(path.resolve(__dirname, '..', '..')).digest('hex').slice(0, 10);
export const STATE_FILE = path.join(os.tmpdir(), `fazhi-e2e-${checkout}.json`);

export function writeState(state: ServerState): void {
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

export function readState(): ServerState | undefined {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as ServerState;
  } catch {
    return undefined;
  }
}

/** The base URL of the running product, without a trailing slash. */
export function serverUrl(): string {
  const url = process.env.E2E_URL ?? readState()?.url;
  if (!url) throw new Error('E2E_URL is not set: run the browser tests with `npm run test:e2e`');
  return url.replace(/\/+$/, '');
}
