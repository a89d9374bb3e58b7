/**
 * 照片与扫描件: photos kept with a case (the signed 协议书, the scene, proof of 履行). The phone
 * compresses and uploads a photo, then `dispute.attach` records it on the case; `dispute.detach`
 * takes it off. Both are writes like any other: the attachment's id is made on the phone.
 */
import * as v from 'valibot';
import { RecordId } from './dispute';
import { UPLOADED_FILE_ID } from './files';
import { visibleText } from './validation';

export const ATTACHMENT_KINDS = ['协议书', '现场照片', '履行凭证', '其他'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** At most this many photos on one case: a 卷宗 holds the agreement and a few pictures, not an album. */
export const MAX_ATTACHMENTS = 9;
/** A photo's size after the phone compressed it. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** The long side a phone scales a photo down to before upload (the browser build; WeChat compresses itself). */
export const PHOTO_LONG_SIDE = 1600;

export const TOO_MANY_PHOTOS = `每起案件最多${MAX_ATTACHMENTS}张照片`;
export const PHOTO_TOO_LARGE = `照片压缩后仍超过${MAX_PHOTO_BYTES / 1024 / 1024}MB,请重新拍摄或换一张`;
export const NOT_AN_IMAGE = '只能上传图片(JPG、PNG)';

/** A photo on a case, as stored (Dispute.attachments). */
export interface Attachment {
  id: string;
  fileId: string;
  kind: AttachmentKind;
  /** The photo's file name, for the list and the 卷内目录. */
  name: string;
  /** When it was recorded on the case (ISO). */
  at: string;
  /** Who recorded it (user id). */
  by: string;
}

export const AttachInput = v.object({
  disputeId: RecordId,
  id: RecordId,
  fileId: v.pipe(v.string('请先上传照片'), v.regex(UPLOADED_FILE_ID, '只能附上通过本应用上传的照片')),
  kind: v.picklist(ATTACHMENT_KINDS, '请选择照片类别'),
  name: v.pipe(v.string('缺少照片名称'), visibleText, v.trim(), v.minLength(1, '缺少照片名称'), v.maxLength(80, '照片名称过长')),
});
export type AttachInput = v.InferOutput<typeof AttachInput>;

export const DetachInput = v.object({ disputeId: RecordId, id: RecordId });
export type DetachInput = v.InferOutput<typeof DetachInput>;

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
