/**
 * `npm run cloud -- <命令> --env <环境ID> …`: a district's CloudBase environment from a desk.
 *
 *   init                                       every collection and the indexes of INDEXES (port.ts)
 *   deploy [--dry-run]                         every function with its time limit and memory
 *   import 文件… [--rejected 未导入的行.xlsx]   the same import as `npm run import`, into CloudBase
 *   recount | check                            the same as `npm run recount [-- --check]`
 *   grant-admin --openid <OPENID> --name <姓名> the district's admin role for that WeChat user
 *
 * Keys: CLOUDBASE_SECRETID and CLOUDBASE_SECRETKEY (a Tencent Cloud API key of the account that
 * owns the environment). Every command is safe to run again: init creates only what is missing,
 * an import of the same file changes nothing, grant-admin keeps the user's other roles.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type tcb from '@cloudbase/node-sdk';
import { cloudbaseAppWithKeys, CloudbaseStore } from '../cloudfunctions/core/platform/adapters/cloudbase';
import { C, INDEXES, indexName, type Collection } from '../cloudfunctions/core/platform/port';
import { FUNCTION_NAMES } from '../types/api';
import type { Unit, User } from '../types/org';
import { FUNCTIONS_DIR, writeDeployConfig } from './build-functions';
import { parseCli, runCli, UsageError } from './cli';
import { importArgs, importFiles } from './import';
import { recountStore } from './recount';

type App = ReturnType<typeof tcb.init>;

const USAGE = `用法:npm run cloud -- <命令> --env <环境ID> …
  init                                         建立全部集合与索引
  deploy [--dry-run]                           部署全部云函数(先运行 npm run build:functions)
  import 文件… [--rejected 未导入的行.xlsx]     从本机导入台账
  recount                                      按原始记录重建全部汇总
  check                                        核对汇总与原始记录,有差异时退出码为 1
  grant-admin --openid <OPENID> --name <姓名>  授予该微信用户区管理员角色
密钥取自环境变量 CLOUDBASE_SECRETID、CLOUDBASE_SECRETKEY。`;

/** The CloudBase CLI `deploy` runs; pinned so a deploy does the same thing every time. */
export const CLOUDBASE_CLI = '@cloudbase/cli@2.12.10';

/** What creating indexes takes: the node SDK has no index API, CloudBase's management API does. */
export interface IndexAdmin {
  /** Names of the indexes a collection has. */
  existing(coll: string): Promise<string[]>;
  create(coll: string, fields: readonly string[]): Promise<void>;
}

export interface CloudDeps {
  /** The environment's SDK app; default: `tcb.init` with the environment and the keys. */
  app?: (env: string) => App;
  /** Default: @cloudbase/manager-node's database API. */
  indexes?: (env: string) => IndexAdmin;
  /** Runs a command (deploy); default: spawned with the terminal attached. Answers its exit code. */
  run?: (command: string, args: string[], cwd: string) => number;
}

function keys(): { secretId: string; secretKey: string } {
  const secretId = process.env.CLOUDBASE_SECRETID;
  const secretKey = process.env.CLOUDBASE_SECRETKEY;
  if (!secretId || !secretKey) {
    throw new UsageError('请先设置环境变量 CLOUDBASE_SECRETID 和 CLOUDBASE_SECRETKEY(腾讯云访问密钥,见 https://console.cloud.tencent.com/cam/capi)');
  }
  return { secretId, secretKey };
}

/** A desk is not a function: it signs with the account's own keys, not the platform's. */
const deskApp = (env: string): App => cloudbaseAppWithKeys({ env, ...keys() });

/** @cloudbase/manager-node's database API (a devDependency: the node SDK has no index calls). Loaded by `init` alone. */
function managerIndexes(env: string): IndexAdmin {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CloudBase = require('@cloudbase/manager-node') as new (config: { secretId: string; secretKey: string; envId: string }) => {
    database: {
      describeCollection(name: string): Promise<{ Indexes?: { Name: string }[] }>;
      updateCollection(name: string, info: unknown): Promise<unknown>;
    };
  };
  const { database } = new CloudBase({ ...keys(), envId: env });
  return {
    existing: async (coll) => ((await database.describeCollection(coll)).Indexes ?? []).map((i) => i.Name),
    create: async (coll, fields) => {
      await database.updateCollection(coll, {
        CreateIndexes: [{
          IndexName: indexName(fields),
          MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: fields.map((Name) => ({ Name, Direction: '1' })) },
        }],
      });
    },
  };
}

const codeOf = (err: unknown) => String((err as { code?: unknown })?.code ?? '');

async function init(env: string, app: App, indexAdmin: () => IndexAdmin): Promise<number> {
  const db = app.database();
  let made = 0;
  for (const name of Object.values(C)) {
    try {
      await db.createCollection(name);
      console.log(`新建集合 ${name}`);
      made += 1;
    } catch (err) {
      if (codeOf(err) !== 'DATABASE_COLLECTION_ALREADY_EXIST') throw err;
      console.log(`已有集合 ${name}`);
    }
  }
  const wanted = (Object.entries(INDEXES) as [Collection, readonly (readonly string[])[]][]).flatMap(([coll, list]) =>
    list.map((fields) => ({ coll, fields })),
  );
  console.log(`索引(共 ${wanted.length} 个):`);
  for (const { coll, fields } of wanted) console.log(`  ${coll}.${indexName(fields)}  (${fields.join(' + ')},升序)`);
  const admin = indexAdmin();
  const have = new Map<string, string[]>();
  for (const { coll, fields } of wanted) {
    if (!have.has(coll)) have.set(coll, await admin.existing(coll));
    if (have.get(coll)!.includes(indexName(fields))) continue;
    await admin.create(coll, fields);
    console.log(`新建索引 ${coll}.${indexName(fields)}`);
    made += 1;
  }
  console.log(made ? `环境 ${env} 已就绪:新建 ${made} 项,其余原已存在。` : `环境 ${env} 已就绪:集合与索引都已存在,未作改动。`);
  return 0;
}

