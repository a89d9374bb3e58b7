/**
 * 年度报告 end to end, as the district supervisor 陈科长: the copied paragraph holds exactly
 * the figures the page shows, worded or exact as each line is switched, the Excel export
 * downloads with the same figures, and the ledger export downloads in the import format. A
 * township's paragraph leaves out the 诉调 clause while it is zero, until 显示为零的项目 is on.
 */
import fs from 'node:fs';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { COLUMNS, SHEETS } from '../../types/import';
import { METRICS } from '../../types/metrics';
import { readWorkbook } from '../support/ledger';
import { exactly, onPage, onScreen, shot, signInAs, tap } from './browser';
import { serverUrl } from './server';
import { phonesForFile, todayBeijing } from './steps';

const DISTRICT_SUPERVISOR = '陈科长';
const REPORT_PAGE = '/packages/supervisor/report/index';

let page: Page;
phonesForFile(1, async ([phone]) => {
  page = phone.page;
  // The page copies with the platform's clipboard; the test reads it back.
  await phone.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serverUrl() });
});

const figureOf = async (id: string) => (await onScreen(page, `#line-${id} .report-line__figure`).innerText()).trim();
const shownParagraph = async () => (await onScreen(page, '#report-paragraph').innerText()).trim();

async function readLines(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const m of METRICS) out[m.id] = await figureOf(m.id);
  return out;
}

/** Reads until `ok` holds or 5 s pass, then answers the last read. */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await page.waitForTimeout(100);
  }
}

// Strings, not functions: evaluated in the page as written.
const readClipboard = () => page.evaluate('navigator.clipboard.readText()') as Promise<string>;

async function copyAndRead(): Promise<string> {
  await page.evaluate("navigator.clipboard.writeText('')");
  await tap(page, '.btn', exactly('复制全文'));
  return eventually(readClipboard, (text) => text !== '');
}

