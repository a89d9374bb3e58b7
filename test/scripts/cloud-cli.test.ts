/**
 * `npm run cloud -- …` against the CloudBase stand-in, in this process (the real SDK, its
 * database requests answered by test/cloudbase/standin.ts): init on an empty environment and
 * again (nothing changes), an import of a small ledger from the desk, check = 0 differences,
 * recount repairing a damaged rollup, grant-admin then `me.whoami` as that OPENID, and deploy's
 * dry run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudbaseStore } from '../../cloudfunctions/core/platform/adapters/cloudbase';
import { LocalFileStore } from '../../cloudfunctions/core/platform/adapters/files-local';
import { C, INDEXES, indexName, type Doc } from '../../cloudfunctions/core/platform/port';
import { invoke } from '../../cloudfunctions/core/platform/runtime';
import { functions } from '../../cloudfunctions/registry';
import { UsageError } from '../../scripts/cli';
import { CLOUDBASE_CLI, main, type IndexAdmin } from '../../scripts/cloud';
import { FUNCTION_NAMES } from '../../types/api';
import { todayBeijing } from '../../types/dates';
import type { Me } from '../../types/org';
import { CloudbaseStandIn, installStandIn, standInApp } from '../cloudbase/standin';
import { ledgerWorkbook } from '../support/ledger';
import { expectOk } from '../support/world';

jest.setTimeout(60_000);

const ENV = 'fazhi-test-1a2b3c';
const Y = String(Number(todayBeijing().slice(0, 4)) - 1);
const OPENID = 'oAbCd1234567890_admin-openid';

const standin = new CloudbaseStandIn();
let restore: () => void;
/** Indexes as CloudBase's management API would hold them, per collection. */
const indexes = new Map<string, string[]>();
const indexAdmin: IndexAdmin = {
  existing: async (coll) => indexes.get(coll) ?? [],
  create: async (coll, fields) => void indexes.set(coll, [...(indexes.get(coll) ?? []), indexName(fields)]),
};
let out: string[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-cloud-cli-'));

beforeAll(() => {
  restore = installStandIn(standin);
  process.env.CLOUDBASE_SECRETID = 'AKIDdeskKeyForTests';
  process.env.CLOUDBASE_SECRETKEY = 'deskSecretForTests';
});
afterAll(() => {
  restore();
  delete process.env.CLOUDBASE_SECRETID;
  delete process.env.CLOUDBASE_SECRETKEY;
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  out = [];
  const keep = (...args: unknown[]) => void out.push(args.map(String).join(' '));
  jest.spyOn(console, 'log').mockImplementation(keep);
  jest.spyOn(console, 'error').mockImplementation(keep);
  jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (keep(String(s)), true));
});
afterEach(() => jest.restoreAllMocks());

const cloud = (...argv: string[]) => main(argv, { indexes: () => indexAdmin });
const store = () => new CloudbaseStore(standInApp().database());

test('init creates every collection and every index of INDEXES; a second init changes nothing', async () => {
  await expect(store().count(C.disputes, {})).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  expect(await cloud('init', '--env', ENV)).toBe(0);
  for (const coll of Object.values(C)) expect(await store().count(coll, {})).toBe(0);
  const wanted = Object.entries(INDEXES).filter(([, list]) => list.length).map(([coll, list]) => [coll, list.map(indexName)]);
  expect([...indexes.entries()].sort()).toEqual(wanted.sort());
  expect(indexes.get(C.rollups)).toEqual(['unitId_period']);

  const before = JSON.stringify([...indexes.entries()]);
  expect(await cloud('init', '--env', ENV)).toBe(0);
  expect(JSON.stringify([...indexes.entries()])).toBe(before);
  expect(out.join('\n')).toContain('未作改动');
});

