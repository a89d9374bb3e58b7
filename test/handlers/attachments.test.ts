/**
 * 照片与扫描件 through `dispute.attach` / `dispute.detach`: the recording mediator records a photo
 * they uploaded on their case (listed in the 卷宗封面's 卷内目录) and removes it, each audited; a resend records it once; supervisors
 * above see the photos and may download them, others may not; nobody else adds or removes them;
 * ≤ 9 a case, ≤ 2 MB, images only, refused in Chinese with nothing written.
 */
import JSZip from 'jszip';
import { ownFile, type FileOwner } from '../../cloudfunctions/core/app/kept-file';
import { C } from '../../cloudfunctions/core/platform/port';
import { mayFetch } from '../../scripts/auth/files';
import { MAX_PHOTO_BYTES, type AttachInput, type Attachment } from '../../types/attachments';
import { documentsFor } from '../../types/case-documents';
import type { Dispute } from '../../types/dispute';
import type { AuditEntry, DisputeView } from '../../types/ledger';
import type { User } from '../../types/org';
import type { ExportedFile } from '../../types/report';
import { caseInput, demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const MEDIATOR = 'demo-mediator'; // 前进村 (xhy-qj), under 杏花营镇 (xhy)
const OTHER_MEDIATOR = 'demo-m-jy-hx';
const TOWNSHIP = 'demo-township';
const DISTRICT = 'demo-district';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

let w: World;
let d: Dispute;
beforeEach(async () => {
  w = await demoWorld(0);
  d = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput()));
});
afterEach(() => w.store.close());

const user = async (id: string) => (await w.store.get<User>(C.users, id))!;

let serial = 0;
/** A file `by` uploaded through the gateway (its owner record as the gateway writes it). */
async function uploaded(by = MEDIATOR, bytes: Uint8Array = JPEG): Promise<string> {
  serial += 1;
  const { fileId } = await w.files.put(`uploads/2025-03-09/${String(serial).padStart(24, '0')}-photo.jpg`, bytes);
  await ownFile(w.store, { fileId, by: await user(by), at: new Date() });
  return fileId;
}

async function photo(overrides: Partial<AttachInput> = {}, by = MEDIATOR): Promise<AttachInput> {
  serial += 1;
  return { disputeId: d._id, id: `photo-${String(serial).padStart(6, '0')}`, fileId: await uploaded(by), kind: '协议书', name: '协议书.jpg', ...overrides };
}

const attach = (input: unknown, as = MEDIATOR) => w.call<Attachment>(as, 'dispute', 'attach', input);
const detach = (id: string, as = MEDIATOR) => w.call<{ id: string }>(as, 'dispute', 'detach', { disputeId: d._id, id });
const shown = async (as = MEDIATOR) => expectOk(await w.call<DisputeView>(as, 'dispute', 'get', { id: d._id })).record.attachments ?? [];
const photoAudit = async () =>
  (await w.store.find<AuditEntry>(C.audit, { recordId: d._id }, { sort: { version: 1 } })).filter((a) => 'attachments' in a.changes);

test('the recording mediator records a photo on the case: the case shows it, 修改记录 names it, and supervisors above may download it', async () => {
  const input = await photo({ kind: '现场照片', name: 'IMG_0012.jpg' });
  const recorded = expectOk(await attach(input));
  expect(recorded).toMatchObject({ id: input.id, fileId: input.fileId, kind: '现场照片', name: 'IMG_0012.jpg', by: MEDIATOR });

  expect(await shown()).toEqual([recorded]);
  expect(await shown(TOWNSHIP)).toEqual([recorded]);
  expect(await shown(DISTRICT)).toEqual([recorded]);
  // Each photo comes with where to show it from.
  const view = expectOk(await w.call<DisputeView>(TOWNSHIP, 'dispute', 'get', { id: d._id }));
  expect(view.photoUrls).toEqual([await w.files.url(input.fileId)]);
  const audit = await photoAudit();
  expect(audit.map((a) => [a.action, a.version, a.by, a.changes.attachments])).toEqual([['edit', 2, MEDIATOR, [null, '现场照片 IMG_0012.jpg']]]);

  // The file is the case's now: those the case's unit path lets in may download it, others not.
  const owner = await w.store.get<FileOwner>(C.files, input.fileId);
  expect(owner).toMatchObject({ by: MEDIATOR, unitPath: d.unitPath });
  expect(mayFetch(await user(TOWNSHIP), owner)).toBe(true);
  expect(mayFetch(await user(DISTRICT), owner)).toBe(true);
  expect(mayFetch(await user(OTHER_MEDIATOR), owner)).toBe(false);

  // The 卷宗封面's 卷内目录 lists it after the documents.
  const cover = expectOk(await w.call<ExportedFile>(MEDIATOR, 'dispute', 'document', { id: d._id, kind: '卷宗封面' }));
  const xml = await (await JSZip.loadAsync(await w.files.get(cover.fileId))).file('word/document.xml')!.async('string');
  const cells = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]);
  const at = cells.indexOf('现场照片(照片)');
  expect(cells.slice(at - 1, at + 2)).toEqual([String(documentsFor(d).length), '现场照片(照片)', 'IMG_0012.jpg']);
});

