/** The product on one machine: embedded store and files under one data folder. */
import path from 'node:path';
import { openEmbedded } from '../cloudfunctions/core/platform/adapters/embedded';
import { LocalFileStore } from '../cloudfunctions/core/platform/adapters/files-local';
import type { Deps } from '../cloudfunctions/core/platform/runtime';

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
