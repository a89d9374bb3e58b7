/**
 * The trainer's roster import and tick-all (issue 16) in a phone-sized Chromium: 王培训 uploads a
 * small 签到-shaped workbook on the 名册 page (one new person, one already on the roster with the
 * phone written otherwise, one row without a name), sees 1 新增 · 1 已在名册 · 1 有误 with the
 * refused row's reason, and the roster lists the new person once (the same file again adds no one).
 * Then on a session, with 前进村 picked, 全村签到 (after a modal naming the count) ticks every person
 * of the village with no signal (through the outbox, like single ticks), the 未签到 filter shows no one
 * of it, and once the signal is back the back end holds exactly them.
 */
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import type { Person, PersonSaveResult, Roster, Training, TrainingView } from '../../types/training';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { callAs, confirmModal, cutNetwork, eventually, PAGES, phonesForFile, restoreNetwork, todayBeijing } from './steps';

const TRAINER = 'demo-trainer';

/** Unique per run, so names and phones are this run's even in a reused data folder. */
const run = Date.now().toString(36).slice(-5);
const stamp = String(Date.now()).slice(-8);
const NEW = `新来${run}`;
const KNOWN = `老周${run}`;
const KNOWN_PHONE = `159${stamp}`;

let page: Page;
phonesForFile(1, ([phone]) => {
  page = phone.page;
});

async function ok<T>(p: Promise<{ ok: boolean; data?: T; error?: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error?.message);
  return r.data!;
}

/** A trainer's own list, as Excel makes it: sheet 'Sheet1', no 培训编号. */
async function rosterFile(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['姓名', '手机号', '所属单位']);
  ws.addRow([NEW, `137${stamp}`, '前进村']);
  ws.addRow([KNOWN, `+86 ${KNOWN_PHONE.slice(0, 3)}-${KNOWN_PHONE.slice(3, 7)}-${KNOWN_PHONE.slice(7)}`, '杏花营镇/前进村']);
  ws.addRow(['', `186${stamp}`, '前进村']);
  return { name: `名册${run}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/** Chooses the file in the page's own file input, as the browser's file dialog would, and waits for the answer. */
async function importRoster(file: Awaited<ReturnType<typeof rosterFile>>): Promise<string> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/fn/person') && (r.request().postData() ?? '').includes('"action":"import"'));
  await page.locator('#roster-file').last().setInputFiles(file);
  await answered;
  return (await onScreen(page, '#roster-import-counts').innerText()).replace(/\s+/g, ' ').trim();
}

/** How many lines the roster lists for `name` (searched), once the answer to that search is shown (one line of it, and no other). */
async function rosterLines(name: string): Promise<number> {
  await onScreen(page, '#roster-search input').fill(name);
  await tap(page, '.search:has(#roster-search) .search__btn');
  await onScreen(page, '.tick-row', name).first().waitFor();
  await eventually(() => onScreen(page, '.tick-row').count(), 1);
  await onScreen(page, '#roster-total', exactly('共 1 人')).waitFor();
  return onScreen(page, '.tick-row', name).count();
}

let known: Person;

test('a. the trainer imports a roster sheet: 1 new, 1 already on the roster, 1 refused with its reason', async () => {
  const r = await ok(callAs<PersonSaveResult>(TRAINER, 'person', 'save', {
    id: `e2e-roster-${run}-known`, unitId: 'xhy-qj', name: KNOWN, phone: KNOWN_PHONE, isLawPerson: true, confirmNew: true,
  }));
  if (r.kind !== 'saved') throw new Error('expected a new entry');
  known = r.person;

  await signInAs(page, '王培训');
  await tap(page, '.tile .tile__title', exactly('名册'));
  await onPage(page, PAGES.roster);
  await onScreen(page, '#import-roster', '从Excel导入名册').waitFor();
  const file = await rosterFile();
  expect(await importRoster(file)).toBe('1 人新增 · 1 人已在名册 · 1 行有误');
  await expect(onScreen(page, '.roster-import-error-row').allInnerTexts()).resolves.toEqual(['第4行 · 姓名:请填写姓名']);
  await shot(page, 'roster-import-1-result');

  // The roster lists the new person, once, and the known one still once.
  expect(await rosterLines(NEW)).toBe(1);
  expect(await rosterLines(KNOWN)).toBe(1);

  // The same file again adds no one.
  expect(await importRoster(file)).toBe('0 人新增 · 2 人已在名册 · 1 行有误');
  expect(await rosterLines(NEW)).toBe(1);
});

test('b. on a session, 全村签到 ticks all of 前进村; the 未签到 filter then shows none of it', async () => {
  const t = await ok(callAs<Training>(TRAINER, 'training', 'save', {
    id: `e2e-roster-${run}-s1`, unitId: 'xhy', category: '“法律明白人”培训', date: todayBeijing(), topic: `全村签到 ${run}`,
  }));
  // Everyone of 前进村 on the roster: whom the page should tick.
  const village = await ok(callAs<Roster>(TRAINER, 'person', 'roster', { unitId: 'xhy', villageId: 'xhy-qj', limit: 1000 }));
  const ids = village.items.map((p) => p._id).sort();
  expect(ids).toContain(known._id);
  expect(village.items.some((p) => p.name === NEW)).toBe(true);
  const n = ids.length;

  await open(page, `${PAGES.trainingSession}?id=${t._id}`);
  await onScreen(page, '#attendee-count', /已签到\s*0\s*人/).waitFor();
  await tap(page, '.chip', exactly('前进村'));
  await onScreen(page, '#village-count', new RegExp(`前进村\\s*已签到\\s*0\\s*/\\s*${n}\\s*人`)).waitFor();
  // With no signal, as in a meeting room: the ticks wait in the outbox like single ones.
  await cutNetwork(page);
  try {
    await tap(page, '#tick-village');
    await expect(onScreen(page, '.taro-modal__content').innerText()).resolves.toContain(`为「前进村」未签到的 ${n} 人签到?`);
    await confirmModal(page, '签到');
    await onScreen(page, '#village-count', new RegExp(`前进村\\s*已签到\\s*${n}\\s*/\\s*${n}\\s*人`)).waitFor();
    await onScreen(page, '#attendee-count', new RegExp(`已签到\\s*${n}\\s*人`)).waitFor();
    await expect(onScreen(page, '#tick-village').count()).resolves.toBe(0);

    await tap(page, '.chip', exactly('未签到 0'));
    await onScreen(page, '.state', '没有符合条件的人员').waitFor();
    await expect(onScreen(page, '.tick-list .tick-row').count()).resolves.toBe(0);
    await tap(page, '.chip', exactly(`已签到 ${n}`));
    await expect(onScreen(page, '.tick-list .tick-row').count()).resolves.toBe(n);
  } finally {
    await restoreNetwork(page);
  }
  await tap(page, '#outbox-pending');
  await onScreen(page, '#outbox-pending').waitFor({ state: 'detached', timeout: 60_000 });
  // Stored: exactly the village's people, each once.
  await eventually(async () => (await ok(callAs<TrainingView>(TRAINER, 'training', 'get', { id: t._id }))).training.attendees.slice().sort(), ids, 30_000);
  await shot(page, 'roster-import-2-village-ticked');
});
