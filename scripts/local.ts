/** The product on one machine: embedded store and files under one data folder, the H5 build it serves. */
import path from 'node:path';
import { openEmbedded } from '../cloudfunctions/core/platform/adapters/embedded';
import { LocalFileStore } from '../cloudfunctions/core/platform/adapters/files-local';
import type { Deps } from '../cloudfunctions/core/platform/runtime';
import { buildH5, h5BuildState } from './h5-build';

export interface LocalDeps extends Deps {
  files: LocalFileStore;
  dataDir: string;
}

export function openLocal(dataDir: string): LocalDeps {
  return {
    store: openEmbedded(dataDir),
    files: new LocalFileStore(path.join(dataDir, 'files')),
    now: () => new Date(),
    dataDir,
  };
}

/** Builds the H5 app when it is missing or older than its sources (SKIP_H5_BUILD=1: serve what is there). */
export function ensureH5Build(): void {
  if (process.env.SKIP_H5_BUILD === '1') return;
  const state = h5BuildState();
  if (state === 'fresh') return;
  console.log(state === 'stale' ? 'H5 构建已过期,正在重新构建…' : '首次启动:正在构建 H5(约 30 秒)…');
  if (!buildH5({ ...process.env, NODE_ENV: 'production' })) throw new Error('H5 构建失败');
}
