/**
 * One person, one entry (issue 16) in a phone-sized Chromium: 王培训's 现场补录 at a township
 * session of someone already on a village roster is offered that entry ('名册中已有:…,是同一人吗?')
 * and 是 ticks it, the roster keeping one entry; then 赵所长 merges two entries of one person on
 * the person page, and the session's attendee count and 覆盖人群 (T2) count that person once.
 */
import type { Page } from 'playwright-core';
import type { Person, PersonSaveResult, Training, TrainingView } from '../../types/training';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { callAs, confirmModal, onAnotherPhone, PAGES, phonesForFile, seeToast, todayBeijing } from './steps';

const TRAINER = 'demo-trainer';

/** Unique per run, so names are found by search even in a reused data folder. */
const run = Date.now().toString(36).slice(-5);
const stamp = String(Date.now()).slice(-8);
const NAME = `刘明白${run}`;

let page: Page;
phonesForFile(1, ([phone]) => {
  page = phone.page;
});

async function ok<T>(p: Promise<{ ok: boolean; data?: T; error?: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error?.message);
  return r.data!;
}

/** A roster entry of `NAME` at a village of 杏花营镇, recorded by 王培训. */
async function entry(unitId: string, phone: string): Promise<Person> {
  const r = await ok(callAs<PersonSaveResult>(TRAINER, 'person', 'save', {
    id: `e2e-people-${run}-${unitId}`, unitId, name: NAME, phone, isLawPerson: true, confirmNew: true,
  }));
  if (r.kind !== 'saved') throw new Error('expected a new entry');
  return r.person;
}

async function session(n: number): Promise<Training> {
  return ok(callAs<Training>(TRAINER, 'training', 'save', {
    id: `e2e-people-${run}-s${n}`, unitId: 'xhy', category: '“法律明白人”培训', date: todayBeijing(), topic: `一人一条 ${run} ${n}`,
  }));
}

const attend = (t: Training, p: Person) => ok(callAs(TRAINER, 'training', 'attend', { trainingId: t._id, personId: p._id, present: true }));

async function seeCount(n: number): Promise<void> {
  await onScreen(page, '#attendee-count', new RegExp(`已签到\\s*${n}\\s*人`)).waitFor();
}

/** 汇总's 覆盖人群 (this year, the viewer's reach). */
async function coverage(): Promise<number> {
  await open(page, PAGES.summary);
  await onPage(page, PAGES.summary);
  const text = (await onScreen(page, '#figure-T2 .figure__text').first().innerText()).trim();
  expect(text).toMatch(/^\d+人$/);
  return parseInt(text, 10);
}

/** The roster searched for `NAME`: how many entries it lists. */
async function rosterCount(): Promise<number> {
  await open(page, PAGES.roster);
  await onScreen(page, '#roster-search input').fill(NAME);
  await tap(page, '.search:has(#roster-search) .search__btn');
  // The unsearched roster may already show NAME's row: the count is read once every row shown is a match.
  await page.waitForFunction((name) => {
    const rows = Array.from(document.querySelectorAll('.tick-row'));
    return rows.length > 0 && rows.every((r) => r.textContent?.includes(name)) && !!document.querySelector('#roster-total');
  }, NAME);
  return Number(/共\s*(\d+)\s*人/.exec(await onScreen(page, '#roster-total').innerText())![1]);
}

let kept: Person;
let s1: Training;

test('现场补录 of someone on a village roster offers that entry; 是 ticks it and the roster keeps one entry', async () => {
  kept = await entry('xhy-qj', `138${stamp}`);
  s1 = await session(1);
  await signInAs(page, '王培训');
  expect(await rosterCount()).toBe(1);

  await open(page, `${PAGES.trainingSession}?id=${s1._id}`);
  await seeCount(0);
  await tap(page, '#walkin-open');
  // The trainer leaves the unit at the township and asks no phone: the village's entry is found by name.
  await onScreen(page, '#walkin-name input').fill(NAME);
  await tap(page, '#walkin-submit');
  await expect(onScreen(page, '#same-one-offer').innerText()).resolves.toContain(
    `名册中已有:${NAME} 138****${stamp.slice(-4)}(前进村),是同一人吗?`,
  );
  await shot(page, 'people-1-offer');
  await tap(page, '#same-one-yes');
  await seeToast(page, `已签到:${NAME}`);
  await seeCount(1);
  await onScreen(page, '#attendance-search input').fill(NAME);
  await expect(onScreen(page, `#person-${kept._id}.tick-row--on`).count()).resolves.toBe(1);
  expect(await rosterCount()).toBe(1);
});

