/**
 * Trainers end to end in a phone-sized Chromium against `npm start`: 王培训 adds people to
 * the roster (a likely duplicate is offered back), creates two “法律明白人”培训 sessions,
 * ticks the same person in both plus two others and adds a walk-in; the district
 * supervisor's 汇总 moves by T1 + 2 and T2 + 4 (distinct people, not 5 attendances).
 * Unticking the shared person in one session leaves T2; unticking the walk-in lowers it.
 * Ticks made with no signal wait in the outbox and are sent once. Then an attendee checks
 * in by the session's code in a fresh browser, and a publicity activity is logged with a photo.
 */
import type { Page, Response } from 'playwright-core';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { cutNetwork, onAnotherPhone, phonesForFile, restoreNetwork, todayBeijing } from './steps';

const TRAINER = '王培训';
const DISTRICT_SUPERVISOR = '陈科长';

/** Unique per run, so names are found by search even in a reused data folder. */
const run = Date.now().toString(36).slice(-5);
const stamp = String(Date.now()).slice(-8);
// Four different people: names two characters apart and phones in another prefix, so none is
// offered as a near match of another (a name one character off with a phone one digit off is asked about).
const person = (surname: string, i: number) => ({ name: `${surname}${surname}${run}`, phone: `13${5 + i}${stamp}` });
const people = { shared: person('甲', 0), second: person('乙', 1), third: person('丙', 2), walkIn: person('丁', 3) };
/** Who checks in by the QR code: named for this run, so another file's 刘明白 on the roster is not them. */
const walker = `刘明白${run}`;

let page: Page;
phonesForFile(1, ([phone]) => {
  page = phone.page;
});

/** On the home page: opens 汇总 and reads T1 and T2 off their cards. */
async function readCoverage(name: string): Promise<{ T1: number; T2: number }> {
  await tap(page, '.tile .tile__title', exactly('汇总'));
  await onPage(page, '/packages/supervisor/summary/index');
  const read = async (id: string, unit: string) => {
    const text = (await onScreen(page, `#figure-${id} .figure__text`).first().innerText()).trim();
    expect(text).toMatch(new RegExp(`^\\d+${unit}$`));
    return parseInt(text, 10);
  };
  await onScreen(page, '#figure-T2').first().waitFor();
  const figures = { T1: await read('T1', '次'), T2: await read('T2', '人') };
  await shot(page, name);
  return figures;
}

