/**
 * The reporting cycle end to end (issue 14): the township reminds the villages that have not
 * reported, the reminder is on the village's home page; the village submits last month, the
 * township returns it with a reason, the village sees the reason, fixes a case and resubmits;
 * the township approves, and a new case in that month is then refused. '本月无纠纷' at the
 * township shows it to the district as 零报告.
 */
import type { Page } from 'playwright-core';
import { onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { callAs, confirmModal, logCaseAs, PAGES, phonesForFile, runToken, seeToast, todayBeijing } from './steps';

const MEDIATOR = '李调解'; // 前进村
const TOWNSHIP_SUPERVISOR = '赵所长'; // 杏花营镇
const DISTRICT_SUPERVISOR = '陈科长';

/** The month filed now: the one before today's. */
function lastMonth(): string {
  const [y, m] = todayBeijing().split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
const MONTH = lastMonth();
const IN_MONTH = `${MONTH}-15`;
const REASON = `调解金额与协议书不符 ${runToken('r')}`;

let m: Page;
let s: Page;
phonesForFile(2, ([mediatorPhone, supervisorPhone]) => {
  m = mediatorPhone.page;
  s = supervisorPhone.page;
});

afterAll(async () => {
  // No other test may find 前进村's month locked.
  await callAs('demo-township', 'reporting', 'unapprove', { unitId: 'xhy-qj', period: MONTH, reason: 'e2e 清理:测试结束撤销审核' }).catch(() => undefined);
});

async function openReview(page: Page): Promise<void> {
  await tap(page, '.tile .tile__title', '报送审核');
  await onPage(page, PAGES.review);
  await onScreen(page, '#review-xhy-qj').waitFor();
}

async function villageCard(page: Page): Promise<string> {
  return (await onScreen(page, '#review-xhy-qj').innerText()).trim();
}

test('remind → submit → return with a reason → fix and resubmit → approve → the month is locked', async () => {
  await signInAs(s, TOWNSHIP_SUPERVISOR);
  await openReview(s);
  expect(await villageCard(s)).toContain('未上报');
  await tap(s, '#remind-all');
  await seeToast(s, /已提醒\d+个单位/);

  // The village's home page carries the reminder and last month's state.
  await signInAs(m, MEDIATOR);
  const card = onScreen(m, '#reporting-card');
  await card.waitFor();
  await onScreen(m, '#reporting-card .reporting__notice', /请于\d+月\d+日前上报/).waitFor();
  expect(await onScreen(m, '#reporting-state-xhy-qj').innerText()).toContain('未上报');
  await shot(m, 'reporting-home-reminded');
  await tap(m, '#submit-month-xhy-qj');
  await seeToast(m, '已上报');
  await onScreen(m, '#reporting-state-xhy-qj', /已上报,待审核/).waitFor();
  await expect(onScreen(m, '#reporting-card .reporting__notice').count()).resolves.toBe(0);

  // The township returns it with a reason.
  await open(s, PAGES.home);
  await openReview(s);
  expect(await villageCard(s)).toContain('已上报,待审核');
  await tap(s, '#return-xhy-qj');
  await onScreen(s, '#reason-xhy-qj input').fill(REASON);
  await tap(s, '#confirm-return-xhy-qj');
  await seeToast(s, '已退回');
  await onScreen(s, '#review-xhy-qj', /已退回/).waitFor();

  // The village sees why, fixes the month (a case it had missed) and sends it again.
  await open(m, PAGES.home);
  await onScreen(m, '#reporting-reason-xhy-qj', REASON).waitFor();
  await shot(m, 'reporting-home-returned');
  await logCaseAs('demo-mediator', 'xhy-qj', `补录案件 ${runToken('fix')}`, { acceptedDate: IN_MONTH, resolvedDate: IN_MONTH });
  await tap(m, '#submit-month-xhy-qj', '修改后重新上报');
  await seeToast(m, '已上报');

  // The township approves; the month is locked for new cases.
  await open(s, PAGES.home);
  await openReview(s);
  await tap(s, '#approve-xhy-qj');
  await seeToast(s, '已审核通过');
  await onScreen(s, '#review-xhy-qj', /审核通过/).waitFor();
  await shot(s, 'reporting-review-approved');
  const refused = await callAs('demo-mediator', 'dispute', 'save', {
    id: runToken('late'), unitId: 'xhy-qj', acceptedDate: IN_MONTH, resolvedDate: IN_MONTH, type: '邻里', channel: '民调', outcome: '调解成功',
    amountFen: 0, parties: 2, banners: 0, summary: '审核后补登的案件',
  });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.message).toContain('已审核通过');
  await open(m, PAGES.home);
  await onScreen(m, '#reporting-state-xhy-qj', /审核通过/).waitFor();
});

test('本月无纠纷: one tap at the township, and the district sees it as 零报告', async () => {
  await signInAs(s, TOWNSHIP_SUPERVISOR);
  await onScreen(s, '#reporting-card').waitFor();
  await tap(s, '#zero-month-xhy', '本月无纠纷');
  await confirmModal(s, '确认上报');
  await seeToast(s, '已上报');
  await onScreen(s, '#reporting-state-xhy', /零报告/).waitFor();

  await signInAs(s, DISTRICT_SUPERVISOR);
  await tap(s, '.tile .tile__title', '报送审核');
  await onPage(s, PAGES.review);
  await onScreen(s, '#review-xhy', /已上报,待审核 · 零报告/).waitFor();
  // Its villages are not all approved yet: the district cannot sign it off.
  await onScreen(s, '#review-xhy', /暂不能审核通过/).waitFor();
  await expect(onScreen(s, '#approve-xhy').count()).resolves.toBe(0);
  await onScreen(s, '#completeness', /零报告 [1-9]/).waitFor();
});
