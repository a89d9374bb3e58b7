/**
 * Letting people in (issue 12), end to end in `npm run serve`: the one-time link's opener joins on
 * the 加入 page as the district admin, adds a village and invites a mediator to it; the invitee,
 * on another phone, opens the invitation's link, joins with a password, signs out and in again and
 * logs a case; the admin sees them and their record under 用户管理 and deactivates them; their next
 * save is refused with the message the phone shows, and stores nothing.
 */
import type { Page } from 'playwright-core';
import { exactly, onPage, onScreen, shot, tap } from './browser';
import { confirmModal, fillCase, PAGES, phonesForFile, runToken, seeToast } from './steps';
import { startServe, type ServeServer } from './serve-server';

const ADMIN = { name: '区管理员', phone: '13700002345', password: 'admin-pass-e2e' };
const MEDIATOR = { name: '刘调解', phone: '13900004321', password: 'mediator-pass-e2e' };
const VILLAGE = '前进村';

let serve: ServeServer;
beforeAll(async () => {
  serve = await startServe();
}, 90_000);
afterAll(() => serve?.stop());

let a: Page;
let m: Page;
phonesForFile(2, ([adminPhone, mediatorPhone]) => {
  a = adminPhone.page;
  m = mediatorPhone.page;
});

/** A home tile, by its title, on the serve server's app. */
async function fromHome(page: Page, title: string, pagePath: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${serve.url}/#${PAGES.home}`);
  await tap(page, '.tile .tile__title', exactly(title));
  await onPage(page, pagePath);
}

/** On the 加入 page an invitation opened: who it is for, then name, phone, password and 加入. */
async function join(page: Page, link: string, who: { name: string; phone: string; password: string }, unit: string, role: string): Promise<void> {
  await page.goto(link);
  await onScreen(page, '#join-unit', exactly(unit)).waitFor();
  await onScreen(page, '.muted', `角色:${role}`).waitFor();
  await onScreen(page, '#join-name input').fill(who.name);
  await onScreen(page, '#join-phone input').fill(who.phone);
  await onScreen(page, '#join-password input').fill(who.password);
  await tap(page, '#join-submit');
  await onPage(page, PAGES.home);
  await onScreen(page, '.who__name', who.name).waitFor();
}

test('the one-time link’s opener joins on the 加入 page as the district admin', async () => {
  await join(a, serve.link, ADMIN, '测试区', '管理员');
  await shot(a, 'accounts-admin-home');
  // Used once: opened again it creates nobody.
  await a.goto(serve.link);
  await onScreen(a, '#join-state', '此邀请已用完').waitFor();
});

let invitation = '';

test('the admin adds a village and invites a mediator to it: a link and a QR', async () => {
  await fromHome(a, '组织架构', PAGES.tree);
  await tap(a, '.tree-row__name', exactly('测试区'));
  await tap(a, '#unit-actions .btn', exactly('添加下级'));
  await onScreen(a, '#unit-name input').fill(VILLAGE);
  await tap(a, '#unit-actions .btn', exactly('添加'));
  await seeToast(a, '已添加');

  await fromHome(a, '邀请成员', PAGES.invite);
  await tap(a, '.chip', exactly(VILLAGE));
  await tap(a, '.chip', exactly('调解员'));
  await tap(a, '#invite-create');
  await seeToast(a, '已生成邀请');
  await onScreen(a, '#invite-qr').waitFor();
  invitation = (await onScreen(a, '#invite-url').innerText()).trim();
  expect(invitation).toMatch(new RegExp(`^${serve.url}/#/pages/join/index\\?code=\\w+$`));
  await onScreen(a, '.invite__title', `${VILLAGE} · 调解员`).waitFor();
  await shot(a, 'accounts-invite');
});

const token = runToken('邀请加入');

test('the invitee joins on another phone, signs out and in with the password, and logs a case', async () => {
  await join(m, invitation, MEDIATOR, VILLAGE, '调解员');
  await tap(m, '#sign-out');
  await confirmModal(m, '退出');
  await onPage(m, PAGES.signIn);
  await onScreen(m, '#phone input').fill(MEDIATOR.phone);
  await onScreen(m, '#password input').fill(MEDIATOR.password);
  await tap(m, '#sign-in');
  await onPage(m, PAGES.home);
  await onScreen(m, '.who__name', MEDIATOR.name).waitFor();

  await fromHome(m, '登记纠纷', PAGES.disputeForm);
  await fillCase(m, { type: '邻里', outcome: '调解成功', summary: `${token} 宅前排水沟纠纷` });
  await tap(m, '.btn', exactly('提交'));
  await seeToast(m, '已保存');
  await fromHome(m, '我的台账', PAGES.myLedger);
  await onScreen(m, '.case', token).waitFor();

  // The admin's invitation list names who joined through it.
  await fromHome(a, '邀请成员', PAGES.invite);
  await onScreen(a, '.invite__joined', `已加入:${MEDIATOR.name}`).waitFor();
});

test('the admin deactivates the mediator; their next save is refused and stores nothing', async () => {
  await fromHome(m, '登记纠纷', PAGES.disputeForm);
  await fillCase(m, { type: '邻里', outcome: '调解成功', summary: `${token} 停用后` });

  await fromHome(a, '用户管理', PAGES.users);
  const card = onScreen(a, '.user', MEDIATOR.name);
  await card.locator('.muted', { hasText: '登记1条' }).waitFor();
  await card.locator('.link', { hasText: exactly('管理') }).tap();
  await card.locator('.btn', { hasText: exactly('停用账号') }).tap();
  await confirmModal(a, '停用');
  await card.locator('.badge', { hasText: exactly('已停用') }).waitFor();
  await shot(a, 'accounts-deactivated');

  await tap(m, '.btn', exactly('提交'));
  await seeToast(m, '您的账号已停用,请联系管理员');
  // Their records stay, and nothing more was stored.
  await fromHome(a, '用户管理', PAGES.users);
  await onScreen(a, '.user', MEDIATOR.name).locator('.muted', { hasText: '登记1条' }).waitFor();
});