/** Waits for the answer to the next `fn.action` call the page makes while `act` runs. */
async function answerTo(fn: string, action: string, act: () => Promise<void>): Promise<unknown> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r: Response) => r.url().endsWith(`/fn/${fn}`) && (r.request().postData() ?? '').includes(`"action":"${action}"`),
    ),
    act(),
  ]);
  const body = (await response.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${fn}.${action} refused: ${body.error?.message}`);
  return body.data;
}

/** Waits until the session page says `已签到 n 人`. */
async function seeCount(n: number): Promise<void> {
  await onScreen(page, '#attendee-count', new RegExp(`已签到\\s*${n}\\s*人`)).waitFor();
}

async function attendeeCount(): Promise<number> {
  const text = await onScreen(page, '#attendee-count').innerText();
  return Number(/已签到\s*(\d+)\s*人/.exec(text)![1]);
}

/** On a session page: finds `name` by search and taps their line; waits until the back end has it. */
async function tick(name: string, expectedCount: number): Promise<void> {
  await onScreen(page, '#attendance-search input').fill(name);
  const line = onScreen(page, '.tick-row', name);
  await line.first().waitFor();
  await expect(line.count()).resolves.toBe(1);
  await answerTo('training', 'attend', () => line.tap());
  await seeCount(expectedCount);
}

/** Creates a session with the defaults (“法律明白人”培训, 杏花营镇, today) and lands on its page; returns its id. */
async function createSession(topic: string): Promise<string> {
  await open(page, '/packages/training/list/index');
  await tap(page, '#new-training');
  await onPage(page, '/packages/training/form/index');
  await onScreen(page, '#topic').waitFor();
  await expect(onScreen(page, '.chip--on', '“法律明白人”培训').count()).resolves.toBe(1);
  await expect(onScreen(page, '.chip--on', exactly('杏花营镇')).count()).resolves.toBe(1);
  await expect(onScreen(page, '#date').inputValue()).resolves.toBe(todayBeijing());
  await expect(onScreen(page, '#trainer input').inputValue()).resolves.toBe('王培训');
  await onScreen(page, '#topic input').fill(topic);
  await onScreen(page, '#place input').fill('镇司法所会议室');
  // Typed as a phone's keyboard types it: '-3' is refused at its field, not taken as 3.
  await onScreen(page, '#hours input').pressSequentially('-3');
  await tap(page, '#save-training');
  await expect(onScreen(page, '.field:has(#hours) .field__error').innerText()).resolves.toBe('学时不能为负数');
  await onScreen(page, '#hours input').fill('2');
  await tap(page, '#save-training');
  await onPage(page, '/packages/training/session/index');
  await onScreen(page, '#session-topic', topic).waitFor();
  return new URL(page.url().replace('#', '')).searchParams.get('id')!;
}

const sessions: { first?: string; second?: string } = {};
let walkInId: string | undefined;
let before: { T1: number; T2: number };

describe('培训: T1 counts sessions, T2 counts distinct people', () => {
  test('a. the district supervisor reads T1 and T2', async () => {
    await signInAs(page, DISTRICT_SUPERVISOR);
    before = await readCoverage('t-a1-summary-before');
  });

  test('b. the trainer adds three people to 前进村’s roster; a likely duplicate is offered back', async () => {
    await signInAs(page, TRAINER);
    await shot(page, 't-b1-home-trainer');
    await tap(page, '.tile .tile__title', exactly('名册'));
    await onPage(page, '/packages/training/roster/index');
    await onScreen(page, '#roster-total').waitFor();
    await shot(page, 't-b2-roster');
    for (const p of [people.shared, people.second, people.third]) {
      await tap(page, '#add-person');
      await onPage(page, '/packages/training/person/index');
      await onScreen(page, '#person-name').waitFor();
      await tap(page, '.chip', exactly('前进村'));
      await onScreen(page, '#person-name input').fill(p.name);
      // Typed key by key, as a phone's keyboard does; one as people write it, with +86 and spaces, kept as typed.
      const typed = p === people.third ? `+86 ${p.phone.slice(0, 3)} ${p.phone.slice(3, 7)} ${p.phone.slice(7)}` : p.phone;
      await onScreen(page, '#person-phone input').pressSequentially(typed);
      await expect(onScreen(page, '#person-phone input').inputValue()).resolves.toBe(typed);
      await answerTo('person', 'save', () => tap(page, '#save-person'));
      await onPage(page, '/packages/training/roster/index');
    }

    // The same person again: the roster offers the entry it has.
    await tap(page, '#add-person');
    await onPage(page, '/packages/training/person/index');
    await onScreen(page, '#person-name').waitFor();
    await tap(page, '.chip', exactly('前进村'));
    await onScreen(page, '#person-name input').fill(people.shared.name);
    await onScreen(page, '#person-phone input').fill(people.shared.phone);
    await answerTo('person', 'save', () => tap(page, '#save-person'));
    const offer = onScreen(page, '#duplicate-offer');
    await offer.waitFor();
    await expect(offer.innerText()).resolves.toContain(`名册中已有:${people.shared.name} ${people.shared.phone.slice(0, 3)}****${people.shared.phone.slice(7)}(前进村)`);
    await shot(page, 't-b3-duplicate-offer');
    await tap(page, '#use-existing');
    await onPage(page, '/packages/training/roster/index');

    await onScreen(page, '#roster-search input').fill(people.shared.name);
    await tap(page, '.btn', exactly('搜索'));
    await onScreen(page, '#roster-total', exactly('共 1 人')).waitFor();
    await expect(onScreen(page, '.tick-row', people.shared.name).innerText()).resolves.toContain('****');
  });

  test('c. two sessions: the shared person in both, two others and a walk-in in the first', async () => {
    sessions.first = await createSession(`民法典进乡村 ${run}`);
    await seeCount(0);
    await tick(people.shared.name, 1);
    await tick(people.second.name, 2);
    await tick(people.third.name, 3);
    await onScreen(page, '#attendance-search input').fill('');
    await tap(page, '#walkin-open');
    await onScreen(page, '#walkin-name input').fill(people.walkIn.name);
    await onScreen(page, '#walkin-phone input').fill(people.walkIn.phone);
    const answer = (await answerTo('training', 'walkIn', () => tap(page, '#walkin-submit'))) as { person: { _id: string } };
    walkInId = answer.person._id;
    await seeCount(4);
    await expect(onScreen(page, '.tick-row--on', people.walkIn.name).count()).resolves.toBe(1);
    await shot(page, 't-c1-session-1');

    sessions.second = await createSession(`土地承包纠纷调处 ${run}`);
    await tick(people.shared.name, 1);
    await shot(page, 't-c2-session-2');
  });

  test('d. 汇总: T1 + 2, T2 + 4 (not 5)', async () => {
    await signInAs(page, DISTRICT_SUPERVISOR);
    const after = await readCoverage('t-d1-summary-after');
    expect(after).toEqual({ T1: before.T1 + 2, T2: before.T2 + 4 });
  });

  test('e. unticking the shared person in one session leaves T2; unticking the walk-in lowers it', async () => {
    expect(sessions.second && sessions.first && walkInId).toBeTruthy();
    await signInAs(page, TRAINER);
    await open(page, `/packages/training/session/index?id=${sessions.second}`);
    await seeCount(1);
    await tick(people.shared.name, 0);
    await signInAs(page, DISTRICT_SUPERVISOR);
    expect(await readCoverage('t-e1-summary-untick-shared')).toEqual({ T1: before.T1 + 2, T2: before.T2 + 4 });

    await signInAs(page, TRAINER);
    await open(page, `/packages/training/session/index?id=${sessions.first}`);
    await seeCount(4);
    await tick(people.walkIn.name, 3);
    await expect(onScreen(page, `#person-${walkInId}.tick-row--on`).count()).resolves.toBe(0);
    await signInAs(page, DISTRICT_SUPERVISOR);
    expect(await readCoverage('t-e2-summary-untick-walk-in')).toEqual({ T1: before.T1 + 2, T2: before.T2 + 3 });
  });
});

