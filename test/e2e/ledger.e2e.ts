/**
 * The mediator's ledger (issue #3), end to end on two phones against `npm start`:
 * 李调解 logs cases (with and without a network), edits, closes, copies and deletes
 * them, and 陈科长's 汇总 follows each change exactly. Every figure is read before and
 * after, so cases other test files add to the same server do not matter.
 */
import type { Page } from 'playwright-core';
import type { ApiResult } from '../../types/api';
import type { DisputeList } from '../../types/ledger';
import type { Me } from '../../types/org';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import {
  addDays, callAs, caseCard, confirmModal, cutNetwork, detailValue, eventually, fillCase, interceptCalls, ledgerTotal, logCaseAs, onAnotherPhone, openCase, openLedger,
  PAGES, phonesForFile, readFigures, restoreNetwork, runToken, seeToast, todayBeijing, watchCalls, type Figures,
} from './steps';

const MEDIATOR = '李调解';
const DISTRICT_SUPERVISOR = '陈科长';

/** The mediator's phone and the district supervisor's: two people, two browsers. */
let m: Page;
let s: Page;
phonesForFile(2, async ([mediatorPhone, supervisorPhone]) => {
  m = mediatorPhone.page;
  s = supervisorPhone.page;
  await signInAs(m, MEDIATOR);
  await signInAs(s, DISTRICT_SUPERVISOR);
});

afterEach(async () => {
  // A test that failed with the network cut must not leave the next one offline.
  await m.unroute('**/fn/**').catch(() => undefined);
});

/** From anywhere: opens 登记纠纷 from 我的台账 and waits for the blank form. */
async function newCaseForm(): Promise<void> {
  await open(m, PAGES.myLedger);
  await tap(m, '.btn', '登记纠纷');
  await onPage(m, PAGES.disputeForm);
  await onScreen(m, '#acceptedDate').waitFor();
}

/** On a case's detail page: taps an action button and waits for the form it opens. */
async function openFormFromDetail(button: string | RegExp): Promise<void> {
  await tap(m, '.btn', typeof button === 'string' ? exactly(button) : button);
  await onPage(m, PAGES.disputeForm);
  await onScreen(m, '#acceptedDate').waitFor();
}

function delta(after: Figures, before: Figures) {
  return { D1: after.D1 - before.D1, D2fen: after.D2fen - before.D2fen, D3: after.D3 - before.D3 };
}

