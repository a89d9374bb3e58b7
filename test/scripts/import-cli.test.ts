/**
 * `npm run import` and `npm run export` on embedded stores: CSVs in any order, with or without
 * BOM, into an empty DATA_DIR (the tree comes from 单位, no demo data); the summary and the
 * rejected rows; exit codes; export → import into an empty store reproduces the report; and a
 * killed import leaves whole rows only, finished by running it again.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Workbook } from 'exceljs';
import { C } from '../../cloudfunctions/core/platform/port';
import { recount } from '../../cloudfunctions/core/app/recount';
import { seedDemo } from '../../scripts/demo';
import { openLocal } from '../../scripts/local';
import { writeLedgerFiles } from '../../scripts/bench/40-import';
import { todayBeijing } from '../../types/dates';
import { ledgerCsv, readWorkbook } from '../support/ledger';

jest.setTimeout(180_000);

const root = path.resolve(__dirname, '..', '..');
const TSX = require.resolve('tsx/cli');
const YEAR = todayBeijing().slice(0, 4);
const Y = String(Number(YEAR) - 1);

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-import-cli-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function cli(script: 'import' | 'export' | 'report', args: string[], dataDir: string) {
  const r = spawnSync(process.execPath, [TSX, `scripts/${script}.ts`, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The summary table as { sheet: [created, updated, unchanged, rejected] }. */
function table(stdout: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const line of stdout.split('\n')) {
    const m = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/.exec(line);
    if (m) out[m[1]] = m.slice(2).map(Number);
  }
  return out;
}

function writeCsvLedger(dir: string): string[] {
  const files: [string, string][] = [
    // Given last-first; 签到 without a BOM, the rest with one.
    ['签到.csv', ledgerCsv('签到', [['T-1', '王小明', '138 0013 8000', '杏花营镇/前进村'], ['T-1', '李 四', '+86 139-0013-9000', '']], false)],
    ['矛盾纠纷.csv', ledgerCsv('矛盾纠纷', [
      ['L-1', '杏花营镇/前进村', '李调解', `${Y}/3/7`, `${Y}年3月9日`, '邻里', '民调', '调解成功', '书面', '12,345.60', 2, 0, '宅基地, "排水沟"纠纷'],
      ['L-2', '前进村', '李调解', `${Y}-03-07`, '', '合同', '民调', '在办', '', '', 2, '', ''],
      ['L-3', '杏花营镇/前进村', '李调解', 'xx', '', '合同', '民调', '在办', '', '', 2, '', ''],
    ])],
    ['培训.csv', ledgerCsv('培训', [['T-1', '杏花营镇', '“法律明白人”培训', `${Y}-05-10`, '民法典进乡村', '王培训', '镇司法所', 2]])],
    ['单位.csv', ledgerCsv('单位', [['前进村', '杏花营镇', '村社区'], ['杏花营镇', '示范区', '乡镇街道'], ['示范区', '', '区']])],
  ];
  return files.map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
}

