/**
 * Supervisors' 汇总 (issue #5), end to end against `npm start`: a township supervisor's
 * reach stops at the township, the district drills down to a village, a locked month
 * refuses a new case with nothing saved (and is unlocked again), and every figure card
 * opens the records behind it, as many as the figure says. 汇总 (issue 14) shows each figure
 * with 同比, the dispute figures by type and channel, ranks the sub-units by any figure, and
 * has a desk layout at a desk-width window. Figures are read as they are
 * on screen and compared with each other, never with fixed numbers: other test files
 * add cases to the same server.
 */
import type { Page } from 'playwright-core';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import {
  callAs, detailValue, eventually, fillCase, ledgerTotal, logCaseAs, openLedger, PAGES, phonesForFile, runToken, seeToast, todayBeijing, watchCalls,
} from './steps';

const MEDIATOR = '李调解';
const TOWNSHIP_SUPERVISOR = '赵所长';
const DISTRICT_SUPERVISOR = '陈科长';
const TOWNSHIP_VILLAGES = ['前进村', '孙李唐村', '张庄村'];

/** The month being locked: this one, where today's cases fall. */
const THIS_MONTH = todayBeijing().slice(0, 7);
const MONTH_CHIP = `${Number(THIS_MONTH.slice(5))}月`;

let s: Page;
let m: Page;
phonesForFile(2, ([supervisorPhone, mediatorPhone]) => {
  s = supervisorPhone.page;
  m = mediatorPhone.page;
});

afterAll(async () => {
  // Whatever happened above, no other test may find the month locked.
  const r = await callAs('demo-district', 'rollup', 'unlock', { unitId: 'sfq', period: THIS_MONTH, reason: 'e2e 清理:测试结束解锁' }).catch(() => undefined);
  if (r && !r.ok && r.error.code !== 'NOT_FOUND') console.warn(`[e2e] could not unlock ${THIS_MONTH}: ${r.error.message}`);
});

/** Opens 汇总 afresh (this year, the top of the signed-in supervisor's reach). */
async function openSummary(page: Page): Promise<void> {
  await open(page, PAGES.summary);
  await onPage(page, PAGES.summary);
  await onScreen(page, '#figure-D1').waitFor();
}

async function scopeName(page: Page): Promise<string> {
  return (await onScreen(page, '#scope-name').innerText()).trim();
}

/** Waits until the 汇总 scope is `name` with its figures loaded. */
async function inScope(page: Page, name: string): Promise<void> {
  await onScreen(page, '#scope-name', exactly(name)).waitFor();
  await onScreen(page, '#figure-D1').waitFor();
}

/** The sub-unit bars on screen: label → the figure's text beside it. */
async function bars(page: Page): Promise<Map<string, string>> {
  const rows = onScreen(page, '.bars__row');
  const out = new Map<string, string>();
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.set((await row.locator('.bars__label').innerText()).trim(), (await row.locator('.bars__value').innerText()).trim());
  }
  return out;
}

async function tapBar(page: Page, label: string): Promise<void> {
  await onScreen(page, '.bars__row').filter({ has: page.locator('.bars__label', { hasText: exactly(label) }) }).first().tap();
}

async function figureText(page: Page, id: string): Promise<string> {
  return (await onScreen(page, `#figure-${id} .figure__text`).innerText()).trim();
}

const backLink = (page: Page) => onScreen(page, '.scope .link', exactly('返回上级'));

