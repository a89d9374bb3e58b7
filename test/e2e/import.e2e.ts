/**
 * 导入台账 end to end, as 管理员: a workbook with good and bad rows chosen with the page's
 * file input, the summary per sheet and the rejected rows with their reasons, the rejected
 * rows downloaded as a workbook, and the same file imported again: everything unchanged;
 * 李调解, the registered mediator the ledger names, finds its cases in 我的台账. A ledger of
 * thousands of rows shows the rows done while it imports, then its summary.
 * Last year's dates, so the figures other browser tests read (this year's) stay as they were.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import { COLUMNS } from '../../types/import';
import { exactly, launchPhone, onPage, onScreen, shot, signInAs, tap, type Phone } from './browser';
import { caseCard, eventually, openLedger, runToken, todayBeijing } from './steps';

const ADMIN = '管理员';
const IMPORT_PAGE = '/packages/admin/import/index';
const Y = String(Number(todayBeijing().slice(0, 4)) - 1);

let phone: Phone;
let page: Page;
let dir: string;
/** This run's 编号 prefix, also written into the summaries so the cases can be searched for. */
let no: string;

beforeAll(async () => {
  phone = await launchPhone();
  page = phone.page;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-e2e-import-'));
});

afterAll(async () => {
  await phone?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  const errors = phone.pageErrors.splice(0);
  expect(errors).toEqual([]);
});

/** A ledger as a district keeps it: three good cases, a bad date, an unknown village; one activity. */
async function ledgerFile(): Promise<string> {
  no = runToken('E');
  const wb = new Workbook();
  const cases = wb.addWorksheet('矛盾纠纷');
  cases.addRow(['编号', '单位', '调解员', '受理日期', '调结日期', '纠纷类型', '渠道', '调解结果', '协议形式', '涉及金额(元)', '当事人数', '锦旗(面)', '简要情况']);
  cases.addRow([`${no}-1`, '杏花营镇/前进村', '李调解', `${Y}-03-07`, `${Y}/3/9`, '邻里', '民调', '调解成功', '书面', '12,345.60', 2, 0, `宅前排水沟纠纷 ${no}`]);
  cases.addRow([`${no}-2`, '前进村', '李调解', `${Y}年4月1日`, `${Y}年4月2日`, '合同', '民调', '调解成功', '口头', 800, 2, 0, `借款纠纷 ${no}`]);
  cases.addRow([`${no}-3`, '杏花营镇/前进村', '李调解', `${Y}-02-30`, '', '邻里', '民调', '在办', '', '', 2, '', '']);
  cases.addRow([`${no}-4`, '杏花营镇/孙李唐村', '王调解', new Date(Date.UTC(Number(Y), 4, 6)), '', '婚姻家庭', '民调', '在办', '', '', 2, '', '']);
  cases.addRow([`${no}-5`, '杏花营镇/不存在村', '李调解', `${Y}-05-06`, '', '邻里', '民调', '在办', '', '', 2, '', '']);
  const activities = wb.addWorksheet('宣传活动');
  activities.addRow(['编号', '单位', '日期', '名称', '发放资料(份)', '现场咨询(人次)']);
  activities.addRow([`${no}-P`, '杏花营镇/前进村', `${Y}-12-04`, '宪法宣传日', '1,200', 35]);
  const file = path.join(dir, '台账.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/** Rows enough for a few of the embedded store's batches (5000 rows each), so progress is seen mid-way. */
const BIG = 12_000;

/** BIG good cases of a mediator not registered here (so nobody's 我的台账 grows), in one workbook. */
async function bigLedgerFile(): Promise<string> {
  const big = runToken('B');
  const wb = new Workbook();
  const cases = wb.addWorksheet('矛盾纠纷');
  cases.addRow(['编号', '单位', '调解员', '受理日期', '调结日期', '纠纷类型', '渠道', '调解结果', '协议形式', '涉及金额(元)', '当事人数', '锦旗(面)', '简要情况']);
  for (let i = 0; i < BIG; i++) {
    const day = `${Y}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    cases.addRow([`${big}-${i}`, '杏花营镇/前进村', '外聘调解员', day, day, '邻里', '民调', '调解成功', '口头', 100 + (i % 900), 2, 0, `批量导入 ${big}`]);
  }
  const file = path.join(dir, '大台账.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/**
 * Records, in the page, each text the import's stage line shows and when the result appears:
 * a poll of the screen could miss a state that lasts less than its interval.
 */
const WATCH_STAGE = `(() => {
  const seen = (window.__importSeen = []);
  const look = () => {
    const stage = document.querySelector('#import-stage');
    const text = document.querySelector('#import-result') ? 'RESULT' : stage ? stage.textContent.trim() : '';
    if (text && seen[seen.length - 1] !== text) seen.push(text);
  };
  new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

/** A sheet's row of the summary table: [created, updated, unchanged, rejected]. */
async function summaryOf(sheet: string): Promise<number[]> {
  const row = onScreen(page, `#sheet-${sheet}`);
  await row.waitFor();
  return ((await row.innerText()).match(/\d+/g) ?? []).map(Number);
}

/** Chooses the file in the page's own file input, as the browser's file dialog would. */
async function importFile(file: string): Promise<void> {
  await page.locator('#ledger-file').last().setInputFiles(file);
  await onScreen(page, '#import-result').waitFor({ timeout: 30_000 });
}

describe('导入台账 as 管理员', () => {
  let file: string;

  test('a. the tile opens the page, which names the sheets and columns', async () => {
    file = await ledgerFile();
    await signInAs(page, ADMIN);
    await tap(page, '.tile .tile__title', exactly('导入台账'));
    await onPage(page, IMPORT_PAGE);
    await onScreen(page, '.sheet-help', /^\s*矛盾纠纷:编号、单位、调解员/).waitFor();
    await shot(page, 'import-1-page');
  });

  test('b. good rows land, bad rows are listed with row, column and reason', async () => {
    await importFile(file);
    expect(await summaryOf('矛盾纠纷')).toEqual([3, 0, 0, 2]);
    expect(await summaryOf('宣传活动')).toEqual([1, 0, 0, 0]);
    await expect(onScreen(page, '#rejected-title').innerText()).resolves.toContain('共 2 行');
    const rows = await onScreen(page, '.rejected-row').allInnerTexts();
    expect(rows.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      '矛盾纠纷 第4行 · 受理日期 受理日期格式应为 年-月-日,如 2024-03-07',
      '矛盾纠纷 第6行 · 单位 找不到单位「杏花营镇/不存在村」,请检查单位名称',
    ]);
    await shot(page, 'import-2-result');
  });

  test('c. the rejected rows download as a workbook of the same format, with reasons', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), tap(page, '#download-rejected')]);
    expect(download.suggestedFilename()).toBe('台账导入-未导入的行.xlsx');
    const wb = new Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const ws = wb.getWorksheet('矛盾纠纷')!;
    // The sheet's columns as an export writes them, then 错误原因.
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...COLUMNS.矛盾纠纷, '错误原因']);
    expect(ws.rowCount).toBe(3);
    expect(String(ws.getRow(2).getCell(header.length).value)).toBe('第4行 受理日期:受理日期格式应为 年-月-日,如 2024-03-07');
  });

  test('d. the same file again: everything unchanged, the same rows refused', async () => {
    await importFile(file);
    await onScreen(page, '.summary-row__n', exactly('0')).first().waitFor();
    expect(await summaryOf('矛盾纠纷')).toEqual([0, 0, 3, 2]);
    expect(await summaryOf('宣传活动')).toEqual([0, 0, 1, 0]);
    await shot(page, 'import-3-again');
  });

  test('e. 李调解, the registered mediator the ledger names, finds its cases in 我的台账', async () => {
    const mediator = await launchPhone();
    try {
      const m = mediator.page;
      await signInAs(m, '李调解');
      await openLedger(m);
      await onScreen(m, '#search input').fill(no);
      await tap(m, '.btn', exactly('搜索'));
      // The unfiltered list is on screen until the search's answer arrives.
      await eventually(() => onScreen(m, '.case').count(), 2);
      await caseCard(m, `宅前排水沟纠纷 ${no}`).first().waitFor();
      await caseCard(m, `借款纠纷 ${no}`).first().waitFor();
      await shot(m, 'import-4-my-ledger');
      expect(mediator.pageErrors).toEqual([]);
    } finally {
      await mediator.close();
    }
  });
});

