/**
 * `npm run report` on an embedded store seeded as `npm start` seeds it: the exact interface
 * (`--format json` carries every metric id with its value and worded text), the files it
 * writes, and the Chinese refusals with a non-zero exit.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { C } from '../../cloudfunctions/core/platform/port';
import { annualReportOf } from '../../cloudfunctions/core/app/annual-report';
import { seedDemo } from '../../scripts/demo';
import { openLocal } from '../../scripts/local';
import { todayBeijing } from '../../types/dates';
import type { Unit } from '../../types/org';
import type { AnnualReport } from '../../types/report';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '..', '..');
const YEAR = todayBeijing().slice(0, 4);
/** DOMAIN.md's report lines, spelled out: the interface promises every one of them. */
const ALL_IDS = ['D1', 'D2', 'D3', 'D4', 'T1', 'T2', 'P1', 'P2', 'P3'];

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-report-cli-'));
  temps.push(dir);
  return dir;
}

let dataDir: string;
let district: AnnualReport;

/** `npx tsx scripts/report.ts …`, without npx's own start-up time. */
const TSX = require.resolve('tsx/cli');

function report(args: string[], dir = dataDir) {
  const r = spawnSync(process.execPath, [TSX, 'scripts/report.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dir },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dataDir = tempDir();
  const deps = openLocal(dataDir);
  await seedDemo(deps, 40);
  district = await annualReportOf(deps.store, (await deps.store.get<Unit>(C.units, 'sfq'))!, Number(YEAR));
  await deps.store.close();
});

afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

test('--format json prints every metric id with its value and worded text, for the district by default', () => {
  const r = report(['--year', YEAR, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout) as { year: number; unit: string; metrics: Record<string, unknown> };
  expect(Object.keys(out)).toEqual(['year', 'unit', 'metrics']);
  expect(out.year).toBe(Number(YEAR));
  expect(out.unit).toBe('示范区');
  expect(Object.keys(out.metrics)).toEqual(ALL_IDS);
  for (const id of ALL_IDS) {
    const { figure } = district.lines.find((l) => l.id === id)!;
    expect(out.metrics[id]).toEqual({ value: figure.value, text: figure.text });
  }
  const d2 = out.metrics.D2 as { value: number; text: string };
  // Money: the value is integer fen, the text worded in 万元.
  expect(Number.isInteger(d2.value)).toBe(true);
  expect(d2.text).toMatch(/^\d+(余)?万元$/);
  expect(district.lines[0].figure.value).toBeGreaterThan(0);
});

test('--unit names a unit by its path; the answer names it by its full path', () => {
  const r = report(['--year', YEAR, '--unit', '杏花营镇/前进村', '--format', 'json']);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).unit).toBe('示范区/杏花营镇/前进村');
});

test('text (the default) prints the lines and the paragraph', () => {
  const r = report(['--year', YEAR]);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain(`示范区 ${YEAR}年`);
  for (const l of district.lines) expect(r.stdout).toContain(l.figure.text);
  expect(r.stdout).toContain(district.paragraph);
});

test('xlsx and docx are written to --out', async () => {
  const dir = tempDir();
  const xlsx = path.join(dir, 'report.xlsx');
  const docx = path.join(dir, 'report.docx');
  expect(report(['--year', YEAR, '--format', 'xlsx', '--out', xlsx]).status).toBe(0);
  expect(report(['--year', YEAR, '--format', 'docx', '--out', docx]).status).toBe(0);
  const wb = new Workbook();
  await wb.xlsx.readFile(xlsx);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['年度数字', '按纠纷类型', '按渠道', '按培训类别']);
  expect(wb.getWorksheet('年度数字')!.getRow(3).getCell(3).value).toBe(district.lines[0].figure.text);
  const xml = await (await JSZip.loadAsync(fs.readFileSync(docx))).file('word/document.xml')!.async('string');
  expect(xml).toContain(district.paragraph);
});

describe('refusals: a Chinese message and a non-zero exit', () => {
  test.each([
    [['--year', YEAR, '--format', 'xlsx'], '导出 xlsx 须用 --out 指定输出文件'],
    [['--year', YEAR, '--unit', '不存在村'], '找不到单位「不存在村」'],
    [['--format', 'json'], '请用 --year 指定年份'],
    [['--year', YEAR, '--yaer'], '不支持的参数 --yaer'],
  ])('%j', (args, message) => {
    const r = report(args);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  test('an empty data folder is refused, and nothing is created in it', () => {
    const empty = tempDir();
    const r = report(['--year', YEAR, '--format', 'json'], empty);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('中没有数据');
    expect(fs.readdirSync(empty)).toEqual([]);
  });
});