describe('reach and drill-down', () => {
  test('a. a township supervisor sees only the township: its villages, and no way up to the district', async () => {
    await signInAs(s, TOWNSHIP_SUPERVISOR);
    await openSummary(s);
    await expect(scopeName(s)).resolves.toBe('杏花营镇');
    await eventually(async () => [...(await bars(s)).keys()].sort(), [...TOWNSHIP_VILLAGES].sort());
    await expect(backLink(s).count()).resolves.toBe(0);
    // Locking periods is the district's.
    await expect(onScreen(s, '#lock-period').count()).resolves.toBe(0);
    await shot(s, 'supervisor-a1-township-summary');

    // Down to a village and back: still no link above the township.
    const villageD1 = (await bars(s)).get('前进村');
    await tapBar(s, '前进村');
    await inScope(s, '前进村');
    await expect(figureText(s, 'D1')).resolves.toBe(villageD1);
    await expect(onScreen(s, '.bars__row').count()).resolves.toBe(0);
    await backLink(s).waitFor();
    await shot(s, 'supervisor-a2-township-drilled-to-village');
    await backLink(s).tap();
    await inScope(s, '杏花营镇');
    await expect(backLink(s).count()).resolves.toBe(0);

    // Asking for the district's records directly is refused, with nothing shown.
    await open(s, `${PAGES.records}?unitId=sfq&period=${THIS_MONTH.slice(0, 4)}&metric=D1&name=${encodeURIComponent('示范区')}`);
    await onScreen(s, '.state--error', /没有.*示范区.*权限/).waitFor();
    await expect(onScreen(s, '#records-total').count()).resolves.toBe(0);
  });

  test('b. the district supervisor drills down district → 杏花营镇 → 前进村 and back up', async () => {
    await signInAs(s, DISTRICT_SUPERVISOR);
    await openSummary(s);
    await expect(scopeName(s)).resolves.toBe('示范区');
    await expect(backLink(s).count()).resolves.toBe(0);
    const townships = await bars(s);
    for (const name of ['杏花营镇', '金耀街道', '区诉调联动中心']) expect(townships.has(name)).toBe(true);
    for (const name of TOWNSHIP_VILLAGES) expect(townships.has(name)).toBe(false);
    await shot(s, 'supervisor-b1-district-summary');

    await tapBar(s, '杏花营镇');
    await inScope(s, '杏花营镇');
    await expect(figureText(s, 'D1')).resolves.toBe(townships.get('杏花营镇'));
    const villages = await bars(s);
    expect([...villages.keys()].sort()).toEqual([...TOWNSHIP_VILLAGES].sort());
    await shot(s, 'supervisor-b2-drilled-to-township');

    await tapBar(s, '前进村');
    await inScope(s, '前进村');
    await expect(figureText(s, 'D1')).resolves.toBe(villages.get('前进村'));
    await shot(s, 'supervisor-b3-drilled-to-village');

    await backLink(s).tap();
    await inScope(s, '杏花营镇');
    await backLink(s).tap();
    await inScope(s, '示范区');
    await expect(backLink(s).count()).resolves.toBe(0);
  });
});