describe('offline ticks', () => {
  test('h. with no signal, ticks wait in the outbox; a tick and its untick are one queued item; sent once the signal returns', async () => {
    await signInAs(page, TRAINER);
    await open(page, `/packages/training/session/index?id=${sessions.second}`);
    await seeCount(0);
    await onScreen(page, '#attendance-search input').fill(people.second.name);
    const line = onScreen(page, '.tick-row', people.second.name);
    await cutNetwork(page);
    try {
      await line.tap();
      await seeCount(1);
      await onScreen(page, '#outbox-pending', '待上传 1 条').waitFor();
      await line.tap();
      await seeCount(0);
      await line.tap();
      await seeCount(1);
      await onScreen(page, '#outbox-pending', '待上传 1 条').waitFor();
      await shot(page, 't-h1-offline-tick');
    } finally {
      await restoreNetwork(page);
    }
    await answerTo('training', 'attend', () => tap(page, '#outbox-pending'));
    await onScreen(page, '#outbox-pending').waitFor({ state: 'detached' });
    await open(page, `/packages/training/session/index?id=${sessions.second}`);
    await seeCount(1);
  });
});

describe('self check-in by the session’s code', () => {
  test('f. someone not signed in opens the address under the QR code and is recorded once', async () => {
    await signInAs(page, TRAINER);
    await open(page, `/packages/training/session/index?id=${sessions.first}`);
    await onScreen(page, '#checkin-qr').waitFor();
    await onScreen(page, '#attendee-count').waitFor();
    const url = (await onScreen(page, '#checkin-url').innerText()).trim();
    expect(url).toMatch(new RegExp(`/#/packages/training/checkin/index\\?t=${sessions.first}&k=[0-9a-f]{24}$`));
    const countBefore = await attendeeCount();
    await shot(page, 't-f1-session-qr');

    await onAnotherPhone(async (stranger) => {
      for (const attempt of [1, 2]) {
        await stranger.page.goto(url);
        await onScreen(stranger.page, '.case__type', `民法典进乡村 ${run}`).waitFor();
        await onScreen(stranger.page, '#checkin-name input').fill(walker);
        await onScreen(stranger.page, '#checkin-phone input').fill('13912345678');
        // A newcomer joins the roster at the village they pick (issue 16).
        await tap(stranger.page, '.chip', exactly('前进村'));
        await onScreen(stranger.page, '#checkin-submit').tap();
        await expect(onScreen(stranger.page, '#checkin-done').innerText()).resolves.toContain(`签到成功:${walker}`);
        await shot(stranger.page, `t-f2-checkin-${attempt}`);
      }
      // A forged code is refused.
      await stranger.page.goto(url.replace(/k=[0-9a-f]+/, 'k=0123456789abcdef01234567'));
      await onScreen(stranger.page, '.state--error', '签到码无效').waitFor();
    });

    await open(page, `/packages/training/session/index?id=${sessions.first}`);
    await seeCount(countBefore + 1);
    await onScreen(page, '#attendance-search input').fill(walker);
    await onScreen(page, '.tick-row--on', walker).waitFor();
    await expect(onScreen(page, '.tick-row', walker).count()).resolves.toBe(1);
  });
});

