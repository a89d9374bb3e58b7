/**
 * 案号 (issue 15) end to end: 李调解 logs a case in 登记纠纷 and sees its 案号, (年份)杏前人调字第N号,
 * on its 我的台账 card and as the first line of the case page, the number the server stored; an
 * edit keeps it. The admin sets 张庄村's 简称 in 组织架构 (a bad one is refused at the field, nothing
 * sent) and the village's next case is numbered with it. Other files log cases on the same
 * server, so N is read, not assumed.
 */
import type { Page } from 'playwright-core';
import type { DisputeView } from '../../types/ledger';
import type { Unit } from '../../types/org';
import { exactly, onPage, onScreen, shot, signInAs, tap } from './browser';
import {
  callAs, caseCard, detailValue, fillCase, logCaseAs, openCase, openNewCaseForm, PAGES, phonesForFile, runToken, seeToast, todayBeijing, watchCalls,
} from './steps';

const YEAR = todayBeijing().slice(0, 4);
const TREE_PAGE = '/packages/admin/tree/index';

let page: Page;
phonesForFile(1, ([phone]) => {
  page = phone.page;
});

afterAll(async () => {
  // Other files' cases at 张庄村 read the default again.
  await callAs('demo-admin', 'org', 'shortCode', { unitId: 'xhy-zz', shortCode: '杏张' });
});

test('a. a case logged in 登记纠纷 shows its 案号 in 我的台账 and first on its page; an edit keeps it', async () => {
  const token = runToken('案号');
  await signInAs(page, '李调解');
  await openNewCaseForm(page);
  await fillCase(page, { type: '邻里', outcome: '调解成功', amountYuan: '300', summary: `${token} 院墙滴水纠纷` });
  await tap(page, '.btn', exactly('提交'));
  await seeToast(page, '已保存');
  await onPage(page, PAGES.myLedger);

  const card = caseCard(page, token);
  const shown = (await card.locator('.case__no').innerText()).trim();
  expect(shown).toMatch(new RegExp(`^\\(${YEAR}\\)杏前人调字第[1-9]\\d*号$`));
  await shot(page, 'case-no-a1-ledger');

  await openCase(page, token);
  await expect(onScreen(page, '.kv__k').first().innerText()).resolves.toBe('案号');
  await expect(detailValue(page, '案号')).resolves.toBe(shown);
  const id = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
  const stored = await callAs<DisputeView>('demo-mediator', 'dispute', 'get', { id });
  expect(stored.ok && stored.data.record.caseNo).toBe(shown);
  await shot(page, 'case-no-a2-case-page');

  await tap(page, '.btn', exactly('修改'));
  await onPage(page, PAGES.disputeForm);
  await fillCase(page, { amountYuan: '350' });
  await tap(page, '.btn', exactly('保存修改'));
  await seeToast(page, '已保存');
  await onPage(page, PAGES.disputeDetail);
  await expect(detailValue(page, '案号')).resolves.toBe(shown);
});

test('b. the admin sets 张庄村\'s 简称 in 组织架构; a bad one is refused at the field; the next case there uses it', async () => {
  const before = await logCaseAs('demo-m-xhy-zz', 'xhy-zz', runToken('简称前'));
  expect(before.caseNo).toMatch(new RegExp(`^\\(${YEAR}\\)杏张人调字第`));

  await signInAs(page, '管理员');
  await tap(page, '.tile .tile__title', exactly('组织架构'));
  await onPage(page, TREE_PAGE);
  await onScreen(page, `#unit-xhy .tree-row__toggle`).tap();
  await tap(page, '.tree-row__name', exactly('张庄村'));
  await expect(onScreen(page, '#short-code-current').innerText()).resolves.toContain('案号简称:杏张(按名称默认)');
  await tap(page, '#short-code-edit');

  const sets = watchCalls(page, 'org', 'shortCode');
  await onScreen(page, '#short-code-input input').fill('ZZ');
  await tap(page, '#short-code-save');
  await expect(onScreen(page, '#short-code .field__error').innerText()).resolves.toBe('单位简称须为1至6个汉字');
  expect(sets.count()).toBe(0);

  await onScreen(page, '#short-code-input input').fill('张庄');
  await tap(page, '#short-code-save');
  await seeToast(page, '简称已保存');
  await expect(onScreen(page, '#short-code-current').innerText()).resolves.toContain(`案号简称:张庄,如 (${YEAR})张庄人调字第1号`);
  expect(sets.stop()).toBe(1);
  await shot(page, 'case-no-b1-short-code');

  const tree = await callAs<{ units: Unit[] }>('demo-admin', 'org', 'tree', {});
  expect(tree.ok && tree.data.units.find((u) => u._id === 'xhy-zz')?.shortCode).toBe('张庄');
  const after = await logCaseAs('demo-m-xhy-zz', 'xhy-zz', runToken('简称后'));
  const n = (no?: string) => Number(/第(\d+)号$/.exec(no ?? '')?.[1]);
  expect(after.caseNo).toMatch(new RegExp(`^\\(${YEAR}\\)张庄人调字第\\d+号$`));
  expect(n(after.caseNo)).toBeGreaterThan(n(before.caseNo));
  // The number given before stays as it was.
  const earlier = await callAs<DisputeView>('demo-township', 'dispute', 'get', { id: before._id });
  expect(earlier.ok ? earlier.data.record.caseNo : earlier.error.message).toBe(before.caseNo);
});
