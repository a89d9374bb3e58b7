/**
 * The 登记纠纷 form's finer points as a mediator meets them: 协议形式 only where there is an
 * agreement, several party phones in one field (a bad one named), an amount over 1亿元
 * confirmed once and not again on every later edit, and an edit titled as one.
 */
import type { Page } from 'playwright-core';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { caseCard, detailValue, eventually, fillCase, openCase, openLedger, PAGES, phonesForFile, runToken, seeToast, watchCalls } from './steps';

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
    await fillCase(m, { type: '邻里', summary: long });
    await tap(m, '.btn', exactly('提交'));
    await onPage(m, PAGES.myLedger);
    await caseCard(m, token).first().waitFor();
    const overflow = () => m.evaluate(() => Math.max(...Array.from(document.querySelectorAll('.taro_page'), (p) => p.scrollWidth - p.clientWidth)));
    await expect(overflow()).resolves.toBeLessThanOrEqual(0);
    await openCase(m, `${token}xxx`);
    await expect(overflow()).resolves.toBeLessThanOrEqual(0);
    await shot(m, 'form-d1-long-summary');
  });
});