describe('登记纠纷 without a network, then 修改 and 汇总', () => {
  const token = runToken('离线');
  let before: Figures;
  let ledgerBefore: number;

  test('a. a case logged with the network cut waits on the phone as 待上传 1 条, across a reload', async () => {
    before = await readFigures(s, 'ledger-a1-summary-before');
    ledgerBefore = await openLedger(m);

    // No signal from the start: the app opens on what it kept from its last answer.
    await cutNetwork(m);
    await newCaseForm();
    await fillCase(m, { type: '邻里', amountYuan: '23456.78', summary: `${token} 邻里因排水沟争执` });
    await shot(m, 'ledger-a2-form-filled-offline');

    await tap(m, '.btn', exactly('提交'));
    await seeToast(m, '网络不可用:已存入待上传,联网后自动上传');
    await onPage(m, PAGES.myLedger);
    await expect(onScreen(m, '#outbox-pending').innerText()).resolves.toMatch(/待上传\s*1\s*条/);
    // The case is listed as waiting, not yet as one of the server's, by its unit and its summary's first words.
    await expect(onScreen(m, '.waiting', '邻里').count()).resolves.toBe(1);
    await expect(onScreen(m, '.waiting', '邻里').innerText()).resolves.toContain(`邻里 · 前进村 · 受理 ${todayBeijing()} · ${token.slice(0, 14)}`);
    await shot(m, 'ledger-a3-my-ledger-pending');

    // Closing the app (a reload) keeps it: the outbox lives in the phone's storage.
    await m.reload();
    await onPage(m, PAGES.myLedger);
    await expect(onScreen(m, '#outbox-pending').innerText()).resolves.toMatch(/待上传\s*1\s*条/);
    await expect(onScreen(m, '.waiting', '邻里').count()).resolves.toBe(1);
    await shot(m, 'ledger-a4-pending-after-reload');
  });

  test('b. with the network back it is uploaded exactly once and counted once on 汇总', async () => {
    expect(before).toBeDefined();
    const saves = watchCalls(m, 'dispute', 'save', token);
    await restoreNetwork(m);
    // What the browser does when the signal returns.
    await m.evaluate(() => window.dispatchEvent(new Event('online')));
    await onScreen(m, '#outbox-pending').waitFor({ state: 'detached' });
    await caseCard(m, token).waitFor();
    await expect(caseCard(m, token).count()).resolves.toBe(1);
    await expect(ledgerTotal(m)).resolves.toBe(ledgerBefore + 1);
    await shot(m, 'ledger-b1-my-ledger-uploaded');

    // A later retry tick has nothing left to send.
    await m.waitForTimeout(1_000);
    expect(saves.stop()).toBe(1);

    // Searching the server's ledger for it finds one case.
    await onScreen(m, '#search input').fill(token);
    await tap(m, '.btn', exactly('搜索'));
    // The unfiltered total is on screen until the search's answer arrives.
    await eventually(() => ledgerTotal(m), 1);

    const after = await readFigures(s, 'ledger-b2-summary-after-upload');
    expect(delta(after, before)).toEqual({ D1: 1, D2fen: 2345678, D3: 0 });
  });

  test('c. changing its amount moves D2 by the difference and D1 not at all', async () => {
    const figuresBefore = await readFigures(s);
    await openLedger(m);
    await openCase(m, token);
    await expect(detailValue(m, '涉及金额')).resolves.toBe('23456.78 元');
    await openFormFromDetail('修改');
    await expect(onScreen(m, '#amountYuan input').inputValue()).resolves.toBe('23456.78');
    await fillCase(m, { amountYuan: '30000' });
    await tap(m, '.btn', exactly('保存修改'));
    await seeToast(m, '已保存');
    await onPage(m, PAGES.disputeDetail);
    await eventually(() => detailValue(m, '涉及金额'), '30000.00 元');
    await shot(m, 'ledger-c1-detail-after-edit');

    const after = await readFigures(s, 'ledger-c2-summary-after-amount-edit');
    expect(delta(after, figuresBefore)).toEqual({ D1: 0, D2fen: 3_000_000 - 2_345_678, D3: 0 });
  });

  test('d. changing its outcome to 调解不成 takes it out of D1 and D2; 修改记录 lists both edits', async () => {
    const figuresBefore = await readFigures(s);
    await openLedger(m);
    await openCase(m, token);
    await openFormFromDetail('修改');
    await fillCase(m, { outcome: '调解不成' });
    await tap(m, '.btn', exactly('保存修改'));
    await seeToast(m, '已保存');
    await onPage(m, PAGES.disputeDetail);
    await eventually(() => detailValue(m, '调解结果'), '调解不成');

    await tap(m, '.btn', exactly('查看修改记录'));
    const entries = onScreen(m, '.history__item');
    await eventually(() => entries.count(), 3);
    await expect(entries.nth(0).innerText()).resolves.toMatch(/登记\(第1版\)/);
    await expect(entries.nth(1).innerText()).resolves.toMatch(/修改\(第2版\)[\s\S]*涉及金额\(元\):23456.78 → 30000.00/);
    await expect(entries.nth(2).innerText()).resolves.toMatch(/修改\(第3版\)[\s\S]*调解结果:调解成功 → 调解不成/);
    // No agreement comes of a failed mediation: its 协议形式 goes with it.
    await expect(entries.nth(2).innerText()).resolves.toMatch(/协议形式:口头 → —/);
    await shot(m, 'ledger-d1-history');

    const after = await readFigures(s, 'ledger-d2-summary-after-outcome-edit');
    expect(delta(after, figuresBefore)).toEqual({ D1: -1, D2fen: -3_000_000, D3: 0 });
  });
});

