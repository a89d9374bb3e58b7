/**
 * 重大/群体性 cases and 案卷评查 end to end (issue 15): 李调解 flags a case 群体性 (涉及人数 is then
 * required, named at its field, nothing sent); 赵所长's home page counts it under 重大/群体性纠纷
 * with the notice, and the list opens it; 赵所长 marks its file 需补正 (refused without a note);
 * 李调解 finds it on the home page and reads the note on the case page.
 */
import type { Page } from 'playwright-core';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { fillCase, openNewCaseForm, PAGES, phonesForFile, runToken, seeToast, watchCalls } from './steps';

const MEDIATOR = '李调解'; // 前进村
const TOWNSHIP_SUPERVISOR = '赵所长'; // 杏花营镇
const TOKEN = runToken('群体');
const NOTE = `缺协议书照片,请补 ${runToken('n')}`;

let m: Page;
let s: Page;
phonesForFile(2, ([mediatorPhone, supervisorPhone]) => {
  m = mediatorPhone.page;
  s = supervisorPhone.page;
});

const flaggedCount = async (page: Page) => Number(/重大\/群体性纠纷\s*(\d+)\s*件/.exec(await onScreen(page, '#flagged-count .flagged__title').innerText())![1]);

test('a 群体性 case reaches the township supervisor, who opens it and marks it 需补正; the mediator reads the note', async () => {
  // What the home page was answered before the case: other flagged cases may be in the list already.
  const answered = s.waitForResponse((r) => r.url().endsWith('/fn/dispute') && (r.request().postData() ?? '').includes('"action":"flagged"'));
  await signInAs(s, TOWNSHIP_SUPERVISOR);
  const before = ((await (await answered).json()) as { data: { total: number } }).data.total;

  await signInAs(m, MEDIATOR);
  await openNewCaseForm(m);
  await fillCase(m, { type: '山林土地', outcome: '在办', summary: `${TOKEN} 四十户村民因灌溉用水争执` });
  await tap(m, '.chip', exactly('群体性'));
  const saves = watchCalls(m, 'dispute', 'save');
  await tap(m, '.btn', exactly('提交'));
  await onScreen(m, '.field:has(#involvedPeople) .field__error', '群体性纠纷须填写涉及人数(至少2人)').waitFor();
  await shot(m, 'alerts-1-needs-people');
  expect(saves.stop()).toBe(0);
  await onScreen(m, '#involvedPeople input').fill('40');
  await tap(m, '.btn', exactly('提交'));
  await onPage(m, PAGES.myLedger);

  // 赵所长's home page: one more, the notice, and the list line opening the case.
  await open(s, PAGES.home);
  await onScreen(s, '#flagged-card').waitFor();
  expect(await flaggedCount(s)).toBe(before + 1);
  await onScreen(s, '#flagged-card .notice', '李调解(前进村调解员)登记了群体性纠纷(山林土地,前进村,涉及40人)').first().waitFor();
  await shot(s, 'alerts-2-supervisor-home');
  await tap(s, '#flagged-count');
  await tap(s, '.flagged__item', TOKEN);
  await onPage(s, PAGES.disputeDetail);
  await onScreen(s, '.kv__v', TOKEN).waitFor();

  // 案卷评查: the checklist, and 需补正 refused without a note, then saved with one.
  await onScreen(s, '#file-review').waitFor();
  await onScreen(s, '#file-review .kv', /当事人信息\s*✗ 缺/).waitFor();
  await onScreen(s, '#file-review .kv', /简要情况\s*✓ 有/).waitFor();
  await tap(s, '#file-review .chip', exactly('需补正'));
  const reviews = watchCalls(s, 'dispute', 'review');
  await tap(s, '#file-review .btn', exactly('提交评查'));
  await onScreen(s, '#file-review .field__error', '需补正时请写明需补正的内容').waitFor();
  expect(reviews.count()).toBe(0);
  await onScreen(s, '#review-note textarea').fill(NOTE);
  await tap(s, '#file-review .btn', exactly('提交评查'));
  await seeToast(s, '已评查');
  await onScreen(s, '#file-review-result', `评查结果:需补正。${NOTE}`).waitFor();
  expect(reviews.stop()).toBe(1);
  await shot(s, 'alerts-3-reviewed');

  // 李调解: the home page lists it with the note; the case page shows the result, and no marking.
  await open(m, PAGES.home);
  await onScreen(m, '#to-fix-card .notice', NOTE).waitFor();
  await shot(m, 'alerts-4-mediator-home');
  await tap(m, '#to-fix-card .notice', NOTE);
  await onPage(m, PAGES.disputeDetail);
  await onScreen(m, '#file-review-result', `评查结果:需补正。${NOTE}`).waitFor();
  await expect(onScreen(m, '#file-review .btn', exactly('提交评查')).count()).resolves.toBe(0);
  await shot(m, 'alerts-5-mediator-case');
});