describe('期间锁定', () => {
  const token = runToken('锁定');

  test('c. a locked month refuses a new case: the mediator is told why and nothing is saved; unlocking needs a reason', async () => {
    await signInAs(m, MEDIATOR);
    const ledgerBefore = await openLedger(m);

    await signInAs(s, DISTRICT_SUPERVISOR);
    await openSummary(s);
    await tap(s, '.period .chip', exactly(MONTH_CHIP));
    await onScreen(s, '.scope__period', exactly(THIS_MONTH)).waitFor();
    const lockButton = onScreen(s, '#lock-period');
    await expect(lockButton.innerText()).resolves.toContain(`锁定 ${THIS_MONTH}`);
    await lockButton.tap();
    await seeToast(s, '已锁定');
    const lockRow = onScreen(s, '.lock-row', THIS_MONTH);
    await lockRow.waitFor();
    await expect(lockRow.innerText()).resolves.toContain('示范区');
    await shot(s, 'supervisor-c1-month-locked');

    // The mediator logs a case dated today, inside the locked month.
    await open(m, PAGES.disputeForm);
    await onPage(m, PAGES.disputeForm);
    await fillCase(m, { type: '邻里', amountYuan: '600', summary: `${token} 锁定期间登记` });
    const saves = watchCalls(m, 'dispute', 'save', token);
    await tap(m, '.btn', exactly('提交'));
    const message = await seeToast(m, '已锁定');
    expect(message).toContain(`「示范区」${THIS_MONTH.slice(0, 4)}年${Number(THIS_MONTH.slice(5))}月已锁定`);
    expect(message).toContain('不能新增');
    await shot(m, 'supervisor-c2-mediator-refused-locked');
    expect(saves.stop()).toBe(1);
    // Still on the form with what was typed; nothing waits in the outbox either: it was refused, not lost.
    expect(new URL(m.url()).hash).toContain(PAGES.disputeForm);
    await expect(onScreen(m, '#summary textarea').inputValue()).resolves.toContain(token);

    await open(m, PAGES.myLedger);
    await onPage(m, PAGES.myLedger);
    await expect(ledgerTotal(m)).resolves.toBe(ledgerBefore);
    await expect(onScreen(m, '.case', token).count()).resolves.toBe(0);
    await expect(onScreen(m, '#outbox-pending').count()).resolves.toBe(0);
    await shot(m, 'supervisor-c3-ledger-unchanged');

    // Unlocking without a reason is refused; with one, the lock goes.
    await tap(s, '.lock-row .link', exactly('解锁'));
    await seeToast(s, '请填写解锁原因');
    await expect(lockRow.count()).resolves.toBe(1);
    await onScreen(s, 'input[placeholder^="解锁原因"]').fill('e2e:补录本月案件');
    await tap(s, '.lock-row .link', exactly('解锁'));
    await seeToast(s, '已解锁');
    await lockRow.waitFor({ state: 'detached' });
    await shot(s, 'supervisor-c4-unlocked');

    // The same case, kept as a draft on the phone, now goes through.
    await open(m, PAGES.disputeForm);
    await onPage(m, PAGES.disputeForm);
    await onScreen(m, '.notice', '已恢复上次未提交的内容').waitFor();
    await tap(m, '.btn', exactly('提交'));
    await onPage(m, PAGES.myLedger);
    await eventually(() => ledgerTotal(m), ledgerBefore + 1);
    await expect(onScreen(m, '.case', token).count()).resolves.toBe(1);
  });
});

describe('records behind a figure', () => {
  /** On 汇总: taps a figure card and answers the '共 N 条' of the records page it opens. */
  async function recordsBehind(id: string, screenshot?: string): Promise<number> {
    await tap(s, `#figure-${id}`);
    await onPage(s, PAGES.records);
    const total = onScreen(s, '#records-total');
    await total.waitFor();
    const n = Number(/^共\s*(\d+)\s*条$/.exec((await total.innerText()).trim())?.[1]);
    if (screenshot) await shot(s, screenshot);
    return n;
  }

  async function back(): Promise<void> {
    await s.goBack();
    await onPage(s, PAGES.summary);
    await onScreen(s, '#figure-D1').waitFor();
  }

  test('d. tapping 化解矛盾纠纷 (D1) or 法院移交 (D3) lists exactly as many cases as the figure says', async () => {
    await signInAs(s, DISTRICT_SUPERVISOR);
    await openSummary(s);
    const d1 = parseInt(await figureText(s, 'D1'), 10);
    const d3 = parseInt(await figureText(s, 'D3'), 10);
    expect(d1).toBeGreaterThan(0);
    expect(d3).toBeGreaterThan(0);
    await expect(recordsBehind('D1', 'supervisor-d1-records-district-D1')).resolves.toBe(d1);
    // Lines name the case, its unit and mediator, never its parties.
    await expect(onScreen(s, '.case').count()).resolves.toBe(Math.min(d1, 50));
    await back();
    await expect(recordsBehind('D3')).resolves.toBe(d3);
    await back();

    // The same holds for a township in one month.
    await tapBar(s, '杏花营镇');
    await inScope(s, '杏花营镇');
    await tap(s, '.period .chip', exactly(MONTH_CHIP));
    await onScreen(s, '.scope__period', exactly(THIS_MONTH)).waitFor();
    const monthD1 = parseInt(await figureText(s, 'D1'), 10);
    await expect(recordsBehind('D1', 'supervisor-d2-records-township-month-D1')).resolves.toBe(monthD1);
  });

  test('e. a case behind D1 opens, read-only, with its 修改记录', async () => {
    await signInAs(s, TOWNSHIP_SUPERVISOR);
    await openSummary(s);
    await recordsBehind('D1');
    const line = onScreen(s, '.case').first();
    const title = (await line.locator('.case__type').innerText()).trim();
    await line.tap();
    await onPage(s, PAGES.disputeDetail);
    await expect(detailValue(s, '纠纷类型')).resolves.toBe(title.split(' · ')[0]);
    await expect(onScreen(s, '.btn', exactly('修改')).count()).resolves.toBe(0);
    await tap(s, '.btn', exactly('查看修改记录'));
    await onScreen(s, '.section-title', exactly('修改记录')).waitFor();
    await expect(onScreen(s, '.history__item').count()).resolves.toBeGreaterThan(0);
    await shot(s, 'supervisor-e-case-from-records');
  });
});