describe('在办 → 结案, 复制一条, 删除', () => {
  const token = runToken('在办');
  const copyToken = runToken('复制');

  test('e. an 在办 case is not counted until it is closed (结案), then it is, once', async () => {
    const before = await readFigures(s);
    const ledgerBefore = await openLedger(m);
    await newCaseForm();
    await fillCase(m, { type: '合同', outcome: '在办', amountYuan: '5000', summary: `${token} 货款纠纷` });
    // An open case has no 调结日期.
    await expect(onScreen(m, '#resolvedDate').count()).resolves.toBe(0);
    await tap(m, '.btn', exactly('提交'));
    await seeToast(m, '已保存');
    await onPage(m, PAGES.myLedger);
    await eventually(() => ledgerTotal(m), ledgerBefore + 1);
    await expect(caseCard(m, token).locator('.badge').innerText()).resolves.toBe('在办');

    const open1 = await readFigures(s, 'ledger-e1-summary-open-case');
    expect(delta(open1, before)).toEqual({ D1: 0, D2fen: 0, D3: 0 });

    await openCase(m, token);
    await openFormFromDetail('结案 / 修改');
    await fillCase(m, { outcome: '调解成功' });
    // Closing asks for the 调结日期, today by default.
    await expect(onScreen(m, '#resolvedDate').inputValue()).resolves.toBe(todayBeijing());
    await shot(m, 'ledger-e2-closing-form');
    await tap(m, '.btn', exactly('保存修改'));
    await seeToast(m, '已保存');
    await onPage(m, PAGES.disputeDetail);
    await eventually(() => detailValue(m, '调解结果'), '调解成功');
    await expect(detailValue(m, '调结日期')).resolves.toBe(todayBeijing());
    await tap(m, '.btn', exactly('查看修改记录'));
    await eventually(() => onScreen(m, '.history__item', /结案\(第2版\)/).count(), 1);

    const closed = await readFigures(s, 'ledger-e3-summary-closed-case');
    expect(delta(closed, open1)).toEqual({ D1: 1, D2fen: 500_000, D3: 0 });
    await expect(openLedger(m)).resolves.toBe(ledgerBefore + 1);
  });

  test('f. 复制一条 opens a new draft prefilled from the case; submitting it adds a second case', async () => {
    const before = await readFigures(s);
    const ledgerBefore = await openLedger(m);
    await openCase(m, token);
    await openFormFromDetail('复制一条');
    // Prefilled from the case, but a new case: dated today, its own submit button, no restored-draft notice.
    await expect(onScreen(m, '.chip--on', exactly('合同')).count()).resolves.toBe(1);
    await expect(onScreen(m, '.chip--on', exactly('调解成功')).count()).resolves.toBe(1);
    await expect(onScreen(m, '#amountYuan input').inputValue()).resolves.toBe('5000.00');
    await expect(onScreen(m, '#summary textarea').inputValue()).resolves.toContain(token);
    await expect(onScreen(m, '#acceptedDate').inputValue()).resolves.toBe(todayBeijing());
    await expect(onScreen(m, '.btn', exactly('提交')).count()).resolves.toBe(1);
    await expect(onScreen(m, '.notice', '已恢复').count()).resolves.toBe(0);
    await shot(m, 'ledger-f1-copy-prefilled');

    await fillCase(m, { amountYuan: '800', summary: `${copyToken} 同一供货商的另一笔货款` });
    await tap(m, '.btn', exactly('提交'));
    await seeToast(m, '已保存');
    await onPage(m, PAGES.myLedger);
    await eventually(() => ledgerTotal(m), ledgerBefore + 1);
    // The original is untouched; the copy is its own case.
    await expect(caseCard(m, token).count()).resolves.toBe(1);
    await expect(caseCard(m, copyToken).count()).resolves.toBe(1);
    await expect(caseCard(m, copyToken).innerText()).resolves.toContain('800.00');
    await shot(m, 'ledger-f2-my-ledger-with-copy');

    const after = await readFigures(s);
    expect(delta(after, before)).toEqual({ D1: 1, D2fen: 80_000, D3: 0 });
  });

  test('g. 删除 takes the copy out of 我的台账 and out of 汇总', async () => {
    const before = await readFigures(s);
    const ledgerBefore = await openLedger(m);
    await openCase(m, copyToken);
    await tap(m, '.btn', exactly('删除'));
    await expect(onScreen(m, '.taro-modal__content').innerText()).resolves.toContain('删除这起案件');
    await shot(m, 'ledger-g1-delete-confirm');
    await confirmModal(m, '删除');
    await seeToast(m, '已删除');
    await onPage(m, PAGES.myLedger);
    await eventually(() => ledgerTotal(m), ledgerBefore - 1);
    await expect(caseCard(m, copyToken).count()).resolves.toBe(0);
    await expect(caseCard(m, token).count()).resolves.toBe(1);

    const after = await readFigures(s, 'ledger-g2-summary-after-delete');
    expect(delta(after, before)).toEqual({ D1: -1, D2fen: -80_000, D3: 0 });
  });
});

