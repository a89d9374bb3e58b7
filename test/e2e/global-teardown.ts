/** Stops the product global-setup.ts started (its whole process group) and removes its data. */
import fs from 'node:fs';
import { readState, STATE_FILE } from './server';

function alive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function globalTeardown(): Promise<void> {
  const state = readState();
  if (!state) return;
  if (alive(state.pid)) {
    process.kill(-state.pid, 'SIGTERM');
    const deadline = Date.now() + 5_000;
    while (alive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(state.pid)) process.kill(-state.pid, 'SIGKILL');
  }
  if (process.env.E2E_KEEP_DATA !== '1') fs.rmSync(state.dataDir, { recursive: true, force: true });
  fs.rmSync(STATE_FILE, { force: true });
  delete process.env.E2E_URL;
}
