/**
 * A server fault is not being offline (issue 10, item 7), end to end: 李调解 saves a case
 * while the dispute function answers 500 (服务暂时不可用, not saved yet, 重试 lands it once),
 * while the request hangs (after the 15 s limit it waits in the outbox, then lands once), and
 * while it is refused (its message, never queued). The faults are made by intercepting the
 * browser's POST /fn/dispute; the 15 s pass on the page's fake clock, not in real time.
 */
import type { Page, Route } from 'playwright-core';
import { exactly, onPage, onScreen, shot, signInAs, tap } from './browser';
import { caseCard, eventually, fillCase, interceptCalls, openLedger, openNewCaseForm, PAGES, phonesForFile, runToken, seeToast, watchCalls } from './steps';

const MEDIATOR = '李调解';
/** The app's own limit (src/services/backend.ts REQUEST_TIMEOUT_MS). */
const REQUEST_TIMEOUT_MS = 15_000;

let m: Page;
phonesForFile(1, async ([phone]) => {
  m = phone.page;
  // Time flows as usual until a test jumps it forward.
  await m.clock.install();
  await signInAs(m, MEDIATOR);
});

afterEach(async () => {
  await m.unroute('**/fn/dispute').catch(() => undefined);
});

/** On 我的台账 afresh: how many cards carry `token` (the case is listed once, or not at all). */
async function cardsWith(token: string): Promise<number> {
  await openLedger(m);
  return caseCard(m, token).count();
}

test('a. the function answers 500: 服务暂时不可用, not saved yet; 重试 once it recovers lands it, once', async () => {
  const token = runToken('故障');
  await interceptCalls(m, 'dispute', 'save', (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<html>Internal Server Error</html>' }));
  await openNewCaseForm(m);
  await fillCase(m, { type: '邻里', summary: `${token} 院墙` });
  await tap(m, '.btn', exactly('提交'));

  const notice = onScreen(m, '#fault-notice');
  await notice.waitFor();
  await expect(notice.innerText()).resolves.toMatch(/服务暂时不可用.*还没有保存/s);
  // Still on the form, with what was typed.
  await onPage(m, PAGES.disputeForm);
  await expect(onScreen(m, '#summary textarea').inputValue()).resolves.toBe(`${token} 院墙`);
  // Large enough for older village staff: text of 16 px or more, a 重试 at least 44 px tall.
  const fontPx = await notice.locator('.fault__text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontPx).toBeGreaterThanOrEqual(16);
  const retry = onScreen(m, '#fault-retry');
  expect((await retry.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await shot(m, 'faults-a1-server-fault');

  await m.unroute('**/fn/dispute');
  const saves = watchCalls(m, 'dispute', 'save', token);
  await retry.tap();
  await seeToast(m, '已保存');
  await onPage(m, PAGES.myLedger);
  await onScreen(m, '#outbox-pending').waitFor({ state: 'detached' });
  expect(saves.stop()).toBeGreaterThanOrEqual(1);
  await expect(cardsWith(token)).resolves.toBe(1);
});

test('b. the request hangs: after 15 s it waits in the outbox (not spinning), and lands once when sent again', async () => {
  const token = runToken('超时');
  const hung: Route[] = [];
  await interceptCalls(m, 'dispute', 'save', (route) => void hung.push(route));
  await openNewCaseForm(m);
  await fillCase(m, { type: '邻里', summary: `${token} 排水沟` });
  await tap(m, '.btn', exactly('提交'));
  await eventually(async () => hung.length, 1);
  // Still waiting for an answer just before the limit.
  await m.clock.fastForward(REQUEST_TIMEOUT_MS - 1_000);
  await new Promise((r) => setTimeout(r, 300));
  expect(new URL(m.url()).hash).toBe(`#${PAGES.disputeForm}`);
  await expect(onScreen(m, '#outbox-pending').count()).resolves.toBe(0);

  await m.clock.fastForward(1_000);
  await seeToast(m, '网络不畅:已存入待上传,稍后自动上传');
  await onPage(m, PAGES.myLedger);
  await expect(onScreen(m, '#outbox-pending').innerText()).resolves.toMatch(/待上传\s*1\s*条/);
  await shot(m, 'faults-b1-timed-out-into-outbox');

  // What still hangs is cut off (the app gave up on the first; a retry of the outbox's may be on
  // its way and then finds no answer either), then the function recovers.
  await Promise.all(hung.map((r) => r.abort('timedout').catch(() => undefined)));
  await m.unroute('**/fn/dispute');
  await expect(onScreen(m, '#outbox-pending').innerText()).resolves.toMatch(/待上传\s*1\s*条/);
  const saves = watchCalls(m, 'dispute', 'save', token);
  await tap(m, '.outbox__row', '点此重试');
  await onScreen(m, '#outbox-pending').waitFor({ state: 'detached' });
  expect(saves.stop()).toBeGreaterThanOrEqual(1);
  await expect(cardsWith(token)).resolves.toBe(1);
});

test('c. a refusal still shows its own message and is never queued', async () => {
  const token = runToken('拒绝');
  const message = '纠纷类型不在本区列表中';
  await interceptCalls(m, 'dispute', 'save', (route) => route.fulfill({ json: { ok: false, error: { code: 'INVALID', message } } }));
  await openNewCaseForm(m);
  await fillCase(m, { type: '邻里', summary: `${token} 借款` });
  await tap(m, '.btn', exactly('提交'));
  await seeToast(m, message);
  await onPage(m, PAGES.disputeForm);
  await expect(onScreen(m, '#fault-notice').count()).resolves.toBe(0);
  await expect(onScreen(m, '#outbox-pending').count()).resolves.toBe(0);
  await m.unroute('**/fn/dispute');
  await expect(cardsWith(token)).resolves.toBe(0);
});
