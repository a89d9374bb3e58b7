/**
 * The walking skeleton, end to end in a phone-sized Chromium against `npm start`:
 * a district supervisor reads 化解矛盾纠纷 (D1) and 涉及金额 (D2), a village mediator
 * registers one case, and the supervisor's 汇总 moves by exactly that case. Plus the
 * form refusing a case whose 调结日期 is before its 受理日期, with nothing saved.
 */
import type { Page, Request } from 'playwright-core';
import { exactly, launchPhone, onPage, onScreen, open, shot, signInAs, tap, type Phone } from './browser';
import { addDays } from '../../types/dates';

const MEDIATOR = '李调解';
const DISTRICT_SUPERVISOR = '陈科长';

let phone: Phone;
let page: Page;

beforeAll(async () => {
  phone = await launchPhone();
  page = phone.page;
});

afterAll(async () => {
  await phone?.close();
});

afterEach(() => {
  // Uncaught exceptions fail the test that caused them.
  const errors = phone.pageErrors.splice(0);
  expect(errors).toEqual([]);
});

interface Figures {
  /** D1, cases. */
  cases: number;
  /** D2's exact value, in fen. */
  amountFen: number;
}

/** '36855433.90元' → 3685543390 (fen, integer: no float drift in the comparison). */
function fenOf(text: string): number {
  const m = /(\d+)(?:\.(\d{1,2}))?\s*元/.exec(text.replace(/[,，\s]/g, ''));
  if (!m) throw new Error(`no yuan amount in ${JSON.stringify(text)}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** On the home page: opens 汇总 and reads D1 and D2 off their cards. */
async function readSummary(name: string): Promise<Figures> {
  await tap(page, '.tile .tile__title', exactly('汇总'));
  await onPage(page, '/packages/supervisor/summary/index');
  const d1 = onScreen(page, '#figure-D1');
  const d2 = onScreen(page, '#figure-D2');
  await d1.waitFor();
  await d2.waitFor();
  const d1Text = (await d1.locator('.figure__text').innerText()).trim();
  const d2Text = (await d2.locator('.figure__text').innerText()).trim();
  // Money is worded in 万元 ('3685余万元'), so the exact yuan always shows beneath it.
  const exactText = (await d2.locator('.figure__exact').innerText()).trim();
  expect(d1Text).toMatch(/^\d+件$/);
  expect(d2Text).toMatch(/^\d+(余)?万元$/);
  expect(exactText).toMatch(/^精确值\s*\d+\.\d{2}元$/);
  await shot(page, name);
  return { cases: parseInt(d1Text, 10), amountFen: fenOf(exactText) };
}

/** On 我的台账: the '共 N 件' count. */
async function ledgerCount(): Promise<number> {
  const total = page.getByText(/^\s*共\s*\d+\s*件\s*$/).filter({ visible: true });
  await total.waitFor();
  return Number(/共\s*(\d+)\s*件/.exec(await total.innerText())![1]);
}

/** Counts the `dispute.save` calls the page sends until `stop()`. */
function watchSaves(): { stop(): number } {
  let n = 0;
  const onRequest = (req: Request) => {
    if (req.url().endsWith('/fn/dispute') && /"action"\s*:\s*"save"/.test(req.postData() ?? '')) n++;
  };
  page.on('request', onRequest);
  return {
    stop() {
      page.off('request', onRequest);
      return n;
    },
  };
}

/** Today in Beijing, as the app dates cases. */
function todayBeijing(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

describe('walking skeleton: 登记纠纷 → 汇总', () => {
  let before: Figures;

  test('a. the district supervisor reads D1 and D2 on 汇总', async () => {
    await signInAs(page, DISTRICT_SUPERVISOR);
    await shot(page, 'a1-home-district-supervisor');
    before = await readSummary('a2-summary-before');
    expect(before.cases).toBeGreaterThan(0);
    expect(before.amountFen).toBeGreaterThan(0);
  });

  test('b. the mediator registers a 邻里 case of 12345.67 yuan and finds it in 我的台账', async () => {
    await open(page, '/pages/sign-in/index');
    await shot(page, 'b1-sign-in');
    await signInAs(page, MEDIATOR);
    await shot(page, 'b2-home-mediator');
    // Other test files log cases as the same mediator: count what is there first.
    await tap(page, '.tile .tile__title', exactly('我的台账'));
    await onPage(page, '/pages/my-ledger/index');
    const countBefore = await ledgerCount();
    await open(page, '/pages/index/index');

    await tap(page, '.tile .tile__title', exactly('登记纠纷'));
    await onPage(page, '/pages/dispute-form/index');
    await tap(page, '.chip', exactly('邻里'));
    await expect(onScreen(page, '.chip--on', exactly('邻里')).count()).resolves.toBe(1);
    // The defaults a typical case keeps.
    await expect(onScreen(page, '.chip--on', /^\s*民调/).count()).resolves.toBe(1);
    await expect(onScreen(page, '.chip--on', exactly('调解成功')).count()).resolves.toBe(1);
    await expect(onScreen(page, '#acceptedDate').inputValue()).resolves.toBe(todayBeijing());
    await expect(onScreen(page, '#resolvedDate').inputValue()).resolves.toBe(todayBeijing());
    await onScreen(page, '#amountYuan input').fill('12345.67');
    await shot(page, 'b3-dispute-form-filled');

    const saves = watchSaves();
    await tap(page, '.btn', exactly('提交'));
    await onPage(page, '/pages/my-ledger/index');
    const card = onScreen(page, '.case').filter({ hasText: '邻里' }).filter({ hasText: '12345.67' });
    await card.waitFor();
    await expect(card.count()).resolves.toBe(1);
    await expect(ledgerCount()).resolves.toBe(countBefore + 1);
    expect(saves.stop()).toBe(1);
    await shot(page, 'b4-my-ledger-after-save');
  });

  test('c. 汇总 moves by exactly that case: D1 + 1, D2 + 12345.67 yuan', async () => {
    expect(before).toBeDefined();
    await signInAs(page, DISTRICT_SUPERVISOR);
    const after = await readSummary('c1-summary-after');
    expect(after.cases - before.cases).toBe(1);
    expect(after.amountFen - before.amountFen).toBe(1234567);
  });
});

describe('登记纠纷 validation', () => {
  test('d. 调结日期 before 受理日期 is refused next to the field and nothing is saved', async () => {
    await signInAs(page, MEDIATOR);
    await tap(page, '.tile .tile__title', exactly('我的台账'));
    await onPage(page, '/pages/my-ledger/index');
    const countBefore = await ledgerCount();
    await shot(page, 'd1-my-ledger-before');

    await tap(page, '.btn', '登记纠纷');
    await onPage(page, '/pages/dispute-form/index');
    // A type chosen, so the only thing wrong is the dates.
    await tap(page, '.chip', exactly('邻里'));
    const accepted = todayBeijing();
    await onScreen(page, '#acceptedDate').fill(accepted);
    await onScreen(page, '#resolvedDate').fill(addDays(accepted, -30));
    const message = onScreen(page, '.field:has(#resolvedDate) .field__error');
    await expect(message.innerText()).resolves.toContain('调结日期不能早于受理日期');
    await expect(onScreen(page, '.field:has(#acceptedDate) .field__error').count()).resolves.toBe(0);

    const saves = watchSaves();
    await tap(page, '.btn', exactly('提交'));
    await expect(onScreen(page, '.field--error:has(#resolvedDate)').count()).resolves.toBe(1);
    await shot(page, 'd2-dispute-form-date-error');
    // Still on the form: nothing was sent to be saved.
    await page.waitForTimeout(1_000);
    expect(new URL(page.url()).hash).toContain('/pages/dispute-form/index');
    expect(saves.stop()).toBe(0);

    await open(page, '/pages/index/index');
    await tap(page, '.tile .tile__title', exactly('我的台账'));
    await onPage(page, '/pages/my-ledger/index');
    await expect(ledgerCount()).resolves.toBe(countBefore);
    await shot(page, 'd3-my-ledger-unchanged');
  });
});