describe('the 登记纠纷 form', () => {
  test('h. what was typed survives a reload (已恢复上次未提交的内容); 清空重填 starts over', async () => {
    const token = runToken('草稿');
    await newCaseForm();
    await fillCase(m, { type: '物业', outcome: '终止', amountYuan: '321.5', summary: `${token} 物业费` });
    await m.reload();
    await onPage(m, PAGES.disputeForm);
    await onScreen(m, '.notice', '已恢复上次未提交的内容').waitFor();
    await expect(onScreen(m, '.chip--on', exactly('物业')).count()).resolves.toBe(1);
    await expect(onScreen(m, '.chip--on', exactly('终止')).count()).resolves.toBe(1);
    await expect(onScreen(m, '#amountYuan input').inputValue()).resolves.toBe('321.5');
    await expect(onScreen(m, '#summary textarea').inputValue()).resolves.toBe(`${token} 物业费`);
    await shot(m, 'ledger-h1-draft-restored');

    await tap(m, '.notice .link', '清空重填');
    await expect(onScreen(m, '.notice', '已恢复').count()).resolves.toBe(0);
    await expect(onScreen(m, '#summary textarea').inputValue()).resolves.toBe('');
    await expect(onScreen(m, '.chip--on', exactly('调解成功')).count()).resolves.toBe(1);
    // Started over means nothing is restored next time either.
    await m.reload();
    await onPage(m, PAGES.disputeForm);
    await onScreen(m, '#acceptedDate').waitFor();
    await expect(onScreen(m, '.notice', '已恢复').count()).resolves.toBe(0);
  });

  test('i. a date after today and an amount over 1亿元 are caught on the form; the confirmation lets it through', async () => {
    const token = runToken('大额');
    const ledgerBefore = await openLedger(m);
    await newCaseForm();
    const tomorrow = addDays(todayBeijing(), 1);
    await fillCase(m, { type: '征地拆迁', acceptedDate: tomorrow, summary: `${token} 征收补偿` });
    await expect(onScreen(m, '.field:has(#acceptedDate) .field__error').innerText()).resolves.toContain('受理日期不能晚于今天');
    await fillCase(m, { acceptedDate: todayBeijing(), resolvedDate: tomorrow });
    await expect(onScreen(m, '.field:has(#acceptedDate) .field__error').count()).resolves.toBe(0);
    await expect(onScreen(m, '.field:has(#resolvedDate) .field__error').innerText()).resolves.toContain('调结日期不能晚于今天');
    await shot(m, 'ledger-i1-future-date');

    const saves = watchCalls(m, 'dispute', 'save');
    await tap(m, '.btn', exactly('提交'));
    await seeToast(m, '请检查标红的项');
    await fillCase(m, { resolvedDate: todayBeijing() });
    await expect(onScreen(m, '.field--error').count()).resolves.toBe(0);

    // 1亿元 and one fen: almost always a typo, so it needs a deliberate confirmation.
    await fillCase(m, { amountYuan: '100000000.01' });
    const amountError = onScreen(m, '.field:has(#amountYuan) .field__error');
    await expect(amountError.innerText()).resolves.toContain('涉及金额超过1亿元,请核对后勾选确认');
    await tap(m, '.btn', exactly('提交'));
    await seeToast(m, '请检查标红的项');
    await m.waitForTimeout(500);
    expect(saves.count()).toBe(0);
    expect(new URL(m.url()).hash).toContain(PAGES.disputeForm);
    await shot(m, 'ledger-i2-large-amount');

    await tap(m, '.chip', exactly('确认金额无误'));
    await expect(onScreen(m, '.chip--on', exactly('确认金额无误')).count()).resolves.toBe(1);
    await expect(amountError.count()).resolves.toBe(0);
    await tap(m, '.btn', exactly('提交'));
    await seeToast(m, '已保存');
    await onPage(m, PAGES.myLedger);
    expect(saves.stop()).toBe(1);
    await eventually(() => ledgerTotal(m), ledgerBefore + 1);
    await expect(caseCard(m, token).innerText()).resolves.toContain('100000000.01');

    // Out again, so other tests' 汇总 wording does not carry a 1亿 case.
    await openCase(m, token);
    await tap(m, '.btn', exactly('删除'));
    await confirmModal(m, '删除');
    await seeToast(m, '已删除');
    await onPage(m, PAGES.myLedger);
    await eventually(() => ledgerTotal(m), ledgerBefore);
  });

  test('i2. the next case starts with the type and channel of the one just logged, without a reload', async () => {
    const token = runToken('默认');
    await newCaseForm();
    await fillCase(m, { type: '环境污染', channel: /^\s*裁调/, summary: `${token} 养殖场异味` });
    await tap(m, '.btn', exactly('提交'));
    await seeToast(m, '已保存');
    await onPage(m, PAGES.myLedger);
    await caseCard(m, token).first().waitFor();
    // In-app navigation: the page is not reloaded, so this is the app's own memory of my defaults.
    await tap(m, '.btn', '登记纠纷');
    await onPage(m, PAGES.disputeForm);
    await onScreen(m, '#acceptedDate').waitFor();
    await onScreen(m, '.chip--on', exactly('环境污染')).waitFor();
    await onScreen(m, '.chip--on', /^\s*裁调/).waitFor();
  });

  test('i3. with no signal too: a case left waiting makes its type and channel the next form\'s, also after a reload', async () => {
    const token = runToken('离线默认');
    await cutNetwork(m);
    await newCaseForm();
    await fillCase(m, { type: '医疗', channel: /^\s*访调/, summary: `${token} 医疗费用` });
    await tap(m, '.btn', exactly('提交'));
    await seeToast(m, '网络不可用:已存入待上传,联网后自动上传');
    await onPage(m, PAGES.myLedger);
    await tap(m, '.btn', '登记纠纷');
    await onPage(m, PAGES.disputeForm);
    await onScreen(m, '.chip--on', exactly('医疗')).waitFor();
    await onScreen(m, '.chip--on', /^\s*访调/).waitFor();
    // Closed and opened again, still with no signal: the phone's own copy of 'me' has them.
    await m.reload();
    await onPage(m, PAGES.disputeForm);
    await onScreen(m, '.chip--on', exactly('医疗')).waitFor();
    await onScreen(m, '.chip--on', /^\s*访调/).waitFor();
    await shot(m, 'ledger-i3-offline-defaults');

    await restoreNetwork(m);
    await open(m, PAGES.myLedger);
    await onScreen(m, '#outbox-pending').waitFor({ state: 'detached' });
    await caseCard(m, token).waitFor();
  });
});

