/**
 * `npm run serve` as a district starts it (serve-server.ts). The printed one-time link makes
 * its opener the district admin; the admin signs in with phone and password, sees home, signs out;
 * five wrong passwords lock the account. Headers name nobody; /fn and /files need a session.
 * (The invitation chain, join page included, is accounts.e2e.ts's.)
 */
import { onScreen, shot, tap } from './browser';
import { confirmModal, phonesForFile } from './steps';
import type { Phone } from './browser';
import { startServe, type ServeServer } from './serve-server';

const ADMIN = { name: '区管理员', phone: '13700001234', password: 'serve-e2e-pass' };

let serve: ServeServer;
let url = '';
let link = '';

beforeAll(async () => {
  serve = await startServe();
  ({ url, link } = serve);
}, 90_000);

afterAll(() => serve?.stop());

let phone: Phone;
phonesForFile(1, ([p]) => {
  phone = p;
});

test('the one-time link is this server’s, and without a session /fn and /files answer 401 whatever x-demo-user says', async () => {
  expect(link.startsWith(`${url}/#/pages/join/index?code=`)).toBe(true);
  const fn = await fetch(`${url}/fn/me`, { method: 'POST', headers: { 'x-demo-user': 'demo-admin' }, body: JSON.stringify({ action: 'whoami' }) });
  expect(fn.status).toBe(401);
  expect(((await fn.json()) as { error: { message: string } }).error.message).toMatch(/请重新登录/);
  expect((await fetch(`${url}/files/exports/x.xlsx`, { headers: { 'x-demo-user': 'demo-admin' } })).status).toBe(401);
  // No demo user list: the address is only the app's page.
  expect((await fetch(`${url}/local/demo-users`)).headers.get('content-type')).toMatch(/^text\/html/);
});

test('the link’s opener joins as admin with a password, signs in, sees home, and signs out', async () => {
  const { page } = phone;
  await page.goto(link);
  const code = new URL(link.replace('/#', '')).searchParams.get('code');
  // What the join page sends (its form is accounts.e2e.ts's): the browser's own request, so the cookie is its.
  const joined = await page.evaluate(
    async (input) => (await fetch('/auth/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) })).json(),
    { code, name: ADMIN.name, phone: ADMIN.phone, password: ADMIN.password },
  );
  expect(joined).toMatchObject({ ok: true, data: { name: ADMIN.name } });
  // The link was for one person.
  const again = await fetch(`${url}/auth/join`, { method: 'POST', body: JSON.stringify({ code, name: '又一人', phone: '13700005678', password: 'another-pass' }) });
  expect(((await again.json()) as { ok: boolean }).ok).toBe(false);

  await page.goto(`${url}/#/pages/sign-in/index`);
  await onScreen(page, '#phone input').fill(ADMIN.phone);
  await onScreen(page, '#password input').fill(ADMIN.password);
  await tap(page, '#sign-in');
  await page.waitForURL((u) => u.hash.startsWith('#/pages/index/index'));
  await onScreen(page, '.who__name', ADMIN.name).waitFor();
  expect(await onScreen(page, '#demo-mark').count()).toBe(0);
  await shot(page, 'serve-home');

  await tap(page, '#sign-out');
  await confirmModal(page, '退出');
  await page.waitForURL((u) => u.hash.startsWith('#/pages/sign-in/index'));
  const after = await page.evaluate(async () => (await fetch('/fn/me', { method: 'POST', body: JSON.stringify({ action: 'whoami' }) })).status);
  expect(after).toBe(401);
});

test('five wrong passwords lock the account, and the page says until when', async () => {
  const { page } = phone;
  await page.goto(`${url}/#/pages/sign-in/index`);
  await onScreen(page, '#phone input').fill(ADMIN.phone);
  for (let i = 1; i <= 5; i++) {
    await onScreen(page, '#password input').fill(`wrong-${i}`);
    await tap(page, '#sign-in');
    await onScreen(page, '#sign-in-error', i < 5 ? `还可再试 ${5 - i} 次` : '账号已锁定至').waitFor();
  }
  await onScreen(page, '#password input').fill(ADMIN.password);
  await tap(page, '#sign-in');
  await onScreen(page, '#sign-in-error', /账号已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
  await shot(page, 'serve-locked');
});
