/** The H5 build `npm start` serves and the browser tests drive: whether it is up to date, and building it. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
export const H5_DIR = path.join(root, 'dist', 'h5');
const INDEX = path.join(H5_DIR, 'index.html');

function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** No build; one older than src/, types/ or config/; or one built since they last changed. */
export function h5BuildState(): 'missing' | 'stale' | 'fresh' {
  if (!fs.existsSync(INDEX)) return 'missing';
  const sources = Math.max(...['src', 'types', 'config'].map((d) => newestMtime(path.join(root, d))));
  return fs.statSync(INDEX).mtimeMs > sources ? 'fresh' : 'stale';
}

/** `taro build --type h5`, its output on this terminal; answers whether it succeeded. */
export function buildH5(env: NodeJS.ProcessEnv): boolean {
  return spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: 'inherit', env }).status === 0;
}
