/** The product on one machine: embedded store and files under one data folder, the H5 build it serves. */
import fs from 'node:fs';
import path from 'node:path';
import type { Unit } from '../types/org';
import { unitNames, unitResolver } from '../cloudfunctions/core/domain/units';
import { C } from '../cloudfunctions/core/platform/port';
import { openEmbedded } from '../cloudfunctions/core/platform/adapters/embedded';
import { LocalFileStore } from '../cloudfunctions/core/platform/adapters/files-local';
import type { Deps } from '../cloudfunctions/core/platform/runtime';
import { UsageError } from './cli';
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

/**
 * For the reading CLIs (report, stats): the data folder's store and the unit `--unit` names
 * (default the district), with its path from the district, which `--unit` accepts back.
 * Refuses a missing or empty folder rather than creating a database in it.
 */
export async function openUnitReader(dataDir: string, unitArg: string | undefined): Promise<{ deps: LocalDeps; unit: Unit; unitRef: string }> {
  const empty = new UsageError(`数据目录 ${dataDir} 中没有数据:请先运行 npm start 写入演示数据,或导入台账`);
  if (!fs.existsSync(dataDir)) throw new UsageError(`数据目录 ${dataDir} 不存在:请先运行 npm start 或设置 DATA_DIR`);
  if (!fs.readdirSync(dataDir).length) throw empty;
  const deps = openLocal(dataDir);
  try {
    const units = await deps.store.find<Unit>(C.units, {}, { sort: { _id: 1 } });
    if (!units.length) throw empty;
    const unit = unitArg ? unitResolver(units)(unitArg) : units.find((u) => u.parentId === null);
    if (!unit) throw new UsageError('组织架构中没有区级单位:请用 --unit 指定单位');
    return { deps, unit, unitRef: unitNames(unit, new Map(units.map((u) => [u._id, u]))).join('/') };
  } catch (err) {
    await deps.store.close();
    throw err;
  }
}

/** Builds the H5 app when it is missing or older than its sources (SKIP_H5_BUILD=1: serve what is there). */
export function ensureH5Build(): void {
  if (process.env.SKIP_H5_BUILD === '1') return;
  const state = h5BuildState();
  if (state === 'fresh') return;
  console.log(state === 'stale' ? 'H5 构建已过期,正在重新构建…' : '首次启动:正在构建 H5(约 30 秒)…');
  if (!buildH5({ ...process.env, NODE_ENV: 'production' })) throw new Error('H5 构建失败');
}