describe('汇总: 同比, breakdowns, ranking, the desk layout', () => {
  const THIS_YEAR = THIS_MONTH.slice(0, 4);
  const LAST_YEAR = String(Number(THIS_YEAR) - 1);
  const yearChip = (y: string) => tap(s, '.period .chip', exactly(`${y}年`));
  const count = (text: string) => parseInt(text, 10);

  /** A table of the dispute figures by one breakdown, as on screen: row name → the D1…D4 cells. */
  async function splitTable(id: string): Promise<Map<string, string[]>> {
    const rows = onScreen(s, `#${id} .split-table__row:not(.split-table__row--head)`);
    const out = new Map<string, string[]>();
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = (await rows.nth(i).locator('.split-table__cell').allInnerTexts()).map((t) => t.trim());
      out.set(cells[0], cells.slice(1));
    }
    return out;
  }

  test('f. each figure shows 同比 with last year; the type and channel tables add up to the figures', async () => {
    // A case concluded last year, so that 同比 has something to compare with.
    const resolved = `${LAST_YEAR}-06-10`;
    await logCaseAs('demo-mediator', 'xhy-qj', `${runToken('同比')} 去年的案件`, { acceptedDate: resolved, resolvedDate: resolved });

    await signInAs(s, DISTRICT_SUPERVISOR);
    await openSummary(s);
    await yearChip(LAST_YEAR);
    await onScreen(s, '.scope__period', exactly(`${LAST_YEAR}年`)).waitFor();
    const before = await figureText(s, 'D1');
    expect(count(before)).toBeGreaterThan(0);

    await yearChip(THIS_YEAR);
    await onScreen(s, '.scope__period', exactly(`${THIS_YEAR}年`)).waitFor();
    await expect(onScreen(s, '#yoy-period').innerText()).resolves.toContain(`与${LAST_YEAR}年相比`);
    const now = count(await figureText(s, 'D1'));
    const pct = Math.round(((now - count(before)) * 1000) / count(before)) / 10;
    const change = `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
    await expect(onScreen(s, '#figure-D1 .figure__yoy').innerText()).resolves.toBe(`去年同期 ${before} · 同比 ${change}`);
    // Every figure has its line, 锦旗 and the publicity figures included.
    for (const id of ['D2', 'D4', 'P2', 'P3']) await expect(onScreen(s, `#figure-${id} .figure__yoy`).innerText()).resolves.toMatch(/^去年同期 \S+ · 同比 (—|[+-]?\d+\.\d%)$/);
    await shot(s, 'supervisor-f1-summary-yoy');

    // By type: each row a type of the district's list; the 化解 column adds up to D1, the 法院移交 one to D3.
    const byType = await splitTable('split-type');
    expect(byType.size).toBeGreaterThan(1);
    expect([...byType.values()].reduce((sum, cells) => sum + count(cells[0]), 0)).toBe(now);
    const d3 = count(await figureText(s, 'D3'));
    expect([...byType.values()].reduce((sum, cells) => sum + count(cells[2]), 0)).toBe(d3);
    // By channel: D1 comes from 民调/警调/裁调/访调, D3 from 诉调 alone.
    const byChannel = await splitTable('split-channel');
    expect(byChannel.get('诉调')?.[2]).toBe(`${d3}件`);
    expect(byChannel.get('诉调')?.[0]).toBe('0件');
    expect([...byChannel.values()].reduce((sum, cells) => sum + count(cells[0]), 0)).toBe(now);
    await onScreen(s, '#split-type').scrollIntoViewIfNeeded();
    await shot(s, 'supervisor-f2-summary-breakdowns');
  });

  test('g. sub-units rank by the figure chosen (发放宣传资料 too), and the first one opens on a tap', async () => {
    await signInAs(s, DISTRICT_SUPERVISOR);
    await openSummary(s);
    const ranked = async () => [...(await bars(s)).entries()].map(([label, text]) => ({ label, n: count(text) }));
    const descending = (xs: { n: number }[]) => xs.every((x, i) => i === 0 || xs[i - 1].n >= x.n);

    expect(descending(await ranked())).toBe(true);
    await tap(s, '.metric-tabs .chip', exactly('发放宣传资料'));
    await onScreen(s, '#ranking .section-title', '按发放宣传资料排名').waitFor();
    const byMaterials = await ranked();
    expect(byMaterials.length).toBeGreaterThan(2);
    expect(descending(byMaterials)).toBe(true);
    expect(byMaterials[0].n).toBeGreaterThan(0);
    for (const label of ['收到锦旗', '解答群众咨询']) await expect(onScreen(s, '.metric-tabs .chip', exactly(label)).count()).resolves.toBe(1);
    await shot(s, 'supervisor-g-ranked-by-materials');

    await tapBar(s, byMaterials[0].label);
    await inScope(s, byMaterials[0].label);
  });

  test('h. at a desk-width window the figures sit beside the charts and the breakdowns side by side', async () => {
    await signInAs(s, DISTRICT_SUPERVISOR);
    const viewport = s.viewportSize()!;
    await s.setViewportSize({ width: 1280, height: 800 });
    try {
      await openSummary(s);
      await onScreen(s, '.summary--wide').waitFor();
      const box = async (selector: string) => (await onScreen(s, selector).boundingBox())!;
      const [figure, charts, byType, byChannel] = [await box('#figure-D1'), await box('#summary-charts'), await box('#split-type'), await box('#split-channel')];
      // The ranking and the trend are to the right of the figures, level with them, not under them.
      expect(charts.x).toBeGreaterThan(figure.x + figure.width);
      expect(charts.y).toBeLessThan(figure.y + figure.height);
      await onScreen(s, '#ranking .bars__row').first().waitFor();
      expect(byChannel.x).toBeGreaterThan(byType.x + byType.width - 1);
      expect(Math.abs(byChannel.y - byType.y)).toBeLessThan(2);
      // Three figures to a row of the left column, each still a target to open its records.
      const d2 = await box('#figure-D2');
      expect(Math.abs(d2.y - figure.y)).toBeLessThan(2);
      await shot(s, 'supervisor-h-desk');
      // Back at a phone's width: one column again.
      await s.setViewportSize(viewport);
      await onScreen(s, '.summary--wide').waitFor({ state: 'detached' });
      const [phoneFigure, phoneCharts] = [await box('#figure-D1'), await box('#summary-charts')];
      expect(phoneCharts.y).toBeGreaterThan(phoneFigure.y + phoneFigure.height);
    } finally {
      await s.setViewportSize(viewport);
    }
  });
});