describe('年度报告', () => {
  let worded: Record<string, string>;

  test('a. opens from the home page and shows every report line', async () => {
    await signInAs(page, DISTRICT_SUPERVISOR);
    await tap(page, '.tile .tile__title', exactly('年度报告'));
    await onPage(page, REPORT_PAGE);
    await onScreen(page, '#report-paragraph').waitFor();
    await expect(onScreen(page, '#report-unit').innerText()).resolves.toBe('示范区');
    worded = await readLines();
    expect(worded.D1).toMatch(/^\d+件$/);
    expect(worded.D2).toMatch(/^\d+(余)?万元$/);
    for (const text of Object.values(worded)) expect(text).not.toBe('');
    await shot(page, 'report-1-worded');
  });

  test('b. 复制全文 copies the paragraph shown, which contains each figure shown', async () => {
    const copied = await copyAndRead();
    expect(copied).toBe(await shownParagraph());
    for (const m of METRICS) expect(copied).toContain(worded[m.id]);
    expect(copied).toMatch(/^共排查化解矛盾纠纷/);
  });

  test('c. switching 涉及金额 to exact changes that figure, in the page and in the copied paragraph', async () => {
    await tap(page, '#toggle-D2');
    const exactD2 = await figureOf('D2');
    expect(exactD2).toMatch(/^\d+\.\d{2}元$/);
    // The worded form stays visible beside it.
    await expect(onScreen(page, '#line-D2 .report-line__other').innerText()).resolves.toContain(worded.D2);

    const copied = await copyAndRead();
    expect(copied).toBe(await shownParagraph());
    expect(copied).toContain(`涉及金额${exactD2}`);
    expect(copied).not.toContain(`涉及金额${worded.D2}`);
    for (const m of METRICS.filter((x) => x.id !== 'D2')) expect(copied).toContain(worded[m.id]);
    await shot(page, 'report-2-d2-exact');

    await tap(page, '#toggle-D2');
    await expect(eventually(() => figureOf('D2'), (t) => t === worded.D2)).resolves.toBe(worded.D2);
    expect(await shownParagraph()).toContain(`涉及金额${worded.D2}`);
  });

  test('d. 导出Excel downloads the workbook with the figures shown', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), tap(page, '.btn', exactly('导出Excel'))]);
    expect(download.suggestedFilename()).toMatch(/^示范区\d{4}年法治数据\.xlsx$/);
    const wb = new Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const texts = new Map<string, unknown>();
    wb.getWorksheet('年度数字')!.eachRow((row) => texts.set(String(row.getCell(1).value), row.getCell(3).value));
    for (const m of METRICS) expect(texts.get(m.id)).toBe(worded[m.id]);
  });

  test('e. 导出台账(Excel) shows it is working, then downloads the district’s ledger in the import format', async () => {
    // The request waits until the busy state has been seen, so the check does not race the export.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/fn/report', async (route) => {
      if (route.request().postData()?.includes('"action":"ledger"')) await held;
      await route.continue();
    });
    try {
      const downloading = page.waitForEvent('download');
      await tap(page, '.btn', exactly('导出台账(Excel)'));
      await onScreen(page, '#export-ledger', '正在导出…').waitFor();
      await shot(page, 'report-3-ledger-exporting');
      release();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`示范区${todayBeijing().slice(0, 4)}年台账.xlsx`);
      const book = await readWorkbook(fs.readFileSync((await download.path())!));
      expect(Object.keys(book)).toEqual([...SHEETS]);
      expect(book.矛盾纠纷[0]).toEqual([...COLUMNS.矛盾纠纷]);
      expect(book.矛盾纠纷.length).toBeGreaterThan(1);
      await onScreen(page, '#export-ledger', exactly('导出台账(Excel)')).waitFor();
    } finally {
      release();
      await page.unroute('**/fn/report');
    }
  });

  test('f. a township with no court-referred case: no 诉调 clause in its paragraph until 显示为零的项目 is on', async () => {
    await tap(page, '.report-pick__units .chip', exactly('杏花营镇'));
    await onScreen(page, '#report-unit', exactly('杏花营镇')).waitFor();
    // The lines are zero for this township: they are the district's 诉调联动中心's.
    await expect(figureOf('D3')).resolves.toBe('0件');
    await expect(figureOf('D4')).resolves.toBe('0面');
    const without = await shownParagraph();
    expect(without).toMatch(/^共排查化解矛盾纠纷\d+件,涉及金额[^;]+;开展\d+次“法律明白人”培训会/);
    expect(without).not.toContain('法院移交');
    expect(without).not.toContain('锦旗');
    await expect(copyAndRead()).resolves.toBe(without);
    await shot(page, 'report-4-township-without-zero-lines');

    await tap(page, '#show-zero');
    await onScreen(page, '#show-zero.chip--on').waitFor();
    const withZero = await shownParagraph();
    expect(withZero).toContain(';成功调解法院移交案件0件,收到当事人赠送锦旗0面;开展');
    expect(withZero.replace('成功调解法院移交案件0件,收到当事人赠送锦旗0面;', '')).toBe(without);
    await expect(copyAndRead()).resolves.toBe(withZero);
    await shot(page, 'report-5-township-zero-lines-shown');
    // The Word file holds the paragraph as shown, the zero clause in.
    const [download] = await Promise.all([page.waitForEvent('download'), tap(page, '.btn', exactly('导出Word'))]);
    const xml = await (await JSZip.loadAsync(fs.readFileSync((await download.path())!))).file('word/document.xml')!.async('string');
    expect(xml).toContain(withZero);

    // The district's paragraph always has the clause: no switch there.
    await tap(page, '.report-pick__units .chip', exactly('示范区'));
    await onScreen(page, '#report-unit', exactly('示范区')).waitFor();
    await expect(shownParagraph()).resolves.toContain('区诉调联动中心成功调解法院移交案件');
    await expect(onScreen(page, '#show-zero').count()).resolves.toBe(0);
  });
});
