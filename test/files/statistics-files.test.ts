/**
 * report.statisticsExport: the 人民调解工作统计表 as .xlsx and .docx, parsed back. Each line's
 * value, 同比 and 环比, each sub-unit's row and the 合计 row, and the splits are found in the
 * file as report.statistics answers them; who may export; nothing personal in the files.
 */
import { Workbook, type Worksheet } from 'exceljs';
import JSZip from 'jszip';
import { todayBeijing } from '../../types/dates';
import type { ExportedFile } from '../../types/report';
import { COUNT_LINES, STAT_LINES, type StatisticsView, type StatLines } from '../../types/statistics';
import { caseInput, demoWorld, expectError, expectOk, type World } from '../support/world';

const DISTRICT = 'demo-district';
const TOWNSHIP = 'demo-township';
const MEDIATOR = 'demo-mediator';
const TODAY = todayBeijing();
const MONTH = TODAY.slice(0, 7);

jest.setTimeout(60_000);

let w: World;
beforeAll(async () => {
  w = await demoWorld(60);
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: TODAY, resolvedDate: TODAY, partyNames: '张三、李四', partyPhones: '13800138000' })));
});
afterAll(() => w.store.close());

const table = (openid: string, payload: unknown) => w.call<StatisticsView>(openid, 'report', 'statistics', payload);
const exportFile = (openid: string, payload: unknown) => w.call<ExportedFile>(openid, 'report', 'statisticsExport', payload);

/** The sheet's rows as text cells (counts read back as numbers, so compared as text). */
function sheetRows(ws: Worksheet): string[][] {
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => (cells[col - 1] = c.value === null || c.value === undefined ? '' : String(c.value)));
    out.push(cells);
  });
  return out;
}

/** The document's table rows, each as its cells' text. */
async function docxRows(bytes: Uint8Array): Promise<{ xml: string; rows: string[][] }> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => [...tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  );
  return { xml, rows };
}

/** The row whose first cell is `label`, after the header row starting `header` (sections repeat labels). */
function rowAfter(rows: string[][], header: string, label: string): string[] | undefined {
  const start = rows.findIndex((r) => r[0] === header);
  return start < 0 ? undefined : rows.slice(start + 1).find((r) => r[0] === label);
}

/** What each line's row reads in the 主要指标 section: value, 去年同期, 同比, 上期, 环比 (and people). */
function expectedLineRows(lines: StatLines): [string, string[]][] {
  return COUNT_LINES.map((l) => {
    const c = lines[l];
    return [l, [l, String(c.value), String(c.yoy), c.yoyChange, String(c.mom), c.momChange, ...(c.people === undefined ? [] : [String(c.people)])]];
  });
}

/** A sub-unit row as the table reads it: every line, in order. */
function unitRow(name: string, lines: StatLines): string[] {
  return [name, ...STAT_LINES.map((l) => (l === '成功率' ? lines.成功率.value : l === '协议涉及金额' ? lines.协议涉及金额.value : String(lines[l].value)))];
}

