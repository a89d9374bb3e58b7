/**
 * 回访 end to end: 李调解 logs a case closed 调解成功 31 days ago; the home page's 待回访 goes up by
 * one (1 件 on a fresh server); its tap opens 我的台账 filtered to the cases due, the case is there;
 * on the case page a 回访 without its 方式 is refused at the field and nothing is sent; recorded, it
 * is listed and the home page's count is back down. 赵所长 (杏花营镇司法所) sees the township's 待回访
 * go up with the village's case and down with its 回访, and its list holds as many as the count says.
 */
import type { Page } from 'playwright-core';
import type { DueView } from '../../types/followup';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { addDays, callAs, caseCard, eventually, fillCase, ledgerTotal, openCase, PAGES, phonesForFile, runToken, seeToast, todayBeijing, watchCalls } from './steps';

const MEDIATOR = '李调解';
const TOWNSHIP_SUPERVISOR = '赵所长';
const TODAY = todayBeijing();

let page: Page;
phonesForFile(1, ([phone]) => {
  page = phone.page;
});

/** The number a home-page count row shows ('待回访 … 3 件 ›'), once the card has loaded. */
async function dueOnHome(rowId: string): Promise<number> {
  const row = onScreen(page, `#${rowId}`);
  await row.waitFor();
  return Number(/(\d+)\s*件/.exec(await row.innerText())![1]);
}
const townshipDue = async () => {
  const res = await callAs<DueView>('demo-township', 'dispute', 'due', {});
  if (!res.ok) throw new Error(res.error.message);
  return res.data.units[0].counts.followUp;
};

describe('回访', () => {
  const token = runToken('回访');
  let mineBefore = 0;
  let townshipBefore = 0;

  test('a. a case closed 调解成功 31 days ago makes the home page say 待回访 one more', async () => {
    await signInAs(page, MEDIATOR);
    mineBefore = await dueOnHome('due-mine-followUp');
    townshipBefore = await townshipDue();
    await shot(page, 'followup-a1-home-before');

    await tap(page, '.tile .tile__title', exactly('登记纠纷'));
    await onPage(page, PAGES.disputeForm);
    await fillCase(page, { type: '邻里', outcome: '调解成功', acceptedDate: addDays(TODAY, -35), resolvedDate: addDays(TODAY, -31), summary: `${token} 宅基地界址争议` });
    await tap(page, '.chip', exactly('书面'));
    await tap(page, '.btn', exactly('提交'));
    await seeToast(page, '已保存');

    await open(page, PAGES.home);
    await eventually(() => dueOnHome('due-mine-followUp'), mineBefore + 1);
    await shot(page, 'followup-a2-home-due');
  });

  test('b. 赵所长 sees the village’s case in 杏花营镇’s 待回访, and a list as long as the count', async () => {
    await signInAs(page, TOWNSHIP_SUPERVISOR);
    expect(townshipBefore).toBeGreaterThanOrEqual(0);
    const shown = await dueOnHome('due-xhy-followUp');
    expect(shown).toBe(townshipBefore + 1);
    await tap(page, '#due-xhy-followUp');
    await onPage(page, PAGES.myLedger);
    await expect(onScreen(page, '#due-filter').innerText()).resolves.toBe('待回访 · 杏花营镇');
    await expect(ledgerTotal(page)).resolves.toBe(shown);
    // A supervisor's list: nothing to log from here.
    await expect(onScreen(page, '.btn', '登记纠纷').count()).resolves.toBe(0);
    await shot(page, 'followup-b1-township-list');
  });

  test('c. 李调解 taps 待回访, records the 回访 on the case page (a missing 方式 refused at its field), and the home page says one fewer', async () => {
    await signInAs(page, MEDIATOR);
    await tap(page, '#due-mine-followUp');
    await onPage(page, PAGES.myLedger);
    await expect(onScreen(page, '#due-filter').innerText()).resolves.toBe('待回访');
    await expect(ledgerTotal(page)).resolves.toBe(mineBefore + 1);
    await caseCard(page, token).waitFor();
    await openCase(page, token);
    await expect(onScreen(page, '#follow-up-due').innerText()).resolves.toBe(`回访已到期(${addDays(TODAY, -1)}),请尽快回访`);
    await expect(onScreen(page, '#follow-up-date').inputValue()).resolves.toBe(TODAY);

    const saves = watchCalls(page, 'dispute', 'followUpSave');
    await tap(page, '#follow-up-card .chip', exactly('已履行'));
    await tap(page, '#save-follow-up');
    await onScreen(page, '#follow-up-card .field__error', exactly('请选择回访方式')).waitFor();
    await expect(onScreen(page, '#follow-up-card .field__error').allInnerTexts()).resolves.toEqual(['请选择回访方式']);
    expect(saves.count()).toBe(0);
    await shot(page, 'followup-c1-refused');

    await tap(page, '#follow-up-card .chip', exactly('电话'));
    await onScreen(page, '#follow-up-note textarea').fill('电话联系双方,已按协议履行');
    await tap(page, '#save-follow-up');
    await seeToast(page, '已保存');
    await onScreen(page, '.follow-up', `${TODAY} · 电话回访 · 已履行`).waitFor();
    await expect(onScreen(page, '.follow-up').innerText()).resolves.toContain('电话联系双方,已按协议履行');
    await expect(onScreen(page, '#follow-up-due').count()).resolves.toBe(0);
    expect(saves.stop()).toBe(1);
    await shot(page, 'followup-c2-recorded');

    await open(page, PAGES.home);
    await eventually(() => dueOnHome('due-mine-followUp'), mineBefore);
    await shot(page, 'followup-c3-home-after');
  });

  test('d. 赵所长’s 待回访 is down again', async () => {
    await signInAs(page, TOWNSHIP_SUPERVISOR);
    await eventually(() => dueOnHome('due-xhy-followUp'), townshipBefore);
  });
});