test('a resend records the photo once; other content under its id is refused; an edit of the case keeps its photos', async () => {
  const input = await photo();
  const first = expectOk(await attach(input));
  const before = await snapshot(w.store);
  expect(expectOk(await attach(input))).toEqual(first);
  expect(await snapshot(w.store)).toEqual(before);
  expect(await shown()).toHaveLength(1);

  expect(expectError(await attach({ ...input, kind: '其他' }), 'CONFLICT').message).toBe('该编号的照片已记录且内容不同');

  const current = (await w.store.get<Dispute>(C.disputes, d._id))!;
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ id: d._id, summary: '改了简要情况', baseVersion: current.version })));
  expect(await shown()).toEqual([first]);
});

test('removing a photo takes it off the case and is audited; removing it again changes nothing', async () => {
  const keep = expectOk(await attach(await photo({ name: '留下.jpg' })));
  const gone = expectOk(await attach(await photo({ kind: '履行凭证', name: '收条.jpg' })));
  expectOk(await detach(gone.id));
  expect(await shown()).toEqual([keep]);
  const before = await snapshot(w.store);
  expectOk(await detach(gone.id));
  expect(await snapshot(w.store)).toEqual(before);
  expect((await photoAudit()).map((a) => a.changes.attachments)).toEqual([[null, '协议书 留下.jpg'], [null, '履行凭证 收条.jpg'], ['履行凭证 收条.jpg', null]]);
});

test('only the recording mediator adds or removes photos: supervisors, other mediators and another’s upload are refused, nothing written', async () => {
  const recorded = expectOk(await attach(await photo()));
  const before = await snapshot(w.store);
  expectError(await attach(await photo({}, TOWNSHIP), TOWNSHIP), 'FORBIDDEN');
  expectError(await attach(await photo({}, OTHER_MEDIATOR), OTHER_MEDIATOR), 'FORBIDDEN');
  expectError(await detach(recorded.id, TOWNSHIP), 'FORBIDDEN');
  expectError(await detach(recorded.id, OTHER_MEDIATOR), 'FORBIDDEN');
  expect(expectError(await attach(await photo({}, OTHER_MEDIATOR)), 'FORBIDDEN').message).toBe('只能附上您本人上传的照片');
  expectError(await w.call(OTHER_MEDIATOR, 'dispute', 'get', { id: d._id }), 'FORBIDDEN');
  expect(await snapshot(w.store)).toEqual(before);
  expect(expectError(await attach(await photo({ disputeId: 'no-such-case' })), 'NOT_FOUND').message).toBe('案件不存在或已删除');
});

test('limits: at most 9 photos a case, each at most 2 MB, images only, only uploaded files; refused in Chinese, nothing written', async () => {
  for (let i = 0; i < 9; i++) expectOk(await attach(await photo({ name: `第${i + 1}张.jpg` })));
  let before = await snapshot(w.store);
  expect(expectError(await attach(await photo()), 'INVALID').message).toBe('每起案件最多9张照片');
  expect(await snapshot(w.store)).toEqual(before);
  expect(await shown()).toHaveLength(9);

  d = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput()));
  before = await snapshot(w.store);
  const large = new Uint8Array(MAX_PHOTO_BYTES + 1);
  large.set(JPEG);
  expect(expectError(await attach(await photo({ fileId: await uploaded(MEDIATOR, large) })), 'INVALID').message).toBe('照片压缩后仍超过2MB,请重新拍摄或换一张');
  const text = new TextEncoder().encode('这不是图片');
  expect(expectError(await attach(await photo({ fileId: await uploaded(MEDIATOR, text) })), 'INVALID').message).toBe('只能上传图片(JPG、PNG)');
  expect(expectError(await attach(await photo({ fileId: 'local://exports/report.xlsx' })), 'INVALID').message).toBe('只能附上通过本应用上传的照片');
  expect(expectError(await attach(await photo({ kind: '身份证' as never })), 'INVALID').message).toBe('请选择照片类别');
  expect(await snapshot(w.store)).toEqual(before);
  // Exactly 2 MB is allowed.
  const limit = new Uint8Array(MAX_PHOTO_BYTES);
  limit.set(JPEG);
  expectOk(await attach(await photo({ fileId: await uploaded(MEDIATOR, limit) })));
});
