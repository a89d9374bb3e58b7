/**
 * The trainer's work (issue 16) in a phone-sized Chromium: 王培训 prepares a session for
 * tomorrow, whose code is shown with '签到码仅在 … 当天有效' and, scanned today, answers
 * '培训尚未开始'; a session of yesterday shows no code at all; the 培训 list's '今年:培训 N 场,
 * 覆盖 M 人' moves when a new person is ticked; a person's page lists the sessions they attended,
 * and 赵所长, who may read but not save the entry, sees it read-only.
 */
import type { Page } from 'playwright-core';
import type { Person, PersonSaveResult, Training } from '../../types/training';
import { onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { addDays, callAs, onAnotherPhone, PAGES, phonesForFile, todayBeijing } from './steps';

const TRAINER = 'demo-trainer';
const run = Date.now().toString(36).slice(-5);
const today = todayBeijing();
const tomorrow = addDays(today, 1);
const yesterday = addDays(today, -1);

let page: Page;
phonesForFile(1, ([phone]) => {
  page = phone.page;
});

async function ok<T>(p: Promise<{ ok: boolean; data?: T; error?: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error?.message);
  return r.data!;
}

const session = (n: number, date: string) =>
  ok(callAs<Training>(TRAINER, 'training', 'save', { id: `e2e-tw-${run}-s${n}`, unitId: 'xhy', category: '“法律明白人”培训', date, topic: `台账培训 ${run} ${n}` }));

/** The list page's totals line, as numbers. */
async function totals(): Promise<{ sessions: number; people: number }> {
  await open(page, PAGES.trainingList);
  const text = await onScreen(page, '#my-totals').innerText();
  const m = /今年:培训\s*(\d+)\s*场,覆盖\s*(\d+)\s*人/.exec(text);
  expect(m).toBeTruthy();
  return { sessions: Number(m![1]), people: Number(m![2]) };
}

let ahead: string;
let past: Training;
let person: Person;

test('a session dated tomorrow shows its code with the day it is valid; scanned today it has not begun', async () => {
  await signInAs(page, '王培训');
  await open(page, PAGES.trainingList);
  await tap(page, '#new-training');
  await onPage(page, PAGES.trainingForm);
  await onScreen(page, '#date').fill(tomorrow);
  await onScreen(page, '#topic input').fill(`提前准备 ${run}`);
  await tap(page, '#save-training');
  await onPage(page, PAGES.trainingSession);
  await onScreen(page, '#session-topic', `提前准备 ${run}`).waitFor();
  ahead = new URL(page.url().replace('#', '')).searchParams.get('id')!;
  await onScreen(page, '#checkin-qr').waitFor();
  await expect(onScreen(page, '#checkin-note').innerText()).resolves.toContain(`签到码仅在 ${tomorrow} 当天有效`);
  // Nobody can be ticked before the day: the roster is shown without the tap hint or 现场补录.
  await expect(onScreen(page, '#not-yet').innerText()).resolves.toContain(`培训尚未开始,请于 ${tomorrow} 当天签到`);
  await shot(page, 'tw-1-ahead-code');
  const url = (await onScreen(page, '#checkin-url').innerText()).trim();

  await onAnotherPhone(async (stranger) => {
    await stranger.page.goto(url);
    await onScreen(stranger.page, '.state--error', `培训尚未开始,请于 ${tomorrow} 当天签到`).waitFor();
    await expect(onScreen(stranger.page, '#checkin-name').count()).resolves.toBe(0);
    await shot(stranger.page, 'tw-2-checkin-not-yet');
  });
});

test('a session of yesterday shows no code', async () => {
  past = await session(1, yesterday);
  await open(page, `${PAGES.trainingSession}?id=${past._id}`);
  await onScreen(page, '#session-topic', past.topic).waitFor();
  await onScreen(page, '#attendee-count').waitFor();
  await expect(onScreen(page, '#checkin-qr').count()).resolves.toBe(0);
  await expect(onScreen(page, '#checkin-url').count()).resolves.toBe(0);
  await shot(page, 'tw-3-past-no-code');
});

test('the list’s totals move when a new person is ticked, once however many sessions they attend', async () => {
  const r = await ok(callAs<PersonSaveResult>(TRAINER, 'person', 'save', {
    id: `e2e-tw-${run}-p`, unitId: 'xhy-qj', name: `培训记录${run}`, phone: '', isLawPerson: true, confirmNew: true,
  }));
  if (r.kind !== 'saved') throw new Error('expected a new entry');
  person = r.person;
  const s2 = await session(2, today);
  const before = await totals();
  await shot(page, 'tw-4-totals-before');

  await open(page, `${PAGES.trainingSession}?id=${s2._id}`);
  await onScreen(page, '#attendance-search input').fill(person.name);
  await tap(page, `#person-${person._id}`);
  await onScreen(page, `#person-${person._id}.tick-row--on`).waitFor();
  await onScreen(page, '#attendee-count', /已签到\s*1\s*人/).waitFor();
  await eventuallyTotals({ sessions: before.sessions, people: before.people + 1 });
  await shot(page, 'tw-5-totals-after');

  // The same person at yesterday's session too: still one.
  await ok(callAs(TRAINER, 'training', 'attend', { trainingId: past._id, personId: person._id, present: true }));
  expect(await totals()).toEqual({ sessions: before.sessions, people: before.people + 1 });
});

async function eventuallyTotals(expected: { sessions: number; people: number }): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    const now = await totals();
    if (JSON.stringify(now) === JSON.stringify(expected) || Date.now() > until) return expect(now).toEqual(expected);
    await page.waitForTimeout(300);
  }
}

test('a person’s page lists the sessions they attended, newest first; 赵所长 reads the entry, cannot edit it', async () => {
  await open(page, `${PAGES.personForm}?id=${person._id}`);
  await expect(onScreen(page, '#history-total').innerText()).resolves.toContain('共参加 2 场培训');
  const lines = await onScreen(page, '#person-history .kv').allInnerTexts();
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain(today);
  expect(lines[0]).toContain(`台账培训 ${run} 2 · 杏花营镇`);
  expect(lines[1]).toContain(yesterday);
  await onScreen(page, '#person-name input').waitFor();
  await shot(page, 'tw-6-person-history');

  await signInAs(page, '赵所长');
  await open(page, `${PAGES.personForm}?id=${person._id}`);
  await expect(onScreen(page, '#person-readonly').innerText()).resolves.toContain(person.name);
  await expect(onScreen(page, '#history-total').innerText()).resolves.toContain('共参加 2 场培训');
  // Nothing to type into where nothing can be saved.
  await expect(onScreen(page, '#person-name').count()).resolves.toBe(0);
  await expect(onScreen(page, '#person-phone').count()).resolves.toBe(0);
  await expect(onScreen(page, '#save-person').count()).resolves.toBe(0);
  await shot(page, 'tw-7-supervisor-reads');
  expect(ahead).toBeTruthy();
});