describe('the outbox retries by itself', () => {
  test('j. queued offline, it is sent by the 15 s retry with no event, and by 点此重试 at once', async () => {
    const timerToken = runToken('定时');
    const tapToken = runToken('重试');
    const ledgerBefore = await openLedger(m);
    const saves = watchCalls(m, 'dispute', 'save');

    // First: nobody tells the app the network is back; the periodic retry finds it.
    await cutNetwork(m);
    await newCaseForm();
    await fillCase(m, { type: '婚姻家庭', summary: `${timerToken} 赡养费` });
    await tap(m, '.btn', exactly('提交'));
    await onPage(m, PAGES.myLedger);
    await expect(onScreen(m, '#outbox-pending').innerText()).resolves.toMatch(/待上传\s*1\s*条/);
    await restoreNetwork(m);
    await onScreen(m, '#outbox-pending').waitFor({ state: 'detached', timeout: 20_000 });
    await caseCard(m, timerToken).waitFor();

    // Then: the user taps the banner.
    await cutNetwork(m);
    await tap(m, '.btn', '登记纠纷');
    await onPage(m, PAGES.disputeForm);
    await fillCase(m, { type: '婚姻家庭', summary: `${tapToken} 抚养费` });
    await tap(m, '.btn', exactly('提交'));
    await onPage(m, PAGES.myLedger);
    await expect(onScreen(m, '#outbox-pending').innerText()).resolves.toMatch(/待上传\s*1\s*条/);
    await restoreNetwork(m);
    await tap(m, '.outbox__row', '点此重试');
    await onScreen(m, '#outbox-pending').waitFor({ state: 'detached', timeout: 5_000 });
    await caseCard(m, tapToken).waitFor();

    await m.waitForTimeout(500);
    expect(saves.stop()).toBe(2);
    await expect(ledgerTotal(m)).resolves.toBe(ledgerBefore + 2);
  }, 90_000);
});

