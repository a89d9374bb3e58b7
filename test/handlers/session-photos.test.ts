/**
 * 现场照片 of a training session through `training.attach` / `training.detach`, the same photos a
 * case has: the session's trainer records a photo they uploaded and removes it, each audited; a
 * resend records it once; supervisors above see the photos and may download them, a trainer or
 * mediator elsewhere may not; nobody else adds or removes them; ≤ 9 a session, ≤ 2 MB, images
 * only, refused in Chinese with nothing written.
 */
import { ownFile, type FileOwner } from '../../cloudfunctions/core/app/kept-file';
import { C } from '../../cloudfunctions/core/platform/port';
import { mayFetch } from '../../scripts/auth/files';
import { MAX_PHOTO_BYTES, type Attachment, type SessionAttachInput } from '../../types/attachments';
import { todayBeijing } from '../../types/dates';
import type { AuditEntry } from '../../types/ledger';
import type { User } from '../../types/org';
import { LAW_PERSON_TRAINING, type PersonSaveResult, type Training, type TrainingInput, type TrainingView } from '../../types/training';
import { demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const TRAINER = 'demo-trainer'; // 杏花营镇 (xhy)
const OTHER_TRAINER = 'test-trainer-jy'; // 金耀街道: another township
const MEDIATOR = 'demo-mediator'; // 前进村, under 杏花营镇: a mediator is no trainer
const TOWNSHIP = 'demo-township';
const DISTRICT = 'demo-district';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

let w: World;
let t: Training;
let serial = 0;

const sessionInput = (overrides: Partial<TrainingInput> = {}): TrainingInput => {
  serial += 1;
  return { id: `test-session-${String(serial).padStart(4, '0')}`, unitId: 'xhy', category: LAW_PERSON_TRAINING, date: todayBeijing(), topic: '民法典进乡村', trainer: '王培训', place: '镇司法所', hours: 2, ...overrides };
};

beforeEach(async () => {
  w = await demoWorld(0);
  await w.store.set<User>(C.users, { _id: OTHER_TRAINER, name: '钱培训(金耀街道)', roles: [{ role: 'trainer', unitId: 'jy' }] });
  t = expectOk(await w.call<Training>(TRAINER, 'training', 'save', sessionInput()));
});
afterEach(() => w.store.close());

const user = async (id: string) => (await w.store.get<User>(C.users, id))!;

/** A file `by` uploaded through the gateway (its owner record as the gateway writes it). */
async function uploaded(by = TRAINER, bytes: Uint8Array = JPEG): Promise<string> {
  serial += 1;
  const { fileId } = await w.files.put(`uploads/2025-03-09/${String(serial).padStart(24, '0')}-photo.jpg`, bytes);
  await ownFile(w.store, { fileId, by: await user(by), at: new Date() });
  return fileId;
}

async function photo(overrides: Partial<SessionAttachInput> = {}, by = TRAINER): Promise<SessionAttachInput> {
  serial += 1;
  return { trainingId: t._id, id: `photo-${String(serial).padStart(6, '0')}`, fileId: await uploaded(by), kind: '现场照片', name: '现场.jpg', ...overrides };
}

const attach = (input: unknown, as = TRAINER) => w.call<Attachment>(as, 'training', 'attach', input);
const detach = (id: string, as = TRAINER) => w.call<{ id: string }>(as, 'training', 'detach', { trainingId: t._id, id });
const view = async (as = TRAINER) => expectOk(await w.call<TrainingView>(as, 'training', 'get', { id: t._id }));
const shown = async (as = TRAINER) => (await view(as)).training.attachments ?? [];
const photoAudit = async () =>
  (await w.store.find<AuditEntry>(C.audit, { recordId: t._id }, { sort: { version: 1 } })).filter((a) => 'attachments' in a.changes);

test('the trainer records a photo on the session: the session shows it, the audit names it; supervisors above download it, a trainer or mediator elsewhere may not', async () => {
  const input = await photo({ name: 'IMG_0031.jpg' });
  const recorded = expectOk(await attach(input));
  expect(recorded).toMatchObject({ id: input.id, fileId: input.fileId, kind: '现场照片', name: 'IMG_0031.jpg', by: TRAINER });

  expect(await shown()).toEqual([recorded]);
  expect(await shown(TOWNSHIP)).toEqual([recorded]);
  expect(await shown(DISTRICT)).toEqual([recorded]);
  expect((await view(TOWNSHIP)).photoUrls).toEqual([await w.files.url(input.fileId)]);
  // Outside the session's reach the session itself is refused, photos and all.
  expectError(await w.call(OTHER_TRAINER, 'training', 'get', { id: t._id }), 'FORBIDDEN');
  const audit = await photoAudit();
  expect(audit.map((a) => [a.action, a.version, a.by, a.changes.attachments])).toEqual([['edit', 2, TRAINER, [null, '现场照片 IMG_0031.jpg']]]);

  // The file is the session's now: its uploader and those above the session's unit download it, others not.
  const owner = await w.store.get<FileOwner>(C.files, input.fileId);
  expect(owner).toMatchObject({ by: TRAINER, unitPath: t.unitPath });
  expect(mayFetch(await user(TRAINER), owner)).toBe(true);
  expect(mayFetch(await user(TOWNSHIP), owner)).toBe(true);
  expect(mayFetch(await user(DISTRICT), owner)).toBe(true);
  expect(mayFetch(await user(OTHER_TRAINER), owner)).toBe(false);
  expect(mayFetch(await user(MEDIATOR), owner)).toBe(false);
});

test('a resend records the photo once; other content under its id is refused; editing the session and ticking attendance keep its photos', async () => {
  const input = await photo();
  const first = expectOk(await attach(input));
  const before = await snapshot(w.store);
  expect(expectOk(await attach(input))).toEqual(first);
  expect(await snapshot(w.store)).toEqual(before);
  expect(await shown()).toHaveLength(1);
  expect(await photoAudit()).toHaveLength(1);

  expect(expectError(await attach({ ...input, name: '别的.jpg' }), 'CONFLICT').message).toBe('该编号的照片已记录且内容不同');

  const current = (await w.store.get<Training>(C.trainings, t._id))!;
  expectOk(await w.call(TRAINER, 'training', 'save', { ...sessionInput({ id: t._id, topic: '改了主题' }), baseVersion: current.version }));
  const person = expectOk(await w.call<PersonSaveResult>(TRAINER, 'person', 'save', { id: 'test-person-photo', unitId: 'xhy-qj', name: '孙照', phone: '13700009999' }));
  if (person.kind !== 'saved') throw new Error('taken for a duplicate');
  expectOk(await w.call(TRAINER, 'training', 'attend', { trainingId: t._id, personId: person.person._id, present: true }));
  expect((await view()).training).toMatchObject({ topic: '改了主题', attendees: [person.person._id], attachments: [first] });
});

test('removing a photo takes it off the session and is audited; removing it again changes nothing', async () => {
  const keep = expectOk(await attach(await photo({ name: '留下.jpg' })));
  const gone = expectOk(await attach(await photo({ name: '拍糊了.jpg' })));
  expectOk(await detach(gone.id));
  expect(await shown()).toEqual([keep]);
  const before = await snapshot(w.store);
  expectOk(await detach(gone.id));
  expect(await snapshot(w.store)).toEqual(before);
  expect((await photoAudit()).map((a) => a.changes.attachments)).toEqual([[null, '现场照片 留下.jpg'], [null, '现场照片 拍糊了.jpg'], ['现场照片 拍糊了.jpg', null]]);
});

test('only the session’s trainer adds or removes photos: supervisors, a trainer elsewhere, a mediator and another’s upload are refused, nothing written', async () => {
  const recorded = expectOk(await attach(await photo()));
  const before = await snapshot(w.store);
  for (const as of [TOWNSHIP, OTHER_TRAINER, MEDIATOR]) {
    expect(expectError(await attach(await photo({}, as), as), 'FORBIDDEN').message).toBe('该培训不在您负责的范围内,不能添加或移除照片');
    expectError(await detach(recorded.id, as), 'FORBIDDEN');
  }
  expect(expectError(await attach(await photo({}, OTHER_TRAINER)), 'FORBIDDEN').message).toBe('只能附上您本人上传的照片');
  expect(await snapshot(w.store)).toEqual(before);
  expect(expectError(await attach(await photo({ trainingId: 'no-such-session' })), 'NOT_FOUND').message).toBe('培训不存在或已删除');
  // A case's photo payload is not a session's.
  expectError(await attach({ ...(await photo()), trainingId: undefined, disputeId: t._id }), 'INVALID');

  const current = (await w.store.get<Training>(C.trainings, t._id))!;
  expectOk(await w.call(TRAINER, 'training', 'remove', { id: t._id, baseVersion: current.version }));
  expect(expectError(await attach(await photo()), 'NOT_FOUND').message).toBe('培训不存在或已删除');
});

test('limits: at most 9 photos a session, each at most 2 MB, images only, of a session’s kind; refused in Chinese, nothing written', async () => {
  for (let i = 0; i < 9; i++) expectOk(await attach(await photo({ name: `第${i + 1}张.jpg` })));
  let before = await snapshot(w.store);
  expect(expectError(await attach(await photo()), 'INVALID').message).toBe('每场培训最多9张照片');
  expect(await snapshot(w.store)).toEqual(before);
  expect(await shown()).toHaveLength(9);

  t = expectOk(await w.call<Training>(TRAINER, 'training', 'save', sessionInput()));
  before = await snapshot(w.store);
  const large = new Uint8Array(MAX_PHOTO_BYTES + 1);
  large.set(JPEG);
  expect(expectError(await attach(await photo({ fileId: await uploaded(TRAINER, large) })), 'INVALID').message).toBe('照片压缩后仍超过2MB,请重新拍摄或换一张');
  const text = new TextEncoder().encode('这不是图片');
  expect(expectError(await attach(await photo({ fileId: await uploaded(TRAINER, text) })), 'INVALID').message).toBe('只能上传图片(JPG、PNG)');
  expect(expectError(await attach(await photo({ fileId: 'local://exports/report.xlsx' })), 'INVALID').message).toBe('只能附上通过本应用上传的照片');
  expect(expectError(await attach(await photo({ kind: '协议书' as never })), 'INVALID').message).toBe('请选择照片类别');
  expect(await snapshot(w.store)).toEqual(before);
  const limit = new Uint8Array(MAX_PHOTO_BYTES);
  limit.set(JPEG);
  expectOk(await attach(await photo({ fileId: await uploaded(TRAINER, limit) })));
});
