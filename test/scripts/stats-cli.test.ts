/**
 * `npm run stats` on an embedded store seeded as `npm start` seeds it: `--format json` prints
 * DOMAIN.md's shape (every line with 同比 and 环比, the splits, one row per sub-unit), the period
 * options, `--format xlsx|docx` writes the filing table, and Chinese refusals with a non-zero exit.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { Workbook } from 'exceljs';
import { C } from '../../cloudfunctions/core/platform/port';
import { invoke } from '../../cloudfunctions/core/platform/runtime';
import { functions } from '../../cloudfunctions/registry';
import { statisticsOf } from '../../cloudfunctions/core/app/statistics';
import { seedDemo } from '../../scripts/demo';
import { openLocal } from '../../scripts/local';
import { todayBeijing } from '../../types/dates';
import type { Unit } from '../../types/org';
import { STAT_LINES, type StatisticsView } from '../../types/statistics';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '..', '..');
const YEAR = todayBeijing().slice(0, 4);
const TSX = require.resolve('tsx/cli');
let dataDir: string;
let district: StatisticsView;

function stats(args: string[], dir = dataDir) {
  const r = spawnSync(process.execPath, [TSX, 'scripts/stats.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dir } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-stats-cli-'));
  const deps = openLocal(dataDir);
  await seedDemo(deps, 60);
  // One 排查 round in 前进村 today, through the function as the app records it.
  const round = { id: 'cli-round-0001', unitId: 'xhy-qj', date: todayBeijing(), found: 4, prevented: 3 };
  expect(await invoke(functions.dispute, { action: 'screeningSave', payload: round }, 'demo-mediator', deps)).toMatchObject({ ok: true });
  district = await statisticsOf(deps.store, (await deps.store.get<Unit>(C.units, 'sfq'))!, YEAR);
  await deps.store.close();
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test('--format json prints every line with 同比 and 环比, the splits and the townships, for the district by default', () => {
  const r = stats(['--year', YEAR, '--format', 'json']);
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout) as StatisticsView;
  expect(out.unit).toBe('示范区');
  expect(out.period).toMatchObject({ from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
  expect(Object.keys(out.lines)).toEqual(expect.arrayContaining([...STAT_LINES]));
  expect(out.lines.受理).toEqual(district.lines.受理);
  expect(out.lines.受理.value).toBeGreaterThan(0);
  expect(out.lines.受理).toEqual(expect.objectContaining({ yoy: expect.any(Number), mom: expect.any(Number) }));
  expect(out.lines.成功率.value).toMatch(/^\d+\.\d%$/);
  expect(out.lines.协议涉及金额).toEqual(expect.objectContaining({ value: expect.stringMatching(/^\d+\.\d\d万元$/), fen: expect.any(Number) }));
  // Money's 同比 and 环比 are fen, named as every other line's (DOMAIN.md: numbers, fen for money).
  expect(out.lines.协议涉及金额).toEqual(expect.objectContaining({ yoy: district.lines.协议涉及金额.yoy, mom: district.lines.协议涉及金额.mom }));
  expect([out.lines.排查次数.value, out.lines.排查发现纠纷.value, out.lines.预防纠纷.value]).toEqual([1, 4, 3]);
  expect(out.rows.find((row) => row.unit === '杏花营镇')!.lines.排查次数.value).toBe(1);
  expect(Object.keys(out.bySource)).toEqual(['主动调解', '申请调解', '接受委托移送']);
  expect(out.rows.map((row) => row.unit)).toContain('杏花营镇');
  expect(out.rows.reduce((s, row) => s + row.lines.受理.value, 0)).toBe(out.lines.受理.value);
});

test.each([
  [['--month', '3'], `${YEAR}-03-01`, `${YEAR}-03-31`],
  [['--quarter', '2'], `${YEAR}-04-01`, `${YEAR}-06-30`],
])('%j narrows the period', (args, from, to) => {
  const r = stats(['--year', YEAR, ...args, '--unit', '杏花营镇', '--format', 'json']);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ unit: '杏花营镇', period: { from, to } });
});

test('text (the default) names the unit and period and prints the lines', () => {
  const r = stats(['--year', YEAR, '--month', '1']);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain(`人民调解统计报表  示范区  ${YEAR}年1月`);
  for (const line of ['受理', '在办', '成功率', '协议涉及金额', '防止民转刑']) expect(r.stdout).toContain(line);
});

test('--format xlsx writes the filing table with the district’s lines and townships', async () => {
  const out = path.join(dataDir, 'out', '统计表.xlsx');
  const r = stats(['--year', YEAR, '--format', 'xlsx', '--out', out]);
  expect(r.status).toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain(`已导出 示范区 ${YEAR}年统计报表`);
  const wb = new Workbook();
  await wb.xlsx.readFile(out);
  const rows: unknown[][] = [];
  wb.getWorksheet('统计表')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  expect(rows[0][0]).toBe('人民调解工作统计表');
  expect(rows.find((row) => row[0] === '受理')?.slice(1, 3)).toEqual([district.lines.受理.value, district.lines.受理.yoy]);
  const township = district.rows.find((row) => row.unit === '杏花营镇')!;
  expect(rows.find((row) => row[0] === '杏花营镇')?.slice(1, 3)).toEqual([township.lines.受理.value, township.lines.调解成功.value]);
  expect(rows.find((row) => row[0] === '合计')?.[1]).toBe(district.lines.受理.value);
});

test('--format docx writes the same as a document', async () => {
  const out = path.join(dataDir, 'out', '统计表.docx');
  const r = stats(['--year', YEAR, '--format', 'docx', '--out', out]);
  expect(r.status).toBe(0);
  const xml = await (await JSZip.loadAsync(fs.readFileSync(out))).file('word/document.xml')!.async('string');
  expect(xml).toContain('人民调解工作统计表');
  expect(xml).toContain('统计范围:示范区');
  expect(xml).toMatch(new RegExp(`<w:t[^>]*>受理</w:t>[\\s\\S]*?<w:t[^>]*>${district.lines.受理.value}</w:t>`));
});

test.each([
  [['--format', 'json'], '请用 --year 指定年份'],
  [['--year', YEAR, '--format', 'xlsx'], '--format xlsx 须用 --out 指定文件'],
  [['--year', YEAR, '--month', '13'], '月份「13」不正确'],
  [['--year', YEAR, '--month', '1', '--quarter', '1'], '--month 与 --quarter 只能选一个'],
  [['--year', YEAR, '--format', 'pdf'], '--format 只能是'],
  [['--year', YEAR, '--unit', '不存在村'], '找不到单位「不存在村」'],
])('%j is refused in Chinese', (args, message) => {
  const r = stats(args);
  expect(r.status).not.toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain(message);
});
