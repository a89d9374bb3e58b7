/**
 * The walking skeleton, end to end in a phone-sized Chromium against `npm start`:
 * a district supervisor reads 化解矛盾纠纷 (D1) and 涉及金额 (D2), a village mediator
 * registers one case, and the supervisor's 汇总 moves by exactly that case. Plus the
 * form refusing a case whose 调结日期 is before its 受理日期, with nothing saved.
 */
import type { Page } from 'playwright-core';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { addDays, figuresOnScreen, ledgerTotal, PAGES, phonesForFile, todayBeijing, watchCalls, type Figures } from './steps';

const MEDIATOR = '李调解';
const DISTRICT_SUPERVISOR = '陈科长';

let page: Page;
phonesForFile(1, ([phone]) => {
  page = phone.page;
});

/** From the home page's tile, as a supervisor gets there: 汇总's figures, D2 worded as the report words it. */
async function readSummary(name: string): Promise<Figures> {
  await tap(page, '.tile .tile__title', exactly('汇总'));
  await onPage(page, PAGES.summary);
  const figures = await figuresOnScreen(page);
  // Money is worded in 万元 ('3685余万元'); the exact yuan shows beneath it.
  await expect(onScreen(page, '#figure-D2 .figure__text').innerText()).resolves.toMatch(/^\s*\d+(余)?万元\s*$/);
  await shot(page, name);
  return figures;
}

/** From the home page's tile: 我的台账 and its count. */
async function openLedgerFromHome(): Promise<number> {
  await tap(page, '.tile .tile__title', exactly('我的台账'));
  await onPage(page, PAGES.myLedger);
  return ledgerTotal(page);
}

describe('walking skeleton: 登记纠纷 → 汇总', () => {
  let before: Figures;

  test('a. the district supervisor reads D1 and D2 on 汇总', async () => {
    await signInAs(page, DISTRICT_SUPERVISOR);
    await shot(page, 'a1-home-district-supervisor');
    before = await readSummary('a2-summary-before');
    expect(before.D1).toBeGreaterThan(0);
    expect(before.D2fen).toBeGreaterThan(0);
  });

  test('b. the mediator registers a 邻里 case of 12345.67 yuan and finds it in 我的台账', async () => {
    await open(page, PAGES.signIn);
    await shot(page, 'b1-sign-in');
    await signInAs(page, MEDIATOR);
    await shot(page, 'b2-home-mediator');
    // Other test files log cases as the same mediator: count what is there first.
    const countBefore = await openLedgerFromHome();
    await open(page, PAGES.home);

    await tap(page, '.tile .tile__title', exactly('登记纠纷'));
    await onPage(page, PAGES.disputeForm);
    await tap(page, '.chip', exactly('邻里'));
    await expect(onScreen(page, '.chip--on', exactly('邻里')).count()).resolves.toBe(1);
    // The channel follows this mediator's last case, which other test files set (ledger i2).
    await tap(page, '.chip', /^\s*民调/);
    await expect(onScreen(page, '.chip--on', /^\s*民调/).count()).resolves.toBe(1);
    // The defaults every new case starts with.
    await expect(onScreen(page, '.chip--on', exactly('调解成功')).count()).resolves.toBe(1);
    await expect(onScreen(page, '#acceptedDate').inputValue()).resolves.toBe(todayBeijing());
    await expect(onScreen(page, '#resolvedDate').inputValue()).resolves.toBe(todayBeijing());
    await onScreen(page, '#amountYuan input').fill('12345.67');
    await shot(page, 'b3-dispute-form-filled');

    const saves = watchCalls(page, 'dispute', 'save');
    await tap(page, '.btn', exactly('提交'));
    await onPage(page, PAGES.myLedger);
    const card = onScreen(page, '.case').filter({ hasText: '邻里' }).filter({ hasText: '12345.67' });
    await card.waitFor();
    await expect(card.count()).resolves.toBe(1);
    await expect(ledgerTotal(page)).resolves.toBe(countBefore + 1);
    expect(saves.stop()).toBe(1);
    await shot(page, 'b4-my-ledger-after-save');
  });

  test('c. 汇总 moves by exactly that case: D1 + 1, D2 + 12345.67 yuan', async () => {
    expect(before).toBeDefined();
    await signInAs(page, DISTRICT_SUPERVISOR);
    const after = await readSummary('c1-summary-after');
    expect(after.D1 - before.D1).toBe(1);
    expect(after.D2fen - before.D2fen).toBe(1234567);
  });
});

describe('登记纠纷 validation', () => {
  test('d. 调结日期 before 受理日期 is refused next to the field and nothing is saved', async () => {
    await signInAs(page, MEDIATOR);
    const countBefore = await openLedgerFromHome();
    await shot(page, 'd1-my-ledger-before');

    await tap(page, '.btn', '登记纠纷');
    await onPage(page, PAGES.disputeForm);
    // A type chosen, so the only thing wrong is the dates.
    await tap(page, '.chip', exactly('邻里'));
    const accepted = todayBeijing();
    await onScreen(page, '#acceptedDate').fill(accepted);
    await onScreen(page, '#resolvedDate').fill(addDays(accepted, -30));
    const message = onScreen(page, '.field:has(#resolvedDate) .field__error');
    await expect(message.innerText()).resolves.toContain('调结日期不能早于受理日期');
    await expect(onScreen(page, '.field:has(#acceptedDate) .field__error').count()).resolves.toBe(0);

    const saves = watchCalls(page, 'dispute', 'save');
    await tap(page, '.btn', exactly('提交'));
    await expect(onScreen(page, '.field--error:has(#resolvedDate)').count()).resolves.toBe(1);
    await shot(page, 'd2-dispute-form-date-error');
    // Still on the form: nothing was sent to be saved.
    await page.waitForTimeout(1_000);
    expect(new URL(page.url()).hash).toContain(PAGES.disputeForm);
    expect(saves.stop()).toBe(0);

    await open(page, PAGES.home);
    await expect(openLedgerFromHome()).resolves.toBe(countBefore);
    await shot(page, 'd3-my-ledger-unchanged');
  });
});
