/**
 * `npm run serve`'s gateway over HTTP: identity only from the session cookie, sign-in by phone and
 * password with lockout, idle expiry, sign-out, joining and resets through the account function's
 * interface (a stand-in here: its rules are test/handlers/account.test.ts's).
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { Refusal } from '../../cloudfunctions/core/domain/refusal';
import { setPassword } from '../../scripts/auth/credentials';
import type { Accounts } from '../../scripts/auth/routes';
import type { Me, User } from '../../types/org';
import { caseInput } from '../support/world';
import { Browser, startGateway, type TestGateway } from './support';

const MEDIATOR = { id: 'demo-mediator', phone: '13800000001', password: 'qianjin-2025' };
const DAY_MS = 24 * 3600_000;

const joined: { input: unknown; openid: string }[] = [];
const accounts: Accounts = {
  join: async (deps, input, openid) => {
    joined.push({ input, openid });
    if (input.code !== 'GHJKMN2345') return { ok: false, error: { code: 'NOT_FOUND', message: '邀请码无效,请核对后重新输入' } };
    await deps.store.set<User>(C.users, { _id: openid, name: input.name, roles: [{ role: 'mediator', unitId: 'xhy-zz' }] });
    return { ok: true, data: { userId: openid } };
  },
  consumeReset: async (_store, token) => (token === 'reset-token-for-mediator' ? MEDIATOR.id : new Refusal('NOT_FOUND', '链接已失效')),
};

// Each test seeds the demo tree and hashes passwords on a shared machine.
jest.setTimeout(30_000);

let g: TestGateway;
let browser: Browser;
beforeEach(async () => {
  joined.length = 0;
  g = await startGateway('session', accounts);
  await setPassword(g.deps.store, MEDIATOR.id, MEDIATOR.phone, MEDIATOR.password, g.clock.now);
  browser = new Browser(g.url);
});
afterEach(() => g.close());

const whoami = (b = browser, headers?: Record<string, string>) => b.fn('me', 'whoami', undefined, headers);
const signedInAs = async (b = browser) => ((await whoami(b)).body.data as Me | undefined)?.user.name;

test('without a session, /fn and /files answer 401 in Chinese, and x-demo-user names nobody', async () => {
  for (const answer of [
    await whoami(),
    await whoami(browser, { 'x-demo-user': 'demo-admin' }),
    await browser.request('GET', '/files/exports/2025/x.xlsx'),
    await browser.request('POST', '/files/upload?name=a.jpg', { bytes: new Uint8Array([1]) }),
  ]) {
    expect(answer.status).toBe(401);
    expect(answer.body.error?.message).toBe('未登录或登录已过期,请重新登录');
  }
  // No demo picker either.
  expect((await browser.request('GET', '/local/demo-users')).status).toBe(404);
  expect((await browser.request('GET', '/auth/state')).body.data).toEqual({ mode: 'session', signedIn: false });
});

test('a public action (self check-in by a session code) still answers without a session', async () => {
  const answer = await browser.fn('training', 'checkinInfo', { token: 'no-such-token-000000' });
  expect(answer.status).toBe(200);
  expect(answer.body.ok).toBe(false);
});

test('signing in sets an httpOnly, SameSite session cookie whose id is stored only hashed; the header cannot change who calls', async () => {
  const answer = await browser.signIn('138 0000 0001', MEDIATOR.password);
  expect(answer.status).toBe(200);
  expect(answer.body.data).toEqual({ userId: MEDIATOR.id, name: '李调解(前进村调解员)' });
  const cookie = answer.setCookie.find((c) => c.startsWith('fazhi_session='))!;
  expect(cookie).toMatch(/; HttpOnly/);
  expect(cookie).toMatch(/; SameSite=Lax/);
  expect(cookie).toMatch(/; Path=\//);
  const token = browser.cookies.get('fazhi_session')!;
  expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  const sessions = await g.deps.store.find<{ _id: string; userId: string }>(C.sessions, {});
  expect(sessions).toHaveLength(1);
  expect(sessions[0]._id).not.toContain(token);
  expect(sessions[0].userId).toBe(MEDIATOR.id);

  expect(await signedInAs()).toBe('李调解(前进村调解员)');
  const asAdmin = await whoami(browser, { 'x-demo-user': 'demo-admin' });
  expect(asAdmin.status).toBe(409);
  expect(asAdmin.body.data).toBeUndefined();
  expect((await browser.request('GET', '/auth/state')).body.data).toMatchObject({ mode: 'session', signedIn: true, userId: MEDIATOR.id });
});

test('a write queued by one account and sent after another signed in on the same browser waits for its writer', async () => {
  await setPassword(g.deps.store, 'demo-court', '13800000002', 'court-pass-2025', g.clock.now);
  await browser.signIn('13800000002', 'court-pass-2025');
  const queued = caseInput();
  // The outbox names the mediator who queued it; the court's mediator is signed in now.
  const sent = await browser.fn('dispute', 'save', queued, { 'x-demo-user': MEDIATOR.id });
  expect(sent.status).toBe(409);
  expect(sent.body.error?.message).toBe('这条记录由另一账号录入,该账号登录后自动上传');
  expect(await g.deps.store.get(C.disputes, queued.id)).toBeNull();

  await browser.request('POST', '/auth/sign-out');
  await browser.signIn(MEDIATOR.phone, MEDIATOR.password);
  expect((await browser.fn('dispute', 'save', queued, { 'x-demo-user': MEDIATOR.id })).body.ok).toBe(true);
  expect(await g.deps.store.get(C.disputes, queued.id)).toMatchObject({ mediatorId: MEDIATOR.id });
});

test('the password is kept only as a salted scrypt hash', async () => {
  const stored = JSON.stringify(await g.deps.store.find(C.credentials, {}));
  expect(stored).not.toContain(MEDIATOR.password);
  expect(stored).toContain('"phone":"13800000001"');
  await setPassword(g.deps.store, 'demo-court', '13800000002', MEDIATOR.password, g.clock.now);
  const [a, b] = (await g.deps.store.find<{ _id: string; password: { salt: string; hash: string } }>(C.credentials, {}, { sort: { _id: 1 } })).map((c) => c.password);
  expect(a.salt).not.toBe(b.salt);
  expect(a.hash).not.toBe(b.hash);
});

test('a wrong password or an unknown phone is refused alike, and signs nobody in', async () => {
  const wrong = await browser.signIn(MEDIATOR.phone, 'not-the-password');
  expect(wrong.status).toBe(403);
  expect(wrong.body.error?.message).toBe('手机号或密码不正确,还可再试 4 次');
  const unknown = await browser.signIn('13900000000', 'whatever-it-is');
  expect(unknown.body.error?.message).toBe('手机号或密码不正确');
  expect(browser.cookies.size).toBe(0);
  expect((await whoami()).status).toBe(401);
});

test('five wrong passwords lock the account for 15 minutes, the right one included; then it opens again', async () => {
  for (let i = 0; i < 4; i++) expect((await browser.signIn(MEDIATOR.phone, `wrong-${i}`)).status).toBe(403);
  const fifth = await browser.signIn(MEDIATOR.phone, 'wrong-5');
  expect(fifth.status).toBe(423);
  // 02:15 UTC is 10:15 in Beijing.
  expect(fifth.body.error?.message).toBe('密码连续输错5次,账号已锁定至 2025-03-01 10:15(北京时间),请到时再试');
  g.clock.now = new Date(g.clock.now.getTime() + 14 * 60_000);
  expect((await browser.signIn(MEDIATOR.phone, MEDIATOR.password)).status).toBe(423);
  g.clock.now = new Date(g.clock.now.getTime() + 61_000);
  expect((await browser.signIn(MEDIATOR.phone, MEDIATOR.password)).status).toBe(200);
  // The count starts again after a right one.
  expect((await new Browser(g.url).signIn(MEDIATOR.phone, 'wrong-again')).body.error?.message).toMatch(/还可再试 4 次/);
});

test('five wrong passwords sent at once still lock', async () => {
  const answers = await Promise.all([0, 1, 2, 3, 4].map((i) => new Browser(g.url).signIn(MEDIATOR.phone, `parallel-${i}`)));
  expect(answers.map((a) => a.status).sort()).toEqual([403, 403, 403, 403, 423]);
});

test('a session ends after 30 days unused; each use (written at most hourly) keeps it going', async () => {
  await browser.signIn(MEDIATOR.phone, MEDIATOR.password);
  g.clock.now = new Date(g.clock.now.getTime() + 29 * DAY_MS);
  expect(await signedInAs()).toBeDefined();
  g.clock.now = new Date(g.clock.now.getTime() + 29 * DAY_MS);
  expect(await signedInAs()).toBeDefined();
  g.clock.now = new Date(g.clock.now.getTime() + 30 * DAY_MS + 60_000);
  expect((await whoami()).status).toBe(401);
  expect(await g.deps.store.count(C.sessions, {})).toBe(0);
});

test('signing out ends the session on the server, not only in the browser', async () => {
  await browser.signIn(MEDIATOR.phone, MEDIATOR.password);
  const token = browser.cookies.get('fazhi_session')!;
  const out = await browser.request('POST', '/auth/sign-out');
  expect(out.setCookie[0]).toMatch(/^fazhi_session=; .*Max-Age=0/);
  expect((await whoami()).status).toBe(401);
  // The old cookie, kept by someone, is worth nothing.
  const copy = new Browser(g.url);
  copy.cookies.set('fazhi_session', token);
  expect((await whoami(copy)).status).toBe(401);
});

test('a deactivated user cannot sign in', async () => {
  const user = (await g.deps.store.get<User>(C.users, MEDIATOR.id))!;
  await g.deps.store.set(C.users, { ...user, active: false });
  const answer = await browser.signIn(MEDIATOR.phone, MEDIATOR.password);
  expect(answer.status).toBe(403);
  expect(answer.body.error?.message).toBe('您的账号已停用,请联系管理员');
});

test('joining: the gateway names the newcomer, keeps the password hashed and signs them in; the phone then signs in', async () => {
  const answer = await browser.request('POST', '/auth/join', { json: { code: 'GHJKMN2345', name: '张新', phone: '13900001111', password: 'zhangzhuang-1' } });
  expect(answer.status).toBe(200);
  expect(joined).toHaveLength(1);
  // The function is not handed the password, and the id is the gateway's, unguessable.
  expect(joined[0].input).toEqual({ code: 'GHJKMN2345', name: '张新', phone: '13900001111' });
  expect(joined[0].openid).toMatch(/^u-[0-9a-f]{32}$/);
  expect(await signedInAs()).toBe('张新');
  expect(await signedInAs(new Browser(g.url))).toBeUndefined();
  const again = new Browser(g.url);
  expect((await again.signIn('13900001111', 'zhangzhuang-1')).status).toBe(200);
  expect(await signedInAs(again)).toBe('张新');
});

test('joining refuses a phone already signed in with, a missing password and a bad code, creating nothing', async () => {
  const taken = await browser.request('POST', '/auth/join', { json: { code: 'GHJKMN2345', name: '冒名', phone: MEDIATOR.phone, password: 'another-pass' } });
  expect(taken.body.error?.message).toBe('该手机号已注册,请直接登录');
  const noPassword = await browser.request('POST', '/auth/join', { json: { code: 'GHJKMN2345', name: '张新', phone: '13900001111' } });
  expect(noPassword.body.error?.message).toBe('请设置密码');
  const badCode = await browser.request('POST', '/auth/join', { json: { code: 'BBBBBBBBBB', name: '张新', phone: '13900001111', password: 'zhangzhuang-1' } });
  expect(badCode.body.error?.message).toBe('邀请码无效,请核对后重新输入');
  expect(joined.map((j) => j.input)).toEqual([expect.objectContaining({ code: 'BBBBBBBBBB' })]);
  expect(await g.deps.store.count(C.credentials, {})).toBe(1);
  expect(browser.cookies.size).toBe(0);
});

test('a reset link sets a new password, ends every other session and signs in', async () => {
  const elsewhere = new Browser(g.url);
  await elsewhere.signIn(MEDIATOR.phone, MEDIATOR.password);
  const reset = await browser.request('POST', '/auth/reset', { json: { token: 'reset-token-for-mediator', password: 'a-new-password' } });
  expect(reset.status).toBe(200);
  expect(await signedInAs()).toBe('李调解(前进村调解员)');
  expect((await whoami(elsewhere)).status).toBe(401);
  expect((await new Browser(g.url).signIn(MEDIATOR.phone, MEDIATOR.password)).status).toBe(403);
  expect((await new Browser(g.url).signIn(MEDIATOR.phone, 'a-new-password')).status).toBe(200);
  const used = await browser.request('POST', '/auth/reset', { json: { token: 'reset-token-for-someone', password: 'a-new-password' } });
  expect(used.body.error?.message).toBe('链接已失效');
});
