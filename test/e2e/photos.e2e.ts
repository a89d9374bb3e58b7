/**
 * 照片与扫描件 end to end: 李调解 opens a case of theirs, picks 现场照片 and a large photo from the
 * album (the h5 file chooser); it is scaled down and re-encoded on the phone, uploaded and listed,
 * and its thumbnail is there after a reload. The stored file is a JPEG of at most 1600 px, which
 * the township supervisor may download and another village's mediator may not. Then, with the
 * phone offline, a second photo is shown as 待上传 and nothing reaches the server; once online it
 * is uploaded and recorded once.
 */
import type { Page } from 'playwright-core';
import type { Attachment } from '../../types/attachments';
import type { DisputeView } from '../../types/ledger';
import { exactly, onScreen, open, shot, signInAs, tap, type Phone } from './browser';
import { jpegSize, photoBytes, pickFromAlbum } from './photo-steps';
import { serverUrl } from './server';
import { callAs, eventually, logCaseAs, PAGES, phonesForFile, runToken, seeToast, watchCalls } from './steps';

const MEDIATOR = 'demo-mediator';

let phone: Phone;
let page: Page;
phonesForFile(1, async ([p]) => {
  phone = p;
  page = p.page;
  await signInAs(page, '李调解');
});

const attachments = async (id: string) => {
  const res = await callAs<DisputeView>(MEDIATOR, 'dispute', 'get', { id });
  if (!res.ok) throw new Error(res.error.message);
  return res.data.record.attachments ?? [];
};
const fetchFile = (a: Attachment, as: string) =>
  fetch(`${serverUrl()}/files/${a.fileId.replace('local://', '')}`, { headers: { 'x-demo-user': as } });
const recordedThumbs = () => onScreen(page, '#case-photos .record-photo:not(.record-photo--waiting)');
const waitingThumbs = () => onScreen(page, '#case-photos .record-photo--waiting');

describe('照片与扫描件', () => {
  let caseId: string;

  test('a. the mediator attaches a photo on the case page: compressed, uploaded, listed, still there after a reload; only those the case reaches download it', async () => {
    caseId = (await logCaseAs(MEDIATOR, 'xhy-qj', runToken('照片'))).id;
    await open(page, `${PAGES.disputeDetail}?id=${caseId}`);
    await onScreen(page, '#case-photos').waitFor();
    await expect(onScreen(page, '#case-photos .muted').innerText()).resolves.toContain('请勿拍摄身份证');
    await tap(page, '#case-photos .chip', exactly('现场照片'));
    await pickFromAlbum(page, '现场.png', await photoBytes(page, 3200, 2400));
    await seeToast(page, '照片已保存');
    await recordedThumbs().first().waitFor();
    await shot(page, 'photos-a1-attached');

    await open(page, `${PAGES.disputeDetail}?id=${caseId}`);
    await recordedThumbs().first().waitFor();
    await expect(recordedThumbs().count()).resolves.toBe(1);
    await expect(recordedThumbs().first().innerText()).resolves.toContain('现场照片');
    await expect(onScreen(page, '#case-photos .section-title').innerText()).resolves.toBe('照片与扫描件(1/9)');

    const [a] = await attachments(caseId);
    expect(a).toMatchObject({ kind: '现场照片', name: '现场.jpg', by: MEDIATOR });
    const own = await fetchFile(a, MEDIATOR);
    expect(own.status).toBe(200);
    const bytes = Buffer.from(await own.arrayBuffer());
    expect(jpegSize(bytes)).toEqual({ width: 1600, height: 1200 });
    expect((await fetchFile(a, 'demo-township')).status).toBe(200);
    expect((await fetchFile(a, 'demo-m-jy-hx')).status).toBe(403);
  });

  test('b. offline, a photo waits on the phone as 待上传; back online it is uploaded and recorded once', async () => {
    const attaches = watchCalls(page, 'dispute', 'attach');
    await phone.context.setOffline(true);
    await tap(page, '#case-photos .chip', exactly('协议书'));
    await pickFromAlbum(page, '协议.png', await photoBytes(page, 800, 1000));
    await seeToast(page, '已存入待上传');
    await expect(waitingThumbs().innerText()).resolves.toContain('待上传');
    await shot(page, 'photos-b1-waiting');
    expect(attaches.count()).toBe(0);
    expect(await attachments(caseId)).toHaveLength(1);

    await phone.context.setOffline(false);
    await waitingThumbs().waitFor({ state: 'detached' });
    await eventually(() => recordedThumbs().count(), 2);
    await shot(page, 'photos-b2-uploaded');
    const stored = await attachments(caseId);
    expect(stored.map((s) => [s.kind, s.name])).toEqual([['现场照片', '现场.jpg'], ['协议书', '协议.jpg']]);
    // Reloaded, nothing is sent again: the photo left the phone once recorded.
    await open(page, `${PAGES.disputeDetail}?id=${caseId}`);
    await recordedThumbs().first().waitFor();
    await eventually(() => recordedThumbs().count(), 2);
    await expect(waitingThumbs().count()).resolves.toBe(0);
    expect(attaches.stop()).toBe(1);
    expect(await attachments(caseId)).toHaveLength(2);
  });
});