describe('npm run import', () => {
  test('CSVs in any order into an empty DATA_DIR: tree from 单位, summary, rejected rows, exit 0; again: all unchanged', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const files = writeCsvLedger(dir);
    const rejected = path.join(dir, 'rejected.xlsx');
    const first = cli('import', [...files, '--rejected', rejected], data);
    expect(first.status).toBe(0);
    expect(table(first.stdout)).toEqual({ 单位: [3, 0, 0, 0], 矛盾纠纷: [2, 0, 0, 1], 培训: [1, 0, 0, 0], 签到: [2, 0, 0, 0] });
    expect(first.stdout).toContain('签到中新加入名册 2 人');
    expect(first.stdout).toContain('矛盾纠纷 第4行 受理日期:受理日期格式应为 年-月-日,如 2024-03-07');
    expect((await readWorkbook(fs.readFileSync(rejected))).矛盾纠纷[1][0]).toBe('L-3');

    const deps = openLocal(data);
    try {
      // Nothing but the ledger: the tree from 单位, no demo users or records.
      expect(await deps.store.count(C.units, {})).toBe(3);
      expect(await deps.store.count(C.users, {})).toBe(0);
      expect(await deps.store.count(C.disputes, {})).toBe(2);
      expect((await deps.store.find<{ _id: string; summary: string }>(C.disputes, { summary: { $regex: '排水沟' } }))[0].summary).toBe('宅基地, "排水沟"纠纷');
    } finally {
      await deps.store.close();
    }

    const again = cli('import', files, data);
    expect(again.status).toBe(0);
    expect(table(again.stdout)).toEqual({ 单位: [0, 0, 3, 0], 矛盾纠纷: [0, 0, 2, 1], 培训: [0, 0, 1, 0], 签到: [0, 0, 2, 0] });
  });

  test.each([
    [[], '请指定要导入的文件'],
    [['案件.csv'], '无法识别的文件「案件.csv」:CSV 文件须以工作表命名'],
    [['missing/矛盾纠纷.csv'], '无法读取文件「矛盾纠纷.csv」:文件不存在'],
    [['台账.xls'], '不支持的文件「台账.xls」'],
    [['a/矛盾纠纷.csv', 'b/矛盾纠纷.csv'], '工作表「矛盾纠纷」出现了两次'],
    [['nokey/培训.csv'], '「培训」缺少列:编号'],
  ])('%j cannot run: a Chinese reason, exit 1, DATA_DIR untouched', (args, message) => {
    const dir = tempDir();
    for (const sub of ['a', 'b']) {
      fs.mkdirSync(path.join(dir, sub));
      fs.writeFileSync(path.join(dir, sub, '矛盾纠纷.csv'), ledgerCsv('矛盾纠纷', []));
    }
    fs.writeFileSync(path.join(dir, '案件.csv'), 'x');
    fs.writeFileSync(path.join(dir, '台账.xls'), 'x');
    fs.mkdirSync(path.join(dir, 'nokey'));
    fs.writeFileSync(path.join(dir, 'nokey', '培训.csv'), '单位,类别,日期,主题\n');
    const r = spawnSync(process.execPath, [TSX, path.join(root, 'scripts/import.ts'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: path.join(dir, 'data') },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
  });

  test('a killed import leaves whole rows only; running it again finishes it', async () => {
    const dir = tempDir();
    await writeLedgerFiles(dir, 12_000);
    const data = path.join(dir, 'data');
    const files = [path.join(dir, '单位.csv'), path.join(dir, '矛盾纠纷.csv')];
    // tsx's loader in this process, not tsx's cli: that runs the import in a child of its own, which a kill would miss.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...files], { cwd: root, env: { ...process.env, DATA_DIR: data } });
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('已处理 10000 行')) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    const deps = openLocal(data);
    try {
      const cases = await deps.store.count(C.disputes, {});
      // Whole batches of whole rows: each case with its audit entry, and figures equal to a recount.
      expect([10_000, 12_000]).toContain(cases);
      expect(await deps.store.count(C.audit, { coll: C.disputes })).toBe(cases);
      expect((await recount(deps.store, false)).differences).toEqual([]);
    } finally {
      await deps.store.close();
    }
    const again = cli('import', files, data);
    expect(again.status).toBe(0);
    const [created, updated, unchanged, rejected] = table(again.stdout).矛盾纠纷;
    expect([created + unchanged, updated, rejected]).toEqual([12_000, 0, 0]);
  });
});