/** A 1×1 PNG: enough for an upload. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('宣传活动', () => {
  test('g. the trainer logs an activity with a photo; negative materials are refused at the field', async () => {
    await signInAs(page, TRAINER);
    await tap(page, '.tile .tile__title', exactly('宣传活动'));
    await onPage(page, '/packages/training/publicity/index');
    await tap(page, '#new-publicity');
    await onPage(page, '/packages/training/publicity-form/index');
    await onScreen(page, '#pub-title').waitFor();
    await tap(page, '.chip', exactly('前进村'));
    await onScreen(page, '#pub-title input').fill(`宪法宣传日 ${run}`);
    // Typed key by key: what cannot be stored is refused at its field, never changed into another number.
    const typeInto = async (id: string, text: string) => {
      await onScreen(page, `#${id} input`).fill('');
      await onScreen(page, `#${id} input`).pressSequentially(text);
      await expect(onScreen(page, `#${id} input`).inputValue()).resolves.toBe(text);
    };
    const errorAt = (id: string) => onScreen(page, `.field:has(#${id}) .field__error`).innerText();
    await typeInto('pub-materials', '1.5');
    await typeInto('pub-consulted', '1e3');
    await tap(page, '#save-publicity');
    await expect(errorAt('pub-materials')).resolves.toBe('发放资料须为数字');
    await expect(errorAt('pub-consulted')).resolves.toBe('现场咨询须为数字');
    await typeInto('pub-materials', '-5');
    await typeInto('pub-consulted', '12');
    await tap(page, '#save-publicity');
    await expect(errorAt('pub-materials')).resolves.toBe('发放资料不能为负数');
    await onScreen(page, '#pub-materials input').fill('300');

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, '#add-photo')]);
    await answerUpload(() => chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG }));
    await onScreen(page, '.photo .photo__img').first().waitFor();
    await shot(page, 't-g1-publicity-form');
    await answerTo('publicity', 'save', () => tap(page, '#save-publicity'));
    await onPage(page, '/packages/training/publicity/index');
    const card = onScreen(page, '.case', `宪法宣传日 ${run}`);
    await card.waitFor();
    await expect(card.innerText()).resolves.toContain('发放资料 300 份 · 现场咨询 12 人次');
    await expect(card.innerText()).resolves.toContain('照片 1');
    await shot(page, 't-g2-publicity-list');
  });
});

/** Waits for the photo's bytes to be stored by the gateway. */
async function answerUpload(act: () => Promise<void>): Promise<void> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/files/upload')), act()]);
  expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
}
