/**
 * Steps the browser tests share: their phones, reading 汇总's figures and
 * 我的台账's count off the screen, filling the 登记纠纷 form, toasts and modals,
 * and counting the function calls that actually reached the server.
 */
import type { Page, Request } from 'playwright-core';
import type { ApiResult, FunctionName } from '../../types/api';
import { PAGES } from '../../src/services/routes';
import { addDays } from '../../types/dates';
import type { Dispute, DisputeInput } from '../../types/dispute';
import { exactly, launchPhone, onPage, onScreen, open, shot, tap, type Phone } from './browser';
import { serverUrl } from './server';

export { addDays };

/** The app's own page paths (a plain constant module, no Taro imports). */
export { PAGES } from '../../src/services/routes';

/**
 * The `count` phones a test file drives: launched before its first test, then `ready` (to take
 * their pages, sign in…); closed after its last test. An uncaught exception in any of their pages
 * fails the test that caused it.
 */
export function phonesForFile(count: number, ready: (phones: Phone[]) => void | Promise<void>): void {
  let phones: Phone[] = [];
  beforeAll(async () => {
    phones = await Promise.all(Array.from({ length: count }, () => launchPhone()));
    await ready(phones);
  });
  afterAll(async () => {
    await Promise.all(phones.map((phone) => phone.close()));
  });
  afterEach(() => {
    expect(phones.flatMap((phone) => phone.pageErrors.splice(0))).toEqual([]);
  });
}

/** One more phone for a test's `steps`, closed after them; an uncaught exception in its page fails the test. */
export async function onAnotherPhone(steps: (phone: Phone) => Promise<void>): Promise<void> {
  const phone = await launchPhone();
  try {
    await steps(phone);
    expect(phone.pageErrors).toEqual([]);
  } finally {
    await phone.close();
  }
}

