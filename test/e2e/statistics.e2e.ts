/**
 * 统计报表 end to end, as the district supervisor 陈科长: opened from 汇总, a month of the seeded
 * data picked, the lines on screen are report.statistics' own (asked through the gateway as the
 * same user), the townships re-rank when another line is chosen, a tap goes down into a
 * township, and 导出Excel downloads the filing table with the figures shown. At a desk-width
 * window the same page is a table whose column headers rank the rows.
 */
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import type { StatisticsRow, StatisticsView, StatLine } from '../../types/statistics';
import { exactly, onPage, onScreen, shot, signInAs, tap } from './browser';
import { callAs, eventually, PAGES, phonesForFile, todayBeijing } from './steps';

const DISTRICT_SUPERVISOR = '陈科长';
const DISTRICT_USER = 'demo-district';
const TOWNSHIP = '杏花营镇';

/** A month the demo seed filled (it spreads cases from 1 January to today): two months back, within this year. */
const TODAY = todayBeijing();
const MONTH_NUMBER = Math.max(1, Number(TODAY.slice(5, 7)) - 2);
const MONTH = `${TODAY.slice(0, 4)}-${String(MONTH_NUMBER).padStart(2, '0')}`;
/** The lines compared one by one with the function's answer. */
const CHECKED: StatLine[] = ['受理', '调解成功', '调解不成', '终止', '在办', '成功率', '协议涉及金额', '书面协议', '口头协议'];

let page: Page;
phonesForFile(1, ([phone]) => {
  page = phone.page;
});

async function statisticsOf(unitId?: string): Promise<StatisticsView> {
  const res = await callAs<StatisticsView>(DISTRICT_USER, 'report', 'statistics', { period: MONTH, ...(unitId ? { unitId } : {}) });
  if (!res.ok) throw new Error(`report.statistics: ${res.error.message}`);
  return res.data;
}

/** A line's value as the page words it: counts bare, 成功率 and 协议涉及金额 as their text. */
function valueText(view: Pick<StatisticsView, 'lines'>, line: StatLine): string {
  if (line === '成功率') return view.lines.成功率.value;
  if (line === '协议涉及金额') return view.lines.协议涉及金额.value;
  return String(view.lines[line].value);
}

const shownValue = async (line: StatLine) => (await onScreen(page, `#line-${line} .stat-line__value`).innerText()).trim();

async function shownLines(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const l of CHECKED) out[l] = await shownValue(l);
  return out;
}

/** The sub-unit cards in the order shown (the 合计 card apart). */
async function shownUnits(): Promise<string[]> {
  return (await onScreen(page, '.stats-row:not(#stats-total) .stats-row__unit').allInnerTexts()).map((t) => t.trim());
}

/** The rows largest first on `line`, ties in the tree's order: the order the page must show. */
function ranked(rows: StatisticsRow[], line: Exclude<StatLine, '成功率'>): string[] {
  const n = (r: StatisticsRow) => (line === '协议涉及金额' ? r.lines.协议涉及金额.fen : r.lines[line].value);
  return rows.map((r, i) => ({ r, i })).sort((a, b) => n(b.r) - n(a.r) || a.i - b.i).map(({ r }) => r.unit);
}

