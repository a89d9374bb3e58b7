/**
 * 矛盾纠纷排查 end to end: the village mediator 李调解 opens 矛盾纠纷排查 from the home page and
 * records a round; 发现纠纷 '-1' and an emptied date are refused at their fields in Chinese and
 * nothing is sent; the round saved is in the village's list; then the township supervisor 赵所长
 * opens 统计报表 for this month and sees 排查次数 1 with the round's 发现纠纷 and 预防纠纷.
 */
import type { Page } from 'playwright-core';
import type { Screening } from '../../types/screening';
import { exactly, onPage, onScreen, shot, signInAs, tap } from './browser';
import { callAs, PAGES, phonesForFile, runToken, todayBeijing, watchCalls } from './steps';

const MEDIATOR = '李调解';
const TOWNSHIP_SUPERVISOR = '赵所长';
const TODAY = todayBeijing();

let page: Page;
phonesForFile(1, ([phone]) => {
  page = phone.page;
});

const errorAt = (id: string) => onScreen(page, `.field:has(#${id}) .field__error`).innerText();
const typeInto = async (id: string, text: string) => {
  await onScreen(page, `#${id} input`).fill('');
  await onScreen(page, `#${id} input`).pressSequentially(text);
};

describe('矛盾纠纷排查', () => {
  const note = runToken('排查');

  test('a. the village mediator records a round; bad input is refused at its field and nothing is sent', async () => {
    await signInAs(page, MEDIATOR);
    await tap(page, '.tile .tile__title', exactly('矛盾纠纷排查'));
    await onPage(page, PAGES.screeningList);
    await tap(page, '#new-screening');
    await onPage(page, PAGES.screeningForm);
    await expect(onScreen(page, '#screening-date').inputValue()).resolves.toBe(TODAY);

    const saves = watchCalls(page, 'dispute', 'screeningSave');
    await typeInto('screening-found', '-1');
    await tap(page, '#save-screening');
    await expect(errorAt('screening-found')).resolves.toBe('发现纠纷不能为负数');
    await typeInto('screening-found', '3');
    await onScreen(page, '#screening-date').fill('');
    await tap(page, '#save-screening');
    await expect(errorAt('screening-date')).resolves.toBe('请选择排查日期');
    await shot(page, 'screening-a1-refused');
    expect(saves.stop()).toBe(0);

    await onScreen(page, '#screening-date').fill(TODAY);
    await typeInto('screening-prevented', '2');
    await onScreen(page, '#screening-note textarea').fill(note);
    await tap(page, '#save-screening');
    await onPage(page, PAGES.screeningList);
    const card = onScreen(page, '.case', note);
    await card.waitFor();
    await expect(card.innerText()).resolves.toContain('发现纠纷 3 件 · 预防纠纷 2 件');
    await expect(onScreen(page, '#screening-total').innerText()).resolves.toBe('共 1 次排查 · 发现纠纷 3 件 · 预防纠纷 2 件');
    await shot(page, 'screening-a2-list');
    // The month filter is labelled and reads 全部月份 until a month is picked, then offers it back.
    await onScreen(page, '.filters .field__label', exactly('月份')).waitFor();
    await onScreen(page, '.filters .muted', exactly('全部月份')).waitFor();
    await onScreen(page, '#screening-month').fill(TODAY.slice(0, 7));
    await tap(page, '#screening-month-clear', exactly('全部月份'));
    await expect(onScreen(page, '#screening-month').inputValue()).resolves.toBe('');
    await card.waitFor();
    // Stored once, as typed.
    const listed = await callAs<Screening[]>('demo-mediator', 'dispute', 'screenings', {});
    expect(listed.ok && listed.data.map((s) => [s.date, s.found, s.prevented, s.note])).toEqual([[TODAY, 3, 2, note]]);
  });

  test('b. the township’s 统计报表 for this month shows 排查次数 1 and the round’s numbers', async () => {
    await signInAs(page, TOWNSHIP_SUPERVISOR);
    await tap(page, '.tile .tile__title', exactly('统计报表'));
    await onPage(page, PAGES.stats);
    await onScreen(page, '#stats-unit', exactly('杏花营镇')).waitFor();
    await tap(page, '.period .chip', exactly(`${TODAY.slice(0, 4)}年`));
    await tap(page, '.period .chip', exactly(`${Number(TODAY.slice(5, 7))}月`));
    await onScreen(page, '#stats-period', new RegExp(`${Number(TODAY.slice(5, 7))}月`)).waitFor();
    const value = (line: string) => onScreen(page, `#line-${line} .stat-line__value`).innerText();
    await onScreen(page, '#line-排查次数 .stat-line__value', exactly('1')).waitFor();
    await expect(value('排查发现纠纷')).resolves.toBe('3');
    await expect(value('预防纠纷')).resolves.toBe('2');
    // The village's row carries it: the rows add up to the township's line.
    await tap(page, '#sort-排查次数');
    await expect(onScreen(page, '.stats-row:not(#stats-total) .stats-row__unit').first().innerText()).resolves.toBe('前进村');
    await shot(page, 'screening-b1-stats');
  });
});