/** Today in Beijing, as the app dates cases. */
export function todayBeijing(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A token unique to this run, for finding the cases a test made among everyone else's. */
export function runToken(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** '36855433.90元' → 3685543390 (fen, integer: no float drift in the comparison). */
export function fenOf(text: string): number {
  const m = /(\d+)(?:\.(\d{1,2}))?\s*元/.exec(text.replace(/[,，\s]/g, ''));
  if (!m) throw new Error(`no yuan amount in ${JSON.stringify(text)}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export interface Figures {
  /** D1, cases (件). */
  D1: number;
  /** D2's exact value, in fen. */
  D2fen: number;
  /** D3, court-referred cases (件). */
  D3: number;
}

/** On the 汇总 page already open: D1, D2 (exact) and D3 off their cards. */
export async function figuresOnScreen(page: Page): Promise<Figures> {
  const text = async (id: string, part = '.figure__text') => {
    const card = onScreen(page, `#figure-${id}`);
    await card.waitFor();
    return (await card.locator(part).innerText()).trim();
  };
  const d1 = await text('D1');
  const d3 = await text('D3');
  const d2Exact = await text('D2', '.figure__exact');
  expect(d1).toMatch(/^\d+件$/);
  expect(d3).toMatch(/^\d+件$/);
  expect(d2Exact).toMatch(/^精确值\s*\d+\.\d{2}元$/);
  return { D1: parseInt(d1, 10), D2fen: fenOf(d2Exact), D3: parseInt(d3, 10) };
}

/** Opens 汇总 afresh (this year, the top of the viewer's reach) and reads its figures. */
export async function readFigures(page: Page, screenshot?: string): Promise<Figures> {
  await open(page, PAGES.summary);
  await onPage(page, PAGES.summary);
  await onScreen(page, '#scope-name').waitFor();
  const figures = await figuresOnScreen(page);
  if (screenshot) await shot(page, screenshot);
  return figures;
}

/** On 我的台账: the '共 N 件' count once the list has loaded. */
export async function ledgerTotal(page: Page): Promise<number> {
  const total = onScreen(page, '#ledger-total');
  await total.waitFor();
  // A search's line is '找到 N 件' (it is not counted beyond the page), the rest '共 N 件'.
  return Number(/(?:共|找到)\s*(\d+)\s*件/.exec(await total.innerText())![1]);
}

/** Opens 我的台账 afresh and answers its count. */
export async function openLedger(page: Page): Promise<number> {
  await open(page, PAGES.myLedger);
  await onPage(page, PAGES.myLedger);
  return ledgerTotal(page);
}

/** Waits for a toast (Taro's H5 `showToast`) whose text matches. */
export async function seeToast(page: Page, text: string | RegExp): Promise<string> {
  // The title paragraph: the toast's wrapper itself has no box (its content is fixed-positioned).
  const toast = onScreen(page, '.taro__toast p', text);
  await toast.first().waitFor();
  return (await toast.first().innerText()).trim();
}

/** Answers Taro's H5 `showModal` with its confirm button. */
export async function confirmModal(page: Page, confirmText: string): Promise<void> {
  await onScreen(page, '.taro-modal__content .taro-model__confirm', exactly(confirmText)).first().tap();
}

export interface CaseFields {
  type?: string;
  channel?: RegExp;
  outcome?: string;
  acceptedDate?: string;
  resolvedDate?: string;
  amountYuan?: string;
  summary?: string;
}

/** Fills what is given on the 登记纠纷 form already on screen (it must have loaded). */
export async function fillCase(page: Page, f: CaseFields): Promise<void> {
  await onScreen(page, '#acceptedDate').waitFor();
  if (f.type) await tap(page, '.chip', exactly(f.type));
  if (f.channel) await tap(page, '.chip', f.channel);
  if (f.outcome) await tap(page, '.chip', exactly(f.outcome));
  if (f.acceptedDate) await onScreen(page, '#acceptedDate').fill(f.acceptedDate);
  if (f.resolvedDate) await onScreen(page, '#resolvedDate').fill(f.resolvedDate);
  if (f.amountYuan !== undefined) await onScreen(page, '#amountYuan input').fill(f.amountYuan);
  if (f.summary !== undefined) await onScreen(page, '#summary textarea').fill(f.summary);
}

/** On 我的台账: the card of the case whose summary carries `token`. */
export function caseCard(page: Page, token: string) {
  return onScreen(page, '.case', token);
}

/** From 我的台账: opens the case whose summary carries `token` and waits for its detail page. */
export async function openCase(page: Page, token: string): Promise<void> {
  await caseCard(page, token).first().tap();
  await onPage(page, PAGES.disputeDetail);
  await onScreen(page, '.kv__k', exactly('纠纷类型')).waitFor();
}

/** On a case's detail page: the value shown for label `k` ('涉及金额', '调解结果', …). */
export async function detailValue(page: Page, k: string): Promise<string> {
  const row = onScreen(page, '.kv').filter({ has: page.locator('.kv__k', { hasText: exactly(k) }) });
  return (await row.locator('.kv__v').innerText()).trim();
}

/**
 * Counts the calls to `fn`.`action` that reached the server and got an answer (a request
 * the browser aborted or that found no network is not counted), optionally only those
 * whose body contains `bodyHas`.
 */
export function watchCalls(page: Page, fn: FunctionName, action: string, bodyHas?: string): { count(): number; stop(): number } {
  let n = 0;
  const onFinished = (req: Request) => {
    const body = req.postData() ?? '';
    if (req.url().endsWith(`/fn/${fn}`) && body.includes(`"action":"${action}"`) && (!bodyHas || body.includes(bodyHas))) n++;
  };
  page.on('requestfinished', onFinished);
  return {
    count: () => n,
    stop() {
      page.off('requestfinished', onFinished);
      return n;
    },
  };
}

/** Cuts the page off from the cloud functions (static files still load), as a dead signal does. */
export async function cutNetwork(page: Page): Promise<void> {
  await page.route('**/fn/**', (route) => route.abort('internetdisconnected'));
}

export async function restoreNetwork(page: Page): Promise<void> {
  await page.unroute('**/fn/**');
}

/**
 * Calls a function directly as a demo user, outside any browser: for cleanup that must
 * happen even when a test failed half-way (e.g. unlocking a period), and for records a
 * test needs to exist rather than to watch being made.
 */
export async function callAs<T>(user: string, fn: FunctionName, action: string, payload: unknown): Promise<ApiResult<T>> {
  const res = await fetch(`${serverUrl()}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-demo-user': user },
    body: JSON.stringify({ action, payload }),
  });
  return (await res.json()) as ApiResult<T>;
}

/**
 * Logs a case directly as `user` (a demo openid) at `unitId`: today, 邻里, 民调, 调解成功 unless
 * `fields` say otherwise. For tests that need cases to exist, not to watch them being logged.
 */
export async function logCaseAs(user: string, unitId: string, summary: string, fields: Partial<DisputeInput> = {}): Promise<Dispute> {
  const today = todayBeijing();
  const res = await callAs<Dispute>(user, 'dispute', 'save', {
    id: runToken('e2e'),
    unitId,
    acceptedDate: today,
    resolvedDate: today,
    type: '邻里',
    channel: '民调',
    outcome: '调解成功',
    amountFen: 0,
    parties: 2,
    banners: 0,
    summary,
    ...fields,
  });
  if (!res.ok) throw new Error(`dispute.save as ${user}: ${res.error.message}`);
  return res.data;
}

/** Reads until the value equals `expected` (a page re-renders after loading); fails with the last value. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = await read();
      error = undefined;
      if (JSON.stringify(last) === JSON.stringify(expected)) return;
    } catch (err) {
      error = err;
    }
    if (Date.now() > deadline) {
      if (error !== undefined) throw error;
      expect(last).toEqual(expected);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** From anywhere: opens 登记纠纷 from 我的台账 and waits for the blank form. */
export async function openNewCaseForm(page: Page): Promise<void> {
  await open(page, PAGES.myLedger);
  await tap(page, '.btn', '登记纠纷');
  await onPage(page, PAGES.disputeForm);
  await onScreen(page, '#acceptedDate').waitFor();
}

/**
 * Intercepts the calls to `fn`.`action` (POST /fn/<fn>, as the h5 build makes them) and lets
 * `answer` decide each: fulfil it (a 500, a refusal), leave it hanging, or pass it on (`route.continue()`).
 * Other actions of `fn` go through. Undone by `page.unroute(`**\/fn/${fn}`)`.
 */
export async function interceptCalls(
  page: Page,
  fn: FunctionName,
  action: string,
  answer: (route: import('playwright-core').Route) => Promise<void> | void,
): Promise<void> {
  await page.route(`**/fn/${fn}`, (route) =>
    (route.request().postData() ?? '').includes(`"action":"${action}"`) ? answer(route) : route.continue(),
  );
}
