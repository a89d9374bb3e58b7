/**
 * Photos kept with a record: 照片与扫描件 of a case (the signed 协议书, the scene, proof of 履行) and
 * 现场照片 of a training session. The phone compresses and uploads a photo, then `dispute.attach`
 * (a case) or `training.attach` (a session) records it on the record; `detach` takes it off. Both are
 * writes like any other: the attachment's id is made on the phone.
 */
import * as v from 'valibot';
import { RecordId } from './dispute';
import { UPLOADED_FILE_ID } from './files';
import { visibleText } from './validation';

export const ATTACHMENT_KINDS = ['协议书', '现场照片', '履行凭证', '其他'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** A session's photos show that it took place: all of one kind. */
export const SESSION_PHOTO_KINDS = ['现场照片'] as const satisfies readonly AttachmentKind[];

/** At most this many photos on one record: a 卷宗 holds the agreement and a few pictures, not an album. */
export const MAX_ATTACHMENTS = 9;

/**
 * What holds photos: a case or a training session. Each is recorded by its own function's
 * `attach` / `detach`, whose payload names the record in `ref`; `kinds` are what a photo of it may be.
 */
export const PHOTO_HOLDERS = {
  case: { fn: 'dispute', ref: 'disputeId', kinds: ATTACHMENT_KINDS, tooMany: `每起案件最多${MAX_ATTACHMENTS}张照片` },
  session: { fn: 'training', ref: 'trainingId', kinds: SESSION_PHOTO_KINDS, tooMany: `每场培训最多${MAX_ATTACHMENTS}张照片` },
} as const;
export type PhotosOf = keyof typeof PHOTO_HOLDERS;
/** A photo's size after the phone compressed it. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** The long side a phone scales a photo down to before upload (the browser build; WeChat compresses itself). */
export const PHOTO_LONG_SIDE = 1600;

export const PHOTO_TOO_LARGE = `照片压缩后仍超过${MAX_PHOTO_BYTES / 1024 / 1024}MB,请重新拍摄或换一张`;
export const NOT_AN_IMAGE = '只能上传图片(JPG、PNG)';

/** A photo on a record, as stored (Dispute.attachments, Training.attachments). */
export interface Attachment {
  id: string;
  fileId: string;
  kind: AttachmentKind;
  /** The photo's file name, for the list and the 卷内目录. */
  name: string;
  /** When it was recorded on the record (ISO). */
  at: string;
  /** Who recorded it (user id). */
  by: string;
}

/** A photo's own fields in an attach, whatever holds it. */
const photoEntries = <K extends AttachmentKind>(kinds: readonly K[]) => ({
  id: RecordId,
  fileId: v.pipe(v.string('请先上传照片'), v.regex(UPLOADED_FILE_ID, '只能附上通过本应用上传的照片')),
  kind: v.picklist(kinds, '请选择照片类别'),
  name: v.pipe(v.string('缺少照片名称'), visibleText, v.trim(), v.minLength(1, '缺少照片名称'), v.maxLength(80, '照片名称过长')),
});

export const AttachInput = v.object({ disputeId: RecordId, ...photoEntries(ATTACHMENT_KINDS) });
export type AttachInput = v.InferOutput<typeof AttachInput>;
export const SessionAttachInput = v.object({ trainingId: RecordId, ...photoEntries(SESSION_PHOTO_KINDS) });
export type SessionAttachInput = v.InferOutput<typeof SessionAttachInput>;

export const DetachInput = v.object({ disputeId: RecordId, id: RecordId });
export type DetachInput = v.InferOutput<typeof DetachInput>;
export const SessionDetachInput = v.object({ trainingId: RecordId, id: RecordId });
export type SessionDetachInput = v.InferOutput<typeof SessionDetachInput>;

/** The attach and detach payloads of each holder, and the record one names (by its holder's `ref`). */
export interface PhotoPayloads {
  case: { attach: AttachInput; detach: DetachInput };
  session: { attach: SessionAttachInput; detach: SessionDetachInput };
}
export const photoRecordId = (of: PhotosOf, payload: object): string => (payload as Record<string, string>)[PHOTO_HOLDERS[of].ref];

/** How a photo is named in 修改记录: '协议书 IMG_0012.jpg'. */
export const attachmentLabel = (a: Pick<Attachment, 'kind' | 'name'>): string => `${a.kind} ${a.name}`;

/** What the first bytes of a file say it is: the image types a phone's camera and album give, or null. */
export function imageTypeOf(bytes: Uint8Array): 'jpeg' | 'png' | 'gif' | 'webp' | null {
  const b = (i: number) => bytes[i];
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46) return 'gif';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return null;
}