describe.each([
  ['the year', TODAY.slice(0, 4)],
  ['this month', MONTH],
])('the district’s table for %s', (_, period) => {
  let view: StatisticsView;
  beforeAll(async () => {
    view = expectOk(await table(DISTRICT, { period }));
    expect(view.lines.受理.value).toBeGreaterThan(0);
    expect(view.rows.length).toBeGreaterThan(1);
  });

  test('.xlsx: a filing table whose lines, rows and splits are report.statistics’ figures', async () => {
    const file = expectOk(await exportFile(DISTRICT, { period, format: 'xlsx' }));
    expect(file.name).toBe(`示范区${view.period.label}人民调解工作统计表.xlsx`);
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(await w.files.get(file.fileId)) as unknown as ArrayBuffer);
    const rows = sheetRows(wb.getWorksheet('统计表')!);
    expect(rows[0][0]).toBe('人民调解工作统计表');
    const fields = rows.slice(1, 4).flat();
    expect(fields).toEqual(expect.arrayContaining(['统计范围:', '示范区', '填报单位:', '填报日期:', `${Number(TODAY.slice(0, 4))}年${Number(TODAY.slice(5, 7))}月${Number(TODAY.slice(8))}日`]));
    expect(fields.join(' ')).toContain(`${view.period.from} 至 ${view.period.to}`);

    for (const [line, expected] of expectedLineRows(view.lines)) expect(rowAfter(rows, '项目', line)?.slice(0, expected.length)).toEqual(expected);
    expect(rowAfter(rows, '项目', '成功率')?.slice(0, 2)).toEqual(['成功率', view.lines.成功率.value]);
    expect(rowAfter(rows, '项目', '协议涉及金额')?.[1]).toBe(`${view.lines.协议涉及金额.value}(${view.lines.协议涉及金额.yuan})`);

    for (const r of view.rows) expect(rowAfter(rows, '单位', r.unit)).toEqual(unitRow(r.unit, r.lines));
    expect(rowAfter(rows, '单位', '合计')).toEqual(unitRow('合计', view.lines));
    for (const [header, split] of [['纠纷类型', view.byType], ['渠道', view.byChannel], ['来源', view.bySource]] as const) {
      for (const [k, n] of Object.entries(split)) expect(rowAfter(rows, header, k)).toEqual([k, String(n.受理), String(n.调解成功)]);
    }
    expect(JSON.stringify(rows)).not.toMatch(/张三|13800138000/);
  });

  test('.docx: the same tables', async () => {
    const file = expectOk(await exportFile(DISTRICT, { period, format: 'docx' }));
    expect(file.name).toBe(`示范区${view.period.label}人民调解工作统计表.docx`);
    const { xml, rows } = await docxRows(await w.files.get(file.fileId));
    expect(xml).toContain('人民调解工作统计表');
    expect(xml).toContain(`统计期间:${view.period.label}`);
    expect(xml).toContain('填报单位:示范区');
    for (const [line, expected] of expectedLineRows(view.lines)) expect(rowAfter(rows, '项目', line)?.slice(0, expected.length)).toEqual(expected);
    for (const r of view.rows) expect(rowAfter(rows, '单位', r.unit)).toEqual(unitRow(r.unit, r.lines));
    expect(rowAfter(rows, '单位', '合计')).toEqual(unitRow('合计', view.lines));
    for (const [k, n] of Object.entries(view.bySource)) expect(rowAfter(rows, '来源', k)).toEqual([k, String(n.受理), String(n.调解成功)]);
    expect(xml).not.toMatch(/张三|13800138000/);
  });
});

test('a village’s table has no sub-unit section; a township supervisor may export a village below it', async () => {
  const view = expectOk(await table(TOWNSHIP, { unitId: 'xhy-qj', period: MONTH }));
  const file = expectOk(await exportFile(TOWNSHIP, { unitId: 'xhy-qj', period: MONTH, format: 'xlsx' }));
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(await w.files.get(file.fileId)) as unknown as ArrayBuffer);
  const rows = sheetRows(wb.getWorksheet('统计表')!);
  expect(rows.some((r) => r[0] === '单位')).toBe(false);
  expect(rowAfter(rows, '项目', '受理')?.[1]).toBe(String(view.lines.受理.value));
  expect(rows.map((r) => r[0])).toContain('二、按纠纷类型(受理 / 调解成功)');
});

test('who may export, and what is refused', async () => {
  expectError(await exportFile(MEDIATOR, { period: MONTH, format: 'xlsx' }), 'FORBIDDEN');
  expectError(await exportFile(TOWNSHIP, { unitId: 'sfq', period: MONTH, format: 'docx' }), 'FORBIDDEN');
  expect(expectError(await exportFile(DISTRICT, { period: MONTH, format: 'pdf' }), 'INVALID').message).toBe('导出格式只能是 xlsx 或 docx');
  expectError(await exportFile(DISTRICT, { period: '2024-13', format: 'xlsx' }), 'INVALID');
});