test('import from the desk, then check: 0 differences; a damaged rollup is found by check and repaired by recount', async () => {
  const ledger = path.join(tmp, '台账.xlsx');
  fs.writeFileSync(ledger, await ledgerWorkbook([
    ['单位', [['示范区', '', '区'], ['杏花营镇', '示范区', '乡镇街道'], ['前进村', '杏花营镇', '村社区']]],
    ['矛盾纠纷', Array.from({ length: 28 }, (_, i) => [
      `D-${i + 1}`, '杏花营镇/前进村', '李调解', `${Y}-03-${String(i + 1).padStart(2, '0')}`, `${Y}-04-01`,
      '邻里', '民调', '调解成功', '书面', 1000 + i, 2, 0, '宅前排水沟纠纷',
    ])],
  ]));
  expect(await cloud('import', '--env', ENV, ledger)).toBe(0);
  expect(out.join('\n')).toMatch(/矛盾纠纷\s+28\s+0\s+0\s+0/);
  expect(await store().count(C.disputes, {})).toBe(28);
  expect(await store().count(C.units, {})).toBe(3);

  expect(await cloud('check', '--env', ENV)).toBe(0);
  expect(out.join('\n')).toContain('汇总与原始记录一致');

  const [shard] = await store().find<Doc & { c: Record<string, number> }>(C.rollups, {}, { limit: 1 });
  const key = Object.keys(shard.c)[0];
  await store().set(C.rollups, { ...shard, c: { ...shard.c, [key]: shard.c[key] + 5 } });
  out = [];
  expect(await cloud('check', '--env', ENV)).toBe(1);
  expect(out.join('\n')).toMatch(/发现 \d+ 处不一致/);
  expect(await cloud('recount', '--env', ENV)).toBe(0);
  out = [];
  expect(await cloud('check', '--env', ENV)).toBe(0);
  expect(out.join('\n')).toContain('汇总与原始记录一致');
});

test('grant-admin: that OPENID is the district’s admin when it calls me.whoami; granting again adds nothing', async () => {
  const deps = { store: store(), files: new LocalFileStore(tmp), now: () => new Date() };
  expect((await invoke(functions.me, { action: 'whoami' }, OPENID, deps)).ok).toBe(false);

  expect(await cloud('grant-admin', '--env', ENV, '--openid', OPENID, '--name', '王管理')).toBe(0);
  expect(await cloud('grant-admin', '--env', ENV, '--openid', OPENID, '--name', '王管理')).toBe(0);
  const me = expectOk(await invoke(functions.me, { action: 'whoami' }, OPENID, deps)) as Me;
  const [district] = await store().find<Doc>(C.units, { parentId: null });
  expect(me.user).toEqual({ name: '王管理', roles: [{ role: 'admin', unitId: district._id }] });

  await expect(cloud('grant-admin', '--env', ENV, '--openid', 'x y', '--name', '王管理')).rejects.toThrow(/OPENID/);
  await expect(cloud('grant-admin', '--env', ENV, '--openid', OPENID)).rejects.toThrow('请用 --name 给出该用户的姓名');
});

test('deploy --dry-run writes the flat cloudbaserc.json for the environment and prints the CLI command without running it', async () => {
  const ran: string[][] = [];
  const deploy = () => main(['deploy', '--env', ENV, '--dry-run'], { run: (cmd, args) => (ran.push([cmd, ...args]), 0) });
  const built = FUNCTION_NAMES.every((n) => fs.existsSync(path.join(__dirname, '..', '..', 'dist', 'functions', n, 'index.js')));
  if (!built) {
    await expect(deploy()).rejects.toThrow('请先运行 npm run build:functions');
    return;
  }
  expect(await deploy()).toBe(0);
  expect(ran).toEqual([]);
  expect(out.join('\n')).toContain(`npx --yes ${CLOUDBASE_CLI} fn deploy --all --force -e ${ENV}`);
  expect(out.join('\n')).not.toContain(process.env.CLOUDBASE_SECRETKEY);
  const rc = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'functions', 'cloudbaserc.json'), 'utf8'));
  expect(rc.envId).toBe(ENV);
  expect(rc.functions.map((f: { name: string }) => f.name)).toEqual([...FUNCTION_NAMES]);
  for (const f of rc.functions) {
    expect(f).toEqual({ name: f.name, timeout: expect.any(Number), memorySize: expect.any(Number), runtime: 'Nodejs16.13', installDependency: true, handler: 'index.main' });
    expect(f.timeout).toBeLessThanOrEqual(60);
  }
  expect(rc.functions.find((f: { name: string }) => f.name === 'import').timeout).toBe(60);
});

test('a command without --env, or an unknown one, is refused in Chinese', async () => {
  await expect(cloud('init')).rejects.toThrow(UsageError);
  await expect(cloud('init')).rejects.toThrow('请用 --env 给出云开发环境 ID');
  await expect(cloud('drop', '--env', ENV)).rejects.toThrow('不支持的命令 drop');
});