describe('我的台账 shows the answer to what was asked last', () => {
  test('k. the unfiltered list answering after a search does not replace the search\'s answer', async () => {
    const token = runToken('最新');
    // Two cases at least, so the unfiltered list and the search's differ.
    await logCaseAs('demo-mediator', 'xhy-qj', `${token} 要找的这件`);
    await logCaseAs('demo-mediator', 'xhy-qj', `${runToken('其他')} 另一件`);
    // The unfiltered list answers slowly: the first load's and the page's show's answers land after the search's.
    await m.route('**/fn/dispute', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('"action":"list"') && !body.includes(token)) await new Promise((r) => setTimeout(r, 2_500));
      await route.continue().catch(() => undefined);
    });
    try {
      await open(m, PAGES.myLedger);
      await onScreen(m, '#search input').fill(token);
      await tap(m, '.btn', exactly('搜索'));
      await eventually(() => ledgerTotal(m), 1);
      await m.waitForTimeout(3_500);
      await expect(ledgerTotal(m)).resolves.toBe(1);
      await expect(onScreen(m, '.case').count()).resolves.toBe(1);
      await caseCard(m, token).waitFor();
      await shot(m, 'ledger-k-search-answer-stands');
    } finally {
      await m.unroute('**/fn/dispute');
    }
  });
});

describe('我的台账 beyond its first 50 cases', () => {
  test('l. a mediator with more than 50 cases sees 50 and how many there are; 加载更多 shows the next ones', async () => {
    await onAnotherPhone(async ({ page: p }) => {
      // 周调解 has about 48 demo cases: logged up to 60 (在办, so no figure on 汇总 moves).
      const token = runToken('分页');
      const ids = runToken('page');
      const have = await callAs<DisputeList>('demo-court', 'dispute', 'list', { limit: 1 });
      if (!have.ok) throw new Error(have.error.message);
      const had = have.data.total ?? 0;
      for (let i = had; i < 60; i++) {
        await logCaseAs('demo-court', 'sdzx', `${token} 第${i + 1}件`, { id: `${ids}n${i}`, outcome: '在办', resolvedDate: undefined });
      }
      const total = Math.max(had, 60);

      await signInAs(p, '周调解');
      await openLedger(p);
      await expect(ledgerTotal(p)).resolves.toBe(total);
      await expect(onScreen(p, '#ledger-total').innerText()).resolves.toMatch(/已显示\s*50\s*件/);
      await expect(onScreen(p, '.case').count()).resolves.toBe(50);
      await shot(p, 'ledger-l1-first-50');

      await tap(p, '#load-more');
      const expected = Math.min(total, 100);
      await eventually(() => onScreen(p, '.case').count(), expected);
      const cards = await onScreen(p, '.case').allInnerTexts();
      expect(new Set(cards).size).toBe(expected);
      if (total <= 100) {
        await expect(onScreen(p, '#load-more').count()).resolves.toBe(0);
        await expect(onScreen(p, '#ledger-total').innerText()).resolves.not.toContain('已显示');
      }
      await shot(p, 'ledger-l2-after-load-more');
    });
  });
});

describe('the units a form offers', () => {
  test('m. a mediator who is also a trainer, whose last case was at a unit no longer theirs, logs a case at their own village', async () => {
    const token = runToken('单位');
    await onAnotherPhone(async ({ page: p }) => {
      const trainer = await callAs<Me>('demo-trainer', 'me', 'whoami', {});
      if (!trainer.ok) throw new Error(trainer.error.message);
      // 李调解 as the app hears them: also 杏花营镇's trainer, and defaults naming 和谐社区 (moved from there).
      await p.route('**/fn/me', async (route) => {
        const response = await route.fetch();
        const answer = (await response.json()) as ApiResult<Me>;
        if (answer.ok) {
          const me = answer.data;
          me.user.roles = [...me.user.roles, { role: 'trainer', unitId: 'xhy' }];
          me.units = [...new Map([...me.units, ...trainer.data.units].map((u) => [u._id, u])).values()].sort((x, y) =>
            x.path.join('/').localeCompare(y.path.join('/'), 'zh'),
          );
          me.defaults = { ...me.defaults, unitId: 'jy-hx' };
        }
        await route.fulfill({ response, json: answer });
      });
      await signInAs(p, MEDIATOR);

      // 登记纠纷: 前进村 is the only unit 李调解 mediates at, so there is nothing to pick, and it saves.
      await open(p, PAGES.disputeForm);
      await onScreen(p, '#acceptedDate').waitFor();
      await expect(onScreen(p, '.field__label', /^\s*单位/).count()).resolves.toBe(0);
      await fillCase(p, { type: '邻里', channel: /^\s*民调/, summary: `${token} 田埂` });
      await tap(p, '.btn', exactly('提交'));
      await seeToast(p, '已保存');
      await onPage(p, PAGES.myLedger);
      await caseCard(p, token).waitFor();

      // 新建培训 (a trainer's form) offers 杏花营镇 and its villages, starting at the first.
      await open(p, PAGES.trainingForm);
      await onScreen(p, '#topic').waitFor();
      const unitField = onScreen(p, '.field').filter({ has: p.locator('.field__label', { hasText: /^\s*单位/ }) });
      expect((await unitField.locator('.chip').allInnerTexts()).map((t) => t.trim())).toEqual(['杏花营镇', '前进村', '孙李唐村', '张庄村']);
      await expect(unitField.locator('.chip--on').innerText()).resolves.toBe('杏花营镇');
      await shot(p, 'ledger-m-training-units');
    });
  });
});

