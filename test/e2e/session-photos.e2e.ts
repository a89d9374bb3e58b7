/**
 * 现场照片 of a training session end to end, as a case has 照片与扫描件: 王培训 opens a session of
 * theirs, picks a large photo from the album; it is scaled down and re-encoded on the phone,
 * uploaded and shown in the session's 现场照片, and is there after a reload. The stored file is a
 * JPEG of at most 1600 px, which the township supervisor may download and mediators outside the
 * session's reach may not (403). Offline, a second photo waits as 待上传 and nothing reaches the
 * server; back online it is uploaded and recorded once.
 */
import type { Page } from 'playwright-core';
import type { Attachment } from '../../types/attachments';
import type { Training, TrainingView } from '../../types/training';
import { onScreen, open, shot, signInAs, type Phone } from './browser';
import { jpegSize, photoBytes, pickFromAlbum } from './photo-steps';
import { serverUrl } from './server';
import { callAs, eventually, PAGES, phonesForFile, runToken, seeToast, todayBeijing, watchCalls } from './steps';

const TRAINER = 'demo-trainer';

let phone: Phone;
let page: Page;
phonesForFile(1, async ([p]) => {
  phone = p;
  page = p.page;
  await signInAs(page, '王培训');
});

const attachments = async (id: string) => {
  const res = await callAs<TrainingView>(TRAINER, 'training', 'get', { id });
  if (!res.ok) throw new Error(res.error.message);
  return res.data.training.attachments ?? [];
};
const fetchFile = (a: Attachment, as: string) =>
  fetch(`${serverUrl()}/files/${a.fileId.replace('local://', '')}`, { headers: { 'x-demo-user': as } });
const recordedThumbs = () => onScreen(page, '#session-photos .record-photo:not(.record-photo--waiting)');
const waitingThumbs = () => onScreen(page, '#session-photos .record-photo--waiting');

describe('培训现场照片', () => {
  let sessionId: string;

  test('a. the trainer attaches a photo on the session page: compressed, uploaded, shown, still there after a reload; only those the session reaches download it', async () => {
    sessionId = runToken('sphoto');
    const saved = await callAs<Training>(TRAINER, 'training', 'save', {
      id: sessionId, unitId: 'xhy', category: '“法律明白人”培训', date: todayBeijing(), topic: `现场照片${sessionId}`, trainer: '王培训', place: '村委会', hours: 2,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    await open(page, `${PAGES.trainingSession}?id=${sessionId}`);
    await onScreen(page, '#session-topic', `现场照片${sessionId}`).waitFor();
    await expect(onScreen(page, '#session-photos .section-title').innerText()).resolves.toBe('现场照片(0/9)');
    await expect(onScreen(page, '#session-photos .muted').innerText()).resolves.toContain('每场培训最多9张');
    // The trainer has narrowed the attendance list; a photo added reloads the session but keeps the search.
    await onScreen(page, '#attendance-search input').fill('刘');
    await pickFromAlbum(page, '培训现场.png', await photoBytes(page, 3200, 2400));
    await seeToast(page, '照片已保存');
    await recordedThumbs().first().waitFor();
    await expect(onScreen(page, '#attendance-search input').inputValue()).resolves.toBe('刘');
    await shot(page, 'session-photos-a1-attached');

    await open(page, `${PAGES.trainingSession}?id=${sessionId}`);
    await recordedThumbs().first().waitFor();
    await expect(recordedThumbs().count()).resolves.toBe(1);
    await expect(onScreen(page, '#session-photos .section-title').innerText()).resolves.toBe('现场照片(1/9)');
    // The thumbnail shows the stored photo itself.
    await expect(recordedThumbs().first().locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).resolves.toBe(1600);

    const [a] = await attachments(sessionId);
    expect(a).toMatchObject({ kind: '现场照片', name: '培训现场.jpg', by: TRAINER });
    const own = await fetchFile(a, TRAINER);
    expect(own.status).toBe(200);
    expect(jpegSize(Buffer.from(await own.arrayBuffer()))).toEqual({ width: 1600, height: 1200 });
    expect((await fetchFile(a, 'demo-township')).status).toBe(200);
    // A mediator of a village under the session's township, and one of another township: neither is above the session.
    expect((await fetchFile(a, 'demo-mediator')).status).toBe(403);
    expect((await fetchFile(a, 'demo-m-jy-hx')).status).toBe(403);
  });

  test('b. offline, a session photo waits on the phone as 待上传; back online it is uploaded and recorded once', async () => {
    const attaches = watchCalls(page, 'training', 'attach');
    await phone.context.setOffline(true);
    await pickFromAlbum(page, '签到现场.png', await photoBytes(page, 800, 1000));
    await seeToast(page, '已存入待上传');
    await expect(waitingThumbs().innerText()).resolves.toContain('待上传');
    await shot(page, 'session-photos-b1-waiting');
    expect(attaches.count()).toBe(0);
    expect(await attachments(sessionId)).toHaveLength(1);

    await phone.context.setOffline(false);
    await waitingThumbs().waitFor({ state: 'detached' });
    await eventually(() => recordedThumbs().count(), 2);
    expect((await attachments(sessionId)).map((s) => s.name)).toEqual(['培训现场.jpg', '签到现场.jpg']);
    await open(page, `${PAGES.trainingSession}?id=${sessionId}`);
    await eventually(() => recordedThumbs().count(), 2);
    await expect(waitingThumbs().count()).resolves.toBe(0);
    expect(attaches.stop()).toBe(1);
    expect(await attachments(sessionId)).toHaveLength(2);
  });
});
