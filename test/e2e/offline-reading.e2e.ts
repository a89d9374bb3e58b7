/**
 * Reading offline (issue 16): a trainer opens a session's roster, loses the signal, reloads the
 * page, and still sees the roster (marked 离线 with when it was fetched); ticks 10 people; when the
 * signal returns exactly those 10 are stored. A mediator reloads 我的台账 with no signal and sees
 * the cases last listed, and opens one never opened here, to read.
 */
import type { Page } from 'playwright-core';
import type { Training } from '../../types/training';
import { onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { callAs, cutNetwork, ledgerTotal, logCaseAs, openLedger, phonesForFile, restoreNetwork, runToken, todayBeijing } from './steps';

let page: Page;
phonesForFile(1, ([phone]) => {
  page = phone.page;
});

const OFFLINE = /离线:显示上次同步的内容\(\d{4}-\d\d-\d\d \d\d:\d\d\)/;

test('a. a session’s roster read offline after a reload: 10 ticks made then are exactly the 10 stored', async () => {
  const id = runToken('offline');
  const saved = await callAs<Training>('demo-trainer', 'training', 'save', {
    id, unitId: 'xhy', category: '“法律明白人”培训', date: todayBeijing(), topic: `离线签到${id}`, trainer: '王培训', place: '村委会', hours: 2,
  });
  if (!saved.ok) throw new Error(saved.error.message);
  await signInAs(page, '王培训');
  await open(page, `/packages/training/session/index?id=${id}`);
  await onScreen(page, '#attendee-count', /已签到\s*0\s*人/).waitFor();
  await onScreen(page, '.tick-row').nth(9).waitFor();
  await expect(onScreen(page, '.offline-notice').count()).resolves.toBe(0);

  await cutNetwork(page);
  const ticked: string[] = [];
  try {
    await page.reload();
    await onPage(page, '/packages/training/session/index');
    await onScreen(page, '#session-topic', `离线签到${id}`).waitFor();
    await expect(onScreen(page, '.offline-notice').first().innerText()).resolves.toMatch(OFFLINE);
    // Ten of the roster's people, ticked one by one, each seen on the count before the next.
    const rows = onScreen(page, '[id^="person-"].tick-row:not(.tick-row--on)');
    await rows.nth(9).waitFor();
    for (let i = 0; i < 10; i++) ticked.push((await rows.nth(i).getAttribute('id'))!.replace(/^person-/, ''));
    for (const [i, personId] of ticked.entries()) {
      await tap(page, `#person-${personId}`);
      await onScreen(page, '#attendee-count', new RegExp(`已签到\\s*${i + 1}\\s*人`)).waitFor();
    }
    await shot(page, 'offline-a-ticks-offline');
  } finally {
    await restoreNetwork(page);
  }
  await tap(page, '#outbox-pending');
  await onScreen(page, '#outbox-pending').waitFor({ state: 'detached', timeout: 30_000 });
  const stored = await callAs<{ training: Training }>('demo-trainer', 'training', 'get', { id });
  if (!stored.ok) throw new Error(stored.error.message);
  expect([...stored.data.training.attendees].sort()).toEqual(ticked.sort());
});

test('b. 我的台账 reloaded with no signal shows the cases last listed; one never opened opens to read', async () => {
  const summary = runToken('离线台账');
  await logCaseAs('demo-mediator', 'xhy-qj', summary);
  await signInAs(page, '李调解');
  const total = await openLedger(page);
  await onScreen(page, '.case', summary).waitFor();

  await cutNetwork(page);
  try {
    await page.reload();
    await expect(onScreen(page, '.offline-notice').first().innerText()).resolves.toMatch(OFFLINE);
    await expect(ledgerTotal(page)).resolves.toBe(total);
    await tap(page, '.case', summary);
    await onPage(page, '/packages/ledger/dispute/index');
    await onScreen(page, '.kv', summary).waitFor();
    await expect(onScreen(page, '.offline-notice').first().innerText()).resolves.toMatch(OFFLINE);
    // Read only: nothing to change from a copy.
    await expect(onScreen(page, '.btn', '修改').count()).resolves.toBe(0);
    await shot(page, 'offline-b-case-from-list');
  } finally {
    await restoreNetwork(page);
  }
});