describe('npm run export → npm run import: the same report', () => {
  test('into an empty store: identical report json for the district and a township; into the same store: nothing changes', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'source');
    const deps = openLocal(source);
    await seedDemo(deps, 60);
    await deps.store.close();

    const out = path.join(dir, '台账.xlsx');
    const exported = cli('export', ['--year', YEAR, '--out', out], source);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toMatch(/^已导出 示范区 \d{4}年台账\(单位 \d+ 行、矛盾纠纷 \d+ 行、培训 \d+ 行、签到 \d+ 行、宣传活动 \d+ 行\)/);

    const copy = path.join(dir, 'copy');
    const imported = cli('import', [out], copy);
    expect(imported.status).toBe(0);
    expect(Object.values(table(imported.stdout)).every(([, , , rejected]) => rejected === 0)).toBe(true);

    for (const unit of [[], ['--unit', '杏花营镇'], ['--unit', '区诉调联动中心']]) {
      const args = ['--year', YEAR, '--format', 'json', ...unit];
      const a = cli('report', args, source);
      const b = cli('report', args, copy);
      expect(a.status).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
    expect(JSON.parse(cli('report', ['--year', YEAR, '--format', 'json'], copy).stdout).metrics.D1.value).toBeGreaterThan(0);

    const back = cli('import', [out], source);
    expect(back.status).toBe(0);
    expect(Object.values(table(back.stdout)).every(([created, updated]) => created === 0 && updated === 0)).toBe(true);
  });

  test('the exported 单位 sheet edited by 单位编号: one unit renamed, one moved with its records; recount --check clean', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const deps = openLocal(data);
    await seedDemo(deps, 60);
    await deps.store.close();
    const out = path.join(dir, '台账.xlsx');
    expect(cli('export', ['--year', YEAR, '--out', out], data).status).toBe(0);

    const book = new Workbook();
    await book.xlsx.readFile(out);
    const units = book.getWorksheet('单位')!;
    expect(units.getRow(1).values).toEqual([undefined, '单位', '上级单位', '类型', '单位编号']);
    units.eachRow((row) => {
      if (row.getCell(4).value === 'xhy-qj') row.getCell(1).value = '前进一村';
      if (row.getCell(4).value === 'xhy-zz') row.getCell(2).value = '水稻乡';
    });
    const edited = path.join(dir, '单位改名.xlsx');
    await book.xlsx.writeFile(edited);
    // Only the 单位 sheet goes back: the records stay as they are, the tree changes.
    book.eachSheet((ws) => {
      if (ws.name !== '单位') book.removeWorksheet(ws.id);
    });
    await book.xlsx.writeFile(edited);

    const r = cli('import', [edited], data);
    expect(r.status).toBe(0);
    expect(table(r.stdout).单位).toEqual([0, 2, expect.any(Number), 0]);
    const after = openLocal(data);
    try {
      expect(await after.store.get(C.units, 'xhy-qj')).toMatchObject({ name: '前进一村', parentId: 'xhy' });
      expect(await after.store.get(C.units, 'xhy-zz')).toMatchObject({ parentId: 'sd', path: ['sfq', 'sd', 'xhy-zz'] });
      expect((await recount(after.store, false)).differences).toEqual([]);
    } finally {
      await after.store.close();
    }
    const check = spawnSync(process.execPath, [TSX, 'scripts/recount.ts', '--check'], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: data } });
    expect(check.status).toBe(0);
  });

  test('rejected rows past the first 10,000 are counted, not listed: the summary and the rejected-rows workbook say how many more', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const units = path.join(dir, '单位.csv');
    fs.writeFileSync(units, ledgerCsv('单位', [['示范区', '', '区'], ['杏花营镇', '示范区', '乡镇街道']]));
    const cases = path.join(dir, '矛盾纠纷.csv');
    fs.writeFileSync(cases, ledgerCsv('矛盾纠纷', Array.from({ length: 10_005 }, (_, i) => [`B-${i}`, '杏花营镇', '李调解', '不是日期', '', '合同', '民调', '在办', '', '', 2, '', ''])));
    const rejected = path.join(dir, 'rejected.xlsx');
    const r = cli('import', [units, cases, '--rejected', rejected], data);
    expect(r.status).toBe(0);
    expect(table(r.stdout).矛盾纠纷).toEqual([0, 0, 0, 10_005]);
    expect(r.stdout).toContain('未导入的行(共 10005 行):');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('矛盾纠纷 第'))).toHaveLength(10_000);
    expect(r.stdout).toContain('另有 5 行未列出');
    const book = await readWorkbook(fs.readFileSync(rejected));
    expect(book.矛盾纠纷).toHaveLength(10_001);
    expect(book.说明[1][0]).toMatch(/^另有 5 行未列出/);
  });

  test('refusals: no year, no --out, no data', () => {
    const empty = tempDir();
    expect(cli('export', ['--out', 'x.xlsx'], empty).stderr).toContain('请用 --year 指定年份');
    expect(cli('export', ['--year', YEAR], empty).stderr).toContain('请用 --out 指定输出文件');
    const r = cli('export', ['--year', YEAR, '--out', path.join(empty, 'x.xlsx')], empty);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('中没有数据');
  });
});