describe('导入台账: a big ledger', () => {
  test('f. the page shows the rows done of the total while it imports, then the summary', async () => {
    const file = await bigLedgerFile();
    await signInAs(page, ADMIN);
    await tap(page, '.tile .tile__title', exactly('导入台账'));
    await onPage(page, IMPORT_PAGE);
    await page.evaluate(WATCH_STAGE);
    await page.locator('#ledger-file').last().setInputFiles(file);
    const stage = onScreen(page, '#import-stage', /已处理/);
    await stage.waitFor({ timeout: 30_000 });
    await shot(page, 'import-5-progress');
    await onScreen(page, '#import-result').waitFor({ timeout: 60_000 });
    expect(await summaryOf('矛盾纠纷')).toEqual([BIG, 0, 0, 0]);

    const seen = (await page.evaluate('window.__importSeen')) as string[];
    const result = seen.indexOf('RESULT');
    const progress = seen.slice(0, result).filter((t) => t.includes('已处理'));
    expect(progress.length).toBeGreaterThan(0);
    for (const t of progress) expect(t).toMatch(/^正在导入:矛盾纠纷 已处理 [\d,]+ \/ 12,000 行$/);
    const done = progress.map((t) => Number(/已处理 ([\d,]+)/.exec(t)![1].replace(/,/g, '')));
    expect(done).toEqual([...done].sort((a, b) => a - b));
  }, 120_000);
});