describe('统计报表', () => {
  let district: StatisticsView;

  test('a. opens from 汇总 for my district, last month by default', async () => {
    await signInAs(page, DISTRICT_SUPERVISOR);
    await tap(page, '.tile .tile__title', exactly('汇总'));
    await onPage(page, PAGES.summary);
    await tap(page, '#open-stats');
    await onPage(page, PAGES.stats);
    await onScreen(page, '#stats-unit', exactly('示范区')).waitFor();
    const [y, m] = TODAY.split('-').map(Number);
    const last = m === 1 ? `${y - 1}年12月` : `${y}年${m - 1}月`;
    await expect(onScreen(page, '#stats-period').innerText()).resolves.toContain(last);
  });

  test('b. a month picked shows the lines report.statistics answers, 同比 and 环比 beside them', async () => {
    await tap(page, '.period .chip', exactly(`${MONTH_NUMBER}月`));
    await onScreen(page, '#stats-period', new RegExp(`${MONTH_NUMBER}月`)).waitFor();
    district = await statisticsOf();
    expect(district.lines.受理.value).toBeGreaterThan(0);
    await eventually(shownLines, Object.fromEntries(CHECKED.map((l) => [l, valueText(district, l)])));
    const yoy = (await onScreen(page, '#line-受理 .stat-line__yoy').innerText()).trim();
    const mom = (await onScreen(page, '#line-受理 .stat-line__mom').innerText()).trim();
    expect(yoy).toBe(`${district.lines.受理.yoy} ${district.lines.受理.yoyChange}`);
    expect(mom).toBe(`${district.lines.受理.mom} ${district.lines.受理.momChange}`);
    const prevention = (await onScreen(page, '#line-防止民转刑 .stat-line__people').innerText()).trim();
    expect(prevention).toBe(`${district.lines.防止民转刑.people ?? 0}人`);
    await expect(onScreen(page, '#stats-total .stats-row__cell-受理').innerText()).resolves.toBe(`受理 ${district.lines.受理.value}`);
    await shot(page, 'statistics-1-month');
  });

  test('c. the townships rank by the line chosen', async () => {
    expect(await shownUnits()).toEqual(ranked(district.rows, '受理'));
    // A line whose order differs from 受理's when there is one, so the re-ranking is seen.
    const line = (['在办', '调解成功', '协议涉及金额', '终止'] as const).find((l) => ranked(district.rows, l).join() !== ranked(district.rows, '受理').join()) ?? '在办';
    await tap(page, `#sort-${line}`);
    await eventually(shownUnits, ranked(district.rows, line));
    const values = await onScreen(page, `.stats-row:not(#stats-total) .stats-row__cell-${line}`).allInnerTexts();
    expect(values.map((v) => v.trim())).toEqual(
      ranked(district.rows, line).map((u) => `${line} ${valueText(district.rows.find((r) => r.unit === u)!, line)}`),
    );
    await shot(page, `statistics-2-ranked-by-${line}`);
  });

  test('d. tapping a township goes down into it, with 返回上级', async () => {
    const row = district.rows.find((r) => r.unit === TOWNSHIP)!;
    await tap(page, '.stats-row .stats-row__unit', exactly(TOWNSHIP));
    await onScreen(page, '#stats-unit', exactly(TOWNSHIP)).waitFor();
    const township = await statisticsOf(row.unitId);
    await eventually(shownLines, Object.fromEntries(CHECKED.map((l) => [l, valueText(township, l)])));
    // The district's row for it is its own table.
    expect(valueText(township, '受理')).toBe(valueText(row, '受理'));
    expect(await shownUnits()).toEqual(expect.arrayContaining(township.rows.map((r) => r.unit)));
    await onScreen(page, '#stats-up', exactly('返回上级')).waitFor();
  });

  test('e. 导出Excel downloads the township’s filing table with the figures shown', async () => {
    const shown = await shownLines();
    const [download] = await Promise.all([page.waitForEvent('download'), tap(page, '.btn', exactly('导出Excel'))]);
    const label = `${TODAY.slice(0, 4)}年${MONTH_NUMBER}月`;
    expect(download.suggestedFilename()).toBe(`${TOWNSHIP}${label}人民调解工作统计表.xlsx`);
    const wb = new Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const rows: string[][] = [];
    wb.getWorksheet('统计表')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0][0]).toBe('人民调解工作统计表');
    expect(rows.flat()).toEqual(expect.arrayContaining(['填报单位:', TOWNSHIP, '填报日期:']));
    for (const l of ['受理', '调解成功', '在办', '成功率'] as const) expect(rows.find((r) => r[0] === l)?.[1]).toBe(shown[l]);
    await onScreen(page, '#export-xlsx', exactly('导出Excel')).waitFor();
  });

  test('f. at a desk-width window the page is a table; a column header ranks the rows', async () => {
    await tap(page, '#stats-up');
    await onScreen(page, '#stats-unit', exactly('示范区')).waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    try {
      await onScreen(page, '.stats-rows').waitFor();
      await expect(onScreen(page, '.card.stat-line').count()).resolves.toBe(0);
      await eventually(async () => (await onScreen(page, '#line-受理 .stat-line__value').innerText()).trim(), valueText(district, '受理'));
      await tap(page, '#sort-调解成功');
      await eventually(shownUnits, ranked(district.rows, '调解成功'));
      await expect(onScreen(page, '#stats-total .stats-row__cell-受理').innerText()).resolves.toBe(String(district.lines.受理.value));
      await shot(page, 'statistics-3-desk');
    } finally {
      await page.setViewportSize({ width: 390, height: 844 });
    }
  });
});
