/**
 * The 登记纠纷 form's finer points as a mediator meets them: 协议形式 only where there is an
 * agreement, several party phones in one field (a bad one named), an amount over 1亿元
 * confirmed once and not again on every later edit, an edit titled as one (and the next new case
 * not), type chips that stay where they were, a refused field brought into view, 协议形式 asked
 * when an 在办 case is closed, long summaries kept short in the list, no 重试 where asking again
 * would answer the same, and the statistics' 来源, prevention flags and 涉及人数 in a block of their own.
 */
import type { Page } from 'playwright-core';
import type { Me } from '../../types/org';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { callAs, caseCard, detailValue, eventually, fillCase, openCase, openLedger, PAGES, phonesForFile, runToken, seeToast, todayBeijing, watchCalls } from './steps';

let m: Page;
phonesForFile(1, async ([phone]) => {
  m = phone.page;
  await signInAs(m, '李调解');
});

async function newCaseForm(): Promise<void> {
  await open(m, PAGES.disputeForm);
  await onScreen(m, '#acceptedDate').waitFor();
}

const field = (label: string) => onScreen(m, '.field', label);

describe('the 登记纠纷 form', () => {
  const token = runToken('表单');

  test('a. 协议形式 is asked only of a successful mediation; a failed one is saved without it', async () => {
    await newCaseForm();
    await field('协议形式').waitFor();
    await fillCase(m, { type: '邻里', outcome: '调解不成', summary: `${token} 调解不成` });
    await expect(field('协议形式').count()).resolves.toBe(0);
    await shot(m, 'form-a1-failed-no-agreement');
    await tap(m, '.btn', exactly('提交'));
    await onPage(m, PAGES.myLedger);
    await openCase(m, `${token} 调解不成`);
    await expect(detailValue(m, '协议形式')).resolves.toBe('—');
  });

  test('b. several party phones go in one field; one too short is named next to it and nothing is sent', async () => {
    await newCaseForm();
    await fillCase(m, { type: '邻里', summary: `${token} 电话` });
    await tap(m, '.link', '填写当事人姓名和电话');
    await onScreen(m, '#partyNames input').fill('王小红、刘大强');
    await onScreen(m, '#partyPhones input').fill('13800138000、12345');
    const saves = watchCalls(m, 'dispute', 'save');
    await tap(m, '.btn', exactly('提交'));
    await onScreen(m, '.field:has(#partyPhones) .field__error', '电话「12345」不正确').waitFor();
    await shot(m, 'form-b1-bad-phone');
    expect(saves.stop()).toBe(0);

    await onScreen(m, '#partyPhones input').fill('13800138000、0371-2345678');
    await tap(m, '.btn', exactly('提交'));
    await onPage(m, PAGES.myLedger);
    // The list shows them masked; the recorder's own case page in full.
    await expect(caseCard(m, `${token} 电话`).innerText()).resolves.not.toContain('13800138000');
    await openCase(m, `${token} 电话`);
    await expect(detailValue(m, '当事人电话')).resolves.toBe('13800138000、0371-2345678');
  });

  test('c. an amount over 1亿元 is confirmed once; editing the case later does not ask again; the edit is titled 修改案件', async () => {
    await newCaseForm();
    await fillCase(m, { type: '合同', amountYuan: '150000000', summary: `${token} 大额` });
    await tap(m, '.chip', exactly('确认金额无误'));
    await tap(m, '.btn', exactly('提交'));
    await onPage(m, PAGES.myLedger);

    await openLedger(m);
    await openCase(m, `${token} 大额`);
    await tap(m, '.btn', exactly('修改'));
    await onPage(m, PAGES.disputeForm);
    await onScreen(m, '#banners input').fill('1');
    await expect(m.title()).resolves.toBe('修改案件');
    await tap(m, '.btn', exactly('保存修改'));
    await seeToast(m, '已保存');
    await onPage(m, PAGES.disputeDetail);
    // The case page shows what it had until its reload on show answers.
    await eventually(() => detailValue(m, '锦旗'), '1 面');
    await expect(detailValue(m, '涉及金额')).resolves.toBe('150000000.00 元');
  });

  test('d. a long unbroken summary wraps on 我的台账 and the case page instead of widening them', async () => {
    const long = `${token}${'x'.repeat(300)}`;
    await newCaseForm();
    await fillCase(m, { type: '合同', summary: long });
    await tap(m, '.btn', exactly('提交'));
    await onPage(m, PAGES.myLedger);
    await caseCard(m, token).first().waitFor();
    const overflow = () => m.evaluate(() => Math.max(...Array.from(document.querySelectorAll('.taro_page'), (p) => p.scrollWidth - p.clientWidth)));
    await expect(overflow()).resolves.toBeLessThanOrEqual(0);
    await openCase(m, `${token}xxx`);
    await expect(overflow()).resolves.toBeLessThanOrEqual(0);
    await shot(m, 'form-d1-long-summary');
  });

  test('e. after an edit the next new case is titled 登记纠纷; type chips stay in the district’s order; a refused field is brought into view', async () => {
    // Back from test c's edit to 我的台账 inside the app, as a user goes.
    await m.goBack();
    await onPage(m, PAGES.myLedger);
    await tap(m, '.btn', '登记纠纷');
    await onPage(m, PAGES.disputeForm);
    await onScreen(m, '#acceptedDate').waitFor();
    await expect(m.title()).resolves.toBe('登记纠纷');

    // The last case (test d's) was a 合同 one: it is chosen again, not moved to the front.
    const me = await callAs<Me>('demo-mediator', 'me', 'whoami', undefined);
    if (!me.ok) throw new Error(me.error.message);
    const chips = await onScreen(m, '.field', '纠纷类型').locator('.chip').allInnerTexts();
    expect(chips.map((c) => c.trim())).toEqual(me.data.disputeTypes);
    await expect(onScreen(m, '.field', '纠纷类型').locator('.chip--on').innerText()).resolves.toBe('合同');

    // A date after today, at the top of the form, refused from the submit button at its foot.
    await onScreen(m, '#acceptedDate').fill('2099-01-01');
    await onScreen(m, '#summary textarea').fill(`${token} 未来日期`);
    await tap(m, '.btn', exactly('提交'));
    const error = onScreen(m, '.field:has(#acceptedDate) .field__error');
    await error.waitFor();
    await eventually(async () => {
      const box = await error.boundingBox();
      return !!box && box.y >= 0 && box.y + box.height <= m.viewportSize()!.height;
    }, true);
    await shot(m, 'form-e1-error-in-view');
  });

  test('f. closing an 在办 case as 调解成功 asks 协议形式 with its default, not blank', async () => {
    await newCaseForm();
    // Test e left its refused draft behind: its date is put right here.
    await fillCase(m, { type: '邻里', outcome: '在办', acceptedDate: todayBeijing(), summary: `${token} 在办` });
    await tap(m, '.btn', exactly('提交'));
    await onPage(m, PAGES.myLedger);
    await openCase(m, `${token} 在办`);
    await tap(m, '.btn', '结案');
    await onPage(m, PAGES.disputeForm);
    await tap(m, '.chip', exactly('调解成功'));
    await expect(field('协议形式').locator('.chip--on').innerText()).resolves.toBe('口头');
  });

  test('g. a summary of 500 characters takes three lines in the list; the month filter is labelled; a case not found offers no 重试, on its page or in its form', async () => {
    const long = `${token} ${'邻里因宅基地边界和排水沟走向多次争执,'.repeat(25)}`.slice(0, 500);
    await newCaseForm();
    await fillCase(m, { type: '邻里', outcome: '调解成功', acceptedDate: todayBeijing(), resolvedDate: todayBeijing(), summary: long });
    await tap(m, '.btn', exactly('提交'));
    await onPage(m, PAGES.myLedger);
    const summary = caseCard(m, long.slice(0, 30)).first().locator('.case__summary');
    const { height, lineHeight } = await summary.evaluate((el) => ({ height: el.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).lineHeight) }));
    expect(lineHeight).toBeGreaterThan(0);
    expect(height).toBeLessThanOrEqual(lineHeight * 3 + 1);

    await tap(m, '.link', '按月份、纠纷类型筛选');
    await onScreen(m, '.field__label', '受理月份').waitFor();

    await open(m, `${PAGES.disputeDetail}?id=no-such-case-000000`);
    await onScreen(m, '.state--error').waitFor();
    await expect(onScreen(m, '.state--error .btn', '重试').count()).resolves.toBe(0);
    // Nor its form, opened to edit it.
    await open(m, `${PAGES.disputeForm}?id=no-such-case-000000`);
    await onScreen(m, '.state--error').waitFor();
    await expect(onScreen(m, '.state--error .btn', '重试').count()).resolves.toBe(0);
  });

  test('h. 来源, a prevention flag with its 人数 and 涉及人数 are given in 更多信息, refused next to the field when 人数 is missing, shown on the case page and loaded back to edit', async () => {
    await newCaseForm();
    await fillCase(m, { type: '邻里', channel: /^\s*民调/, outcome: '调解成功', acceptedDate: todayBeijing(), resolvedDate: todayBeijing(), summary: `${token} 统计` });
    const source = () => field('来源').locator('.chip--on').innerText();
    await tap(m, '.link', '更多信息(统计用)');
    // Until chosen, 来源 shows the channel's default, and follows the channel.
    await expect(source()).resolves.toBe('申请调解');
    await tap(m, '.chip', /^\s*诉调/);
    await expect(source()).resolves.toBe('接受委托移送');
    await tap(m, '.chip', exactly('主动调解'));
    await tap(m, '.chip', /^\s*民调/);
    await expect(source()).resolves.toBe('主动调解');

    await onScreen(m, '#involvedPeople input').fill('12');
    await tap(m, '.chip', exactly('防止民转刑'));
    const saves = watchCalls(m, 'dispute', 'save');
    await tap(m, '.btn', exactly('提交'));
    await onScreen(m, '.field:has(#people-防止民转刑) .field__error', '防止民转刑人数至少为1').waitFor();
    await shot(m, 'form-h1-prevention-people-missing');
    expect(saves.stop()).toBe(0);

    await onScreen(m, '#people-防止民转刑 input').fill('3');
    await expect(onScreen(m, '.field:has(#people-防止民转刑) .field__error').count()).resolves.toBe(0);
    await tap(m, '.btn', exactly('提交'));
    await onPage(m, PAGES.myLedger);
    await openCase(m, `${token} 统计`);
    await expect(detailValue(m, '来源')).resolves.toBe('主动调解');
    await expect(detailValue(m, '防止情况')).resolves.toBe('防止民转刑 3人');
    await expect(detailValue(m, '涉及人数')).resolves.toBe('12');

    await tap(m, '.btn', exactly('修改'));
    await onPage(m, PAGES.disputeForm);
    await expect(source()).resolves.toBe('主动调解');
    await expect(field('防止情况').locator('.chip--on').allInnerTexts()).resolves.toEqual(['防止民转刑']);
    await expect(onScreen(m, '#people-防止民转刑 input').inputValue()).resolves.toBe('3');
    await expect(onScreen(m, '#involvedPeople input').inputValue()).resolves.toBe('12');
    await shot(m, 'form-h2-statistics-loaded');
  });
});