function deploy(env: string, dryRun: boolean, run: NonNullable<CloudDeps['run']>): number {
  const missing = FUNCTION_NAMES.filter((n) => !fs.existsSync(path.join(FUNCTIONS_DIR, n, 'index.js')));
  if (missing.length) throw new UsageError(`缺少云函数打包结果(${missing.join('、')}):请先运行 npm run build:functions`);
  const config = writeDeployConfig(env);
  console.log(`已写入 ${path.relative(process.cwd(), config)}(${FUNCTION_NAMES.length} 个云函数,环境 ${env})`);
  const steps: [string, string[]][] = [];
  if (!dryRun || process.env.CLOUDBASE_SECRETID) {
    const { secretId, secretKey } = keys();
    steps.push(['npx', ['--yes', CLOUDBASE_CLI, 'login', '--apiKeyId', secretId, '--apiKey', secretKey]]);
  }
  steps.push(['npx', ['--yes', CLOUDBASE_CLI, 'fn', 'deploy', '--all', '--force', '-e', env]]);
  for (const [command, args] of steps) {
    const secret = process.env.CLOUDBASE_SECRETKEY;
    const shown = [command, ...args].map((a) => (secret && a === secret ? '******' : a)).join(' ');
    console.log(`${dryRun ? '将运行' : '运行'}(在 ${path.relative(process.cwd(), FUNCTIONS_DIR) || '.'} 中):${shown}`);
    if (dryRun) continue;
    const status = run(command, args, FUNCTIONS_DIR);
    if (status !== 0) {
      console.error(`部署失败(退出码 ${status})`);
      return status || 1;
    }
  }
  return 0;
}

const OPENID = /^[A-Za-z0-9_-]{6,64}$/;

/** The district's admin role for an OPENID: its user document created, or the role added to it. */
async function grantAdmin(app: App, openid: string | undefined, name: string | undefined): Promise<number> {
  if (!openid || !OPENID.test(openid)) throw new UsageError(`请用 --openid 给出该用户的 OPENID(6–64 位字母、数字、_ 或 -)\n${USAGE}`);
  const trimmed = name?.trim() ?? '';
  if (!trimmed || [...trimmed].length > 30) throw new UsageError('请用 --name 给出该用户的姓名(1–30 个字)');
  const store = new CloudbaseStore(app.database());
  const [district, ...others] = await store.find<Unit>(C.units, { parentId: null });
  if (!district) throw new UsageError('该环境还没有单位:请先导入含「单位」表的台账(npm run cloud -- import …)');
  if (others.length) throw new UsageError(`该环境有 ${others.length + 1} 个顶级单位,无法确定区`);
  const user = await store.transaction(async (tx) => {
    const current = await tx.get<User>(C.users, openid);
    const roles = current?.roles ?? [];
    const has = roles.some((r) => r.role === 'admin' && r.unitId === district._id);
    const next: User = { _id: openid, name: trimmed, roles: has ? roles : [...roles, { role: 'admin', unitId: district._id }] };
    await tx.set(C.users, next);
    return next;
  });
  console.log(`已授予 ${user.name}(${openid})${district.name}管理员角色;其全部角色:${user.roles.map((r) => `${r.role}@${r.unitId}`).join('、')}`);
  return 0;
}

/** Runs one command line; answers the exit code. */
export async function main(argv: string[], deps: CloudDeps = {}): Promise<number> {
  const [command, ...rest] = argv;
  const envOption = { env: { type: 'string' } } as const;
  const envOf = (value: unknown): string => {
    if (typeof value !== 'string' || !/^[A-Za-z0-9-]{2,64}$/.test(value)) throw new UsageError(`请用 --env 给出云开发环境 ID\n${USAGE}`);
    return value;
  };
  const appOf = deps.app ?? deskApp;
  switch (command) {
    case 'init': {
      const { values } = parseCli(rest, envOption, USAGE);
      const env = envOf(values.env);
      return init(env, appOf(env), () => (deps.indexes ?? managerIndexes)(env));
    }
    case 'deploy': {
      const { values } = parseCli(rest, { ...envOption, 'dry-run': { type: 'boolean' } }, USAGE);
      const run = deps.run ?? ((cmd, args, cwd) => spawnSync(cmd, args, { cwd, stdio: 'inherit' }).status ?? 1);
      return deploy(envOf(values.env), !!values['dry-run'], run);
    }
    case 'import': {
      const { files, rejected, values } = importArgs(rest, USAGE, envOption);
      const env = envOf(values.env);
      await importFiles(files, rejected, () => ({ store: new CloudbaseStore(appOf(env).database()), now: () => new Date(), where: `云开发环境 ${env}` }));
      return 0;
    }
    case 'recount':
    case 'check': {
      const { values } = parseCli(rest, envOption, USAGE);
      const differences = await recountStore(new CloudbaseStore(appOf(envOf(values.env)).database()), command === 'check');
      return command === 'check' && differences ? 1 : 0;
    }
    case 'grant-admin': {
      const { values } = parseCli(rest, { ...envOption, openid: { type: 'string' }, name: { type: 'string' } }, USAGE);
      return grantAdmin(appOf(envOf(values.env)), values.openid, values.name);
    }
    default:
      throw new UsageError(command ? `不支持的命令 ${command}\n${USAGE}` : USAGE);
  }
}

if (require.main === module) {
  runCli(async () => {
    process.exitCode = await main(process.argv.slice(2));
  });
}