test('赵所长 merges two entries of one person: the session counts them once, and so does 覆盖人群', async () => {
  expect(kept && s1).toBeTruthy();
  // The same person entered again at another village with a mistyped phone, ticked in both sessions.
  const duplicate = await entry('xhy-sl', `137${stamp}`);
  const s2 = await session(2);
  await attend(s1, duplicate);
  await attend(s2, duplicate);

  await signInAs(page, '赵所长');
  await open(page, `${PAGES.trainingSession}?id=${s1._id}`);
  await seeCount(2);
  const before = await coverage();

  await open(page, '/pages/index/index');
  await tap(page, '.tile .tile__title', exactly('名册'));
  await onPage(page, PAGES.roster);
  await onScreen(page, '#roster-search input').fill(NAME);
  await tap(page, '.search:has(#roster-search) .search__btn');
  await tap(page, `#person-${kept._id}`);
  await onPage(page, PAGES.personForm);
  const other = onScreen(page, `#merge-person #person-${duplicate._id}`);
  await expect(other.innerText()).resolves.toContain('孙李唐村');
  await shot(page, 'people-2-merge');
  await other.tap();
  await confirmModal(page, '合并');
  await seeToast(page, '已合并:2场培训的签到移到本条');
  await onScreen(page, '#merge-person', '没有其他同名记录').waitFor();

  await open(page, `${PAGES.trainingSession}?id=${s1._id}`);
  await seeCount(1);
  await open(page, `${PAGES.trainingSession}?id=${s2._id}`);
  await seeCount(1);
  await onScreen(page, '#attendance-search input').fill(NAME);
  await expect(onScreen(page, `#person-${kept._id}.tick-row--on`).count()).resolves.toBe(1);
  expect(await coverage()).toBe(before - 1);
  expect(await rosterCount()).toBe(1);
  await shot(page, 'people-3-merged');
});

test('a self check-in with two digits of the phone swapped and a name one character apart is asked 是同一人吗, and 是 ticks the entry', async () => {
  expect(kept).toBeTruthy();
  const s3 = await session(3);
  const { checkinToken } = await ok(callAs<TrainingView>(TRAINER, 'training', 'get', { id: s3._id }));
  // 138<stamp> with its last two digits swapped (or, were they equal, the last one changed), typed at another village.
  const digits = `138${stamp}`;
  const slip = digits[9] === digits[10] ? `${digits.slice(0, 10)}${(Number(digits[10]) + 1) % 10}` : `${digits.slice(0, 9)}${digits[10]}${digits[9]}`;
  const typed = `${NAME.slice(0, 1)}名${NAME.slice(2)}`;
  await onAnotherPhone(async (stranger) => {
    await open(stranger.page, `/packages/training/checkin/index?t=${s3._id}&k=${checkinToken}`);
    await onScreen(stranger.page, '#checkin-name input').fill(typed);
    await onScreen(stranger.page, '#checkin-phone input').fill(slip);
    await tap(stranger.page, '.chip', exactly('孙李唐村'));
    await onScreen(stranger.page, '#checkin-submit').tap();
    await expect(onScreen(stranger.page, '#same-one-offer').innerText()).resolves.toContain(
      `名册中已有:${NAME} 138****${stamp.slice(-4)}(前进村),是同一人吗?`,
    );
    await shot(stranger.page, 'people-4-checkin-offer');
    await tap(stranger.page, '#same-one-yes');
    await expect(onScreen(stranger.page, '#checkin-done').innerText()).resolves.toContain(`签到成功:${NAME}`);
  });
  await signInAs(page, '王培训');
  await open(page, `${PAGES.trainingSession}?id=${s3._id}`);
  await seeCount(1);
  expect(await rosterCount()).toBe(1);
});