describe('a case the back end refused after it waited offline', () => {
  const REFUSAL = { ok: false, error: { code: 'INVALID', message: '纠纷类型不在本区列表中' } };

  /** Logs a case with no signal, then lets the outbox send it to a back end that refuses it. */
  async function refusedCase(token: string): Promise<void> {
    await cutNetwork(m);
    await newCaseForm();
    await fillCase(m, { type: '邻里', summary: `${token} 院墙` });
    await tap(m, '.btn', exactly('提交'));
    await seeToast(m, '网络不可用:已存入待上传,联网后自动上传');
    await onPage(m, PAGES.myLedger);
    // The signal returns, and the back end refuses it (as it would a type the district has since dropped).
    await interceptCalls(m, 'dispute', 'save', (route) => route.fulfill({ json: REFUSAL }));
    await restoreNetwork(m);
    await tap(m, '.outbox__row', '点此重试');
    await onScreen(m, '.outbox__refused', REFUSAL.error.message).waitFor();
    await m.unroute('**/fn/dispute');
  }

  /** 重新编辑 on the banner: the form opens with the case as it was submitted, and why it was refused. */
  async function reopen(token: string): Promise<void> {
    await tap(m, '.outbox__refused .link', exactly('重新编辑'));
    await onPage(m, PAGES.disputeForm);
    await onScreen(m, '#refused-notice', REFUSAL.error.message).waitFor();
    await expect(onScreen(m, '#summary textarea').inputValue()).resolves.toBe(`${token} 院墙`);
    await expect(onScreen(m, '.chip--on', exactly('邻里')).count()).resolves.toBe(1);
  }

  test('n. 重新编辑 opens it in 登记纠纷; going back keeps it; fixed and submitted, it is stored once and leaves the outbox', async () => {
    const token = runToken('退回');
    await refusedCase(token);
    await shot(m, 'ledger-n1-refused-in-banner');
    await reopen(token);
    await shot(m, 'ledger-n2-refused-reopened');

    // Leaving without saving loses nothing: it is still there to fix.
    await m.goBack();
    await onPage(m, PAGES.myLedger);
    await onScreen(m, '.outbox__refused', REFUSAL.error.message).waitFor();

    await reopen(token);
    await fillCase(m, { type: '房屋宅基地' });
    const saves = watchCalls(m, 'dispute', 'save', token);
    await tap(m, '.btn', exactly('提交'));
    await seeToast(m, '已保存');
    await onPage(m, PAGES.myLedger);
    await caseCard(m, token).waitFor();
    await expect(caseCard(m, token).innerText()).resolves.toContain('房屋宅基地');
    await expect(onScreen(m, '.outbox__refused').count()).resolves.toBe(0);
    expect(saves.stop()).toBe(1);
  });

  test('o. 放弃这条记录 on the form gives it up: out of the outbox, never stored', async () => {
    const token = runToken('放弃');
    await refusedCase(token);
    await reopen(token);
    const saves = watchCalls(m, 'dispute', 'save', token);
    await tap(m, '.btn', exactly('放弃这条记录'));
    await confirmModal(m, '放弃');
    await onPage(m, PAGES.myLedger);
    await expect(onScreen(m, '.outbox__refused').count()).resolves.toBe(0);
    await m.waitForTimeout(500);
    expect(saves.stop()).toBe(0);
    await expect(caseCard(m, token).count()).resolves.toBe(0);
  });
});
