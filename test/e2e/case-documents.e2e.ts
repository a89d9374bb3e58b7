/**
 * 卷宗文书 end to end: the village mediator 李调解 closes an 在办 case as 调解成功 with a written
 * agreement, typing its 协议内容, 履行方式 and a 履行期限 a month ahead; the case page shows them,
 * and its 卷宗文书 section offers the documents the case now holds. A tap on 人民调解协议书
 * downloads a .docx holding the terms, the parties and the committee; the case's 修改记录 says
 * who generated it. The township supervisor 赵所长 gets the same document with the parties in full.
 */
import fs from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import type { AuditEntry } from '../../types/ledger';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { addDays, callAs, detailValue, logCaseAs, openCase, PAGES, phonesForFile, runToken, seeToast, todayBeijing } from './steps';

const TERMS_1 = '一、王五于本月底前赔偿赵六修缮费人民币3000元';
const TERMS_2 = '二、双方今后共同维护宅前排水沟,互不堵塞';
const WAY = '一次性现金支付';
const DEADLINE = addDays(todayBeijing(), 30);

let page: Page;
phonesForFile(1, ([phone]) => {
  page = phone.page;
});

/** The downloaded document's text, a line per paragraph. */
async function downloadedText(tapIt: () => Promise<void>, name: RegExp): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), tapIt()]);
  expect(download.suggestedFilename()).toMatch(name);
  const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join('\n');
}

describe('卷宗文书', () => {
  const token = runToken('卷宗');
  let caseId = '';

  test('a. the mediator closes a case 调解成功 with its agreement typed once; the case page shows it', async () => {
    const d = await logCaseAs('demo-mediator', 'xhy-qj', `${token} 宅前排水沟纠纷`, { outcome: '在办', resolvedDate: undefined, partyNames: '王五、赵六', partyPhones: '13900139000' });
    caseId = d._id;
    await signInAs(page, '李调解');
    await open(page, PAGES.myLedger);
    await openCase(page, token);
    // An open case holds no agreement yet: no 协议书 is offered.
    await onScreen(page, '#case-documents').waitFor();
    await expect(onScreen(page, '#case-documents .btn').allInnerTexts()).resolves.toEqual(['卷宗封面', '人民调解申请书', '受理登记表', '调解记录']);

    await tap(page, '.btn', '结案 / 修改');
    await onPage(page, PAGES.disputeForm);
    await onScreen(page, '#acceptedDate').waitFor();
    await expect(onScreen(page, '#agreement-fields').count()).resolves.toBe(0);
    await tap(page, '.chip', exactly('调解成功'));
    await tap(page, '.chip', exactly('书面'));
    await onScreen(page, '#agreementTerms textarea').fill(`${TERMS_1}\n${TERMS_2}`);
    await onScreen(page, '#performanceWay input').fill(WAY);
    // A date ahead of today: the picker allows it, as an agreement's deadline usually is.
    await onScreen(page, '#performanceDeadline').fill(DEADLINE);
    await shot(page, 'documents-a1-agreement');
    await tap(page, '.btn', exactly('保存修改'));
    await seeToast(page, '已保存');
    await onPage(page, PAGES.disputeDetail);
    await onScreen(page, '.kv__k', exactly('协议内容')).waitFor();
    await expect(detailValue(page, '协议内容')).resolves.toContain(TERMS_2);
    await expect(detailValue(page, '履行方式')).resolves.toBe(WAY);
    await expect(detailValue(page, '履行期限')).resolves.toBe(DEADLINE);
  });

  test('b. 人民调解协议书 downloads from the case page and holds the terms, the parties and the committee; 修改记录 says so', async () => {
    await expect(onScreen(page, '#case-documents .btn').allInnerTexts()).resolves.toEqual(['卷宗封面', '人民调解申请书', '受理登记表', '调解记录', '人民调解协议书', '结案报告']);
    await shot(page, 'documents-b1-section');
    // Named by the case's 案号, shown first on its page.
    const caseNo = await detailValue(page, '案号');
    const text = await downloadedText(() => tap(page, '#document-人民调解协议书'), new RegExp(`^${caseNo.replace(/[()]/g, '\\$&')}人民调解协议书\\.docx$`));
    expect(caseNo).toMatch(/^\(\d{4}\)杏前人调字第\d+号$/);
    expect(text).toContain(caseNo);
    expect(text.split('\n')[0]).toBe('人民调解协议书');
    expect(text).toContain(TERMS_1);
    expect(text).toContain(TERMS_2);
    expect(text).toContain(WAY);
    expect(text).toContain(`${Number(DEADLINE.slice(0, 4))}年${Number(DEADLINE.slice(5, 7))}月${Number(DEADLINE.slice(8))}日`);
    expect(text).toContain('当事人(签名、按指印):王五');
    expect(text).toContain('当事人(签名、按指印):赵六');
    expect(text).toContain('前进村人民调解委员会(盖章)');

    await tap(page, '.btn', exactly('查看修改记录'));
    await onScreen(page, '.history__item', '生成文书').waitFor();
    await expect(onScreen(page, '.history__item', '生成文书').innerText()).resolves.toMatch(/李调解[\s\S]*文书:— → 人民调解协议书/);
    await shot(page, 'documents-b2-history');
  });

  test('c. the township supervisor gets the 结案报告 with the parties in full; it is audited under their name', async () => {
    await signInAs(page, '赵所长');
    await open(page, `${PAGES.disputeDetail}?id=${caseId}`);
    await onScreen(page, '#case-documents').waitFor();
    const text = await downloadedText(() => tap(page, '#document-结案报告'), /人民调解结案报告\.docx$/);
    expect(text).toContain('王五、赵六');
    expect(text).toContain(TERMS_1);
    const history = await callAs<AuditEntry[]>('demo-mediator', 'dispute', 'history', { id: caseId });
    expect(history.ok && history.data.filter((h) => h.action === 'document').map((h) => [h.byName, h.changes.document[1]])).toEqual([
      ['李调解(前进村调解员)', '人民调解协议书'],
      ['赵所长(杏花营镇司法所)', '结案报告'],
    ]);
  });
});
