/**
 * What a half-typed form does between people and between phones: a draft belongs to the
 * user who typed it, an edit saved elsewhere first turns this phone's stale draft into the
 * newest version instead of a refusal forever, and a double tap on 保存修改 saves once.
 */
import type { Page } from 'playwright-core';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { caseCard, confirmModal, cutNetwork, detailValue, eventually, fillCase, openCase, openLedger, PAGES, phonesForFile, restoreNetwork, runToken, seeToast, watchCalls } from './steps';

const MEDIATOR = '李调解';
const OTHER_MEDIATOR = '周调解';

let a: Page;
let b: Page;
phonesForFile(2, ([phoneA, phoneB]) => {
  a = phoneA.page;
  b = phoneB.page;
});

async function newCaseForm(page: Page): Promise<void> {
  await open(page, PAGES.disputeForm);
  await onScreen(page, '#acceptedDate').waitFor();
}

/** From 我的台账 on `page`: the edit form of the case carrying `token`, loaded. */
async function editForm(page: Page, token: string): Promise<void> {
  await openLedger(page);
  await openCase(page, token);
  await tap(page, '.btn', exactly('修改'));
  await onPage(page, PAGES.disputeForm);
  await onScreen(page, '#parties input').waitFor();
}

describe('drafts and edits across people and phones', () => {
  const token = runToken('草稿');

  test('a. a half-typed case stays with the mediator who typed it, not with the next user of the phone', async () => {
    await signInAs(a, MEDIATOR);
    await newCaseForm(a);
    await fillCase(a, { type: '婚姻家庭', summary: `${token} 王小红与刘大强离婚财产纠纷` });

    await signInAs(a, OTHER_MEDIATOR);
    await newCaseForm(a);
    await expect(onScreen(a, '#summary textarea').inputValue()).resolves.toBe('');
    expect(await onScreen(a, '.notice', '已恢复上次未提交的内容').count()).toBe(0);
    await shot(a, 'drafts-a1-other-user-blank-form');

    await signInAs(a, MEDIATOR);
    await newCaseForm(a);
    await onScreen(a, '.notice', '已恢复上次未提交的内容').waitFor();
    await expect(onScreen(a, '#summary textarea').inputValue()).resolves.toBe(`${token} 王小红与刘大强离婚财产纠纷`);
    await tap(a, '.btn', exactly('提交'));
    await onPage(a, PAGES.myLedger);
    await caseCard(a, token).waitFor();
  });

  test('b. an edit saved on another phone first: this phone is told, gets the newest version, and can save on it', async () => {
    await signInAs(b, MEDIATOR);
    await editForm(a, token);
    await onScreen(a, '#banners input').fill('2');
    await editForm(b, token);
    await onScreen(b, '#parties input').fill('5');
    await tap(b, '.btn', exactly('保存修改'));
    await seeToast(b, '已保存');

    await tap(a, '.btn', exactly('保存修改'));
    await seeToast(a, '已被他人修改,已载入最新内容,请重新修改');
    await expect(onScreen(a, '#parties input').inputValue()).resolves.toBe('5');
    await expect(onScreen(a, '#banners input').inputValue()).resolves.not.toBe('2');
    await shot(a, 'drafts-b1-stale-edit-reloaded');

    // A reload does not bring the stale draft back.
    await a.reload();
    await onScreen(a, '#parties input').waitFor();
    expect(await onScreen(a, '.notice', '已恢复上次未提交的内容').count()).toBe(0);
    await onScreen(a, '#banners input').fill('2');
    await tap(a, '.btn', exactly('保存修改'));
    await seeToast(a, '已保存');
    await onPage(a, PAGES.disputeDetail);
    await eventually(() => detailValue(a, '当事人数'), '5');
    await eventually(() => detailValue(a, '锦旗'), '2 面');
  });

  test('c. a double tap on 保存修改 saves once and goes back to the case once', async () => {
    await editForm(a, token);
    await onScreen(a, '#banners input').fill('3');
    const saves = watchCalls(a, 'dispute', 'save');
    await onScreen(a, '.btn', exactly('保存修改')).dblclick();
    await seeToast(a, '已保存');
    await onPage(a, PAGES.disputeDetail);
    // The case page shows what it had until its reload on show answers.
    await eventually(() => detailValue(a, '锦旗'), '3 面');
    await a.waitForTimeout(1_000);
    expect(saves.stop()).toBe(1);
    await onPage(a, PAGES.disputeDetail);
  });

  test('d. an edit made offline and overtaken by another phone: 重新编辑 shows it, says so, and 提交 puts it over', async () => {
    await editForm(a, token);
    await cutNetwork(a);
    await onScreen(a, '#banners input').fill('7');
    await tap(a, '.btn', exactly('保存修改'));
    await seeToast(a, '网络不可用:已存入待上传,联网后自动上传');

    await editForm(b, token);
    await onScreen(b, '#parties input').fill('9');
    await tap(b, '.btn', exactly('保存修改'));
    await seeToast(b, '已保存');

    await restoreNetwork(a);
    // Opening the app sends what waits; the back end refuses the edit as made on an old version.
    await open(a, PAGES.myLedger);
    await onScreen(a, '.outbox__refused', '已被修改').waitFor();
    await tap(a, '.outbox__refused .link', exactly('重新编辑'));
    await onPage(a, PAGES.disputeForm);
    await onScreen(a, '#refused-notice', '已被他人修改').waitFor();
    await expect(onScreen(a, '#banners input').inputValue()).resolves.toBe('7');
    await shot(a, 'drafts-d1-stale-offline-edit-reopened');
    await tap(a, '.btn', exactly('提交'));
    await seeToast(a, '已保存');
    await expect(onScreen(a, '.outbox__refused').count()).resolves.toBe(0);

    await openLedger(a);
    await openCase(a, token);
    await expect(detailValue(a, '锦旗')).resolves.toBe('7 面');
    await tap(a, '.btn', exactly('查看修改记录'));
    await onScreen(a, '.history__item', '当事人数').first().waitFor();
  });

  test('e. an edit made offline of a case deleted meanwhile: no 重新编辑 (no edit gets through), only 放弃', async () => {
    await editForm(a, token);
    await cutNetwork(a);
    await onScreen(a, '#banners input').fill('8');
    await tap(a, '.btn', exactly('保存修改'));
    await seeToast(a, '网络不可用:已存入待上传,联网后自动上传');

    await openLedger(b);
    await openCase(b, token);
    await tap(b, '.btn', exactly('删除'));
    await confirmModal(b, '删除');
    await seeToast(b, '已删除');

    await restoreNetwork(a);
    await open(a, PAGES.myLedger);
    const refused = onScreen(a, '.outbox__refused', '已删除');
    await refused.waitFor();
    await expect(refused.locator('.link', { hasText: exactly('重新编辑') }).count()).resolves.toBe(0);
    await shot(a, 'drafts-e1-deleted-meanwhile');
    await refused.locator('.link', { hasText: exactly('放弃') }).tap();
    await confirmModal(a, '放弃');
    await expect(onScreen(a, '.outbox__refused').count()).resolves.toBe(0);
    await expect(caseCard(a, token).count()).resolves.toBe(0);
  });
});
