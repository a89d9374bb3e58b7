/**
 * Photos on a record (照片与扫描件 on the case page, 现场照片 on the session page): taking or picking
 * photos, compressing them on the phone, queueing each as a write (photo-queue.ts uploads it when
 * sent), what waits, removing one, and opening one.
 */
import Taro from '@tarojs/taro';
import {
  MAX_ATTACHMENTS, MAX_PHOTO_BYTES, NOT_AN_IMAGE, PHOTO_HOLDERS, PHOTO_LONG_SIDE, PHOTO_TOO_LARGE, photoRecordId,
  type Attachment, type AttachmentKind, type PhotosOf,
} from '../../types/attachments';
import { newRecordId } from './ids';
import type { QueuedWrite } from './outbox';
import { isAttachWrite, keepPhoto, keptPhoto, type QueuedAttach } from './photo-queue';
import { submitWrite } from './sync';

/** A photo ready to keep: compressed, within the limits. */
interface Compressed {
  path: string;
  name: string;
}

/** JPEG quality of the browser build's re-encoding: small files that still read as a signed page. */
const JPEG_QUALITY = 0.7;

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** Browser build: scaled down to PHOTO_LONG_SIDE on the long side, re-encoded as JPEG, as a data URL (what local storage keeps). */
async function compressInBrowser(blobUrl: string): Promise<string> {
  const img = new Image();
  img.src = blobUrl;
  await img.decode().catch(() => {
    throw new Error(NOT_AN_IMAGE);
  });
  const scale = Math.min(1, PHOTO_LONG_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
  const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  if (!jpeg) throw new Error(NOT_AN_IMAGE);
  if (jpeg.size > MAX_PHOTO_BYTES) throw new Error(PHOTO_TOO_LARGE);
  return readAsDataUrl(jpeg);
}

/** WeChat: compressed by the platform, then saved (a temp file may be cleared before the network returns). */
async function compressInWeapp(tempPath: string): Promise<string> {
  const { tempFilePath } = await Taro.compressImage({ src: tempPath, quality: Math.round(JPEG_QUALITY * 100) });
  const { size } = (await Taro.getFileInfo({ filePath: tempFilePath })) as Taro.getFileInfo.SuccessCallbackResult;
  if (size > MAX_PHOTO_BYTES) throw new Error(PHOTO_TOO_LARGE);
  return ((await Taro.saveFile({ tempFilePath })) as Taro.saveFile.SuccessCallbackResult).savedFilePath;
}

/** A JPEG's name: what it was called, with the extension it now has. */
const jpegName = (original: string, n: number) => `${original.replace(/\.[^.]*$/, '') || `照片${n}`}.jpg`;

/** The record whose photos these are: a case or a session, by id. */
export interface PhotoRecord {
  of: PhotosOf;
  _id: string;
}

/**
 * Takes a photo (`camera`) or picks up to `room` from the album, compressed on the phone. Null when
 * the user cancelled; throws with the message to show for a file that is no image or too large.
 */
export async function takePhotos(of: PhotosOf, source: 'camera' | 'album', room: number): Promise<Compressed[] | null> {
  if (room <= 0) throw new Error(PHOTO_HOLDERS[of].tooMany);
  let picked: Taro.chooseImage.SuccessCallbackResult;
  try {
    picked = await Taro.chooseImage({ count: source === 'camera' ? 1 : room, sizeType: ['compressed'], sourceType: [source] });
  } catch {
    return null;
  }
  const files = picked.tempFiles.slice(0, room);
  const out: Compressed[] = [];
  for (const [i, f] of files.entries()) {
    const original = (f as { originalFileObj?: File }).originalFileObj;
    if (process.env.TARO_ENV === 'h5') {
      if (original && !original.type.startsWith('image/')) throw new Error(NOT_AN_IMAGE);
      out.push({ path: await compressInBrowser(f.path), name: jpegName(original?.name ?? '', i + 1) });
    } else {
      out.push({ path: await compressInWeapp(f.path), name: jpegName(f.path.split('/').pop() ?? '', i + 1) });
    }
  }
  return out;
}

/** Each photo kept on the phone, then queued and sent: answers how many went at once and how many wait. */
export async function attachPhotos(r: PhotoRecord, kind: AttachmentKind, photos: Compressed[]): Promise<{ sent: number; queued: number }> {
  const { fn, ref } = PHOTO_HOLDERS[r.of];
  let sent = 0;
  let queued = 0;
  for (const p of photos) {
    const write = { [ref]: r._id, id: newRecordId(), kind, name: p.name } as QueuedAttach;
    keepPhoto(write.id, p);
    // A full phone storage keeps nothing (the browser's local storage holds a few MB): say so rather than queue a photo that is not there.
    if (!keptPhoto(write.id)) throw new Error('本机存储空间不足,照片未能保存,请联网后再拍');
    const result = await submitWrite(fn, 'attach', write, `照片 · ${kind}`);
    if (result.outcome === 'sent') sent++;
    else queued++;
  }
  return { sent, queued };
}

/** A photo of this record still on the phone: not recorded yet (待上传), or refused (its reason). */
export interface WaitingPhoto {
  id: string;
  kind: AttachmentKind;
  name: string;
  src: string;
  refused?: string;
  write: QueuedWrite;
}

export function waitingPhotos(items: readonly QueuedWrite[], r: PhotoRecord): WaitingPhoto[] {
  return items.flatMap((w) => {
    const a = w.payload as QueuedAttach;
    const kept = isAttachWrite(w) && w.fn === PHOTO_HOLDERS[r.of].fn && photoRecordId(r.of, a) === r._id ? keptPhoto(a.id) : undefined;
    return kept ? [{ id: a.id, kind: a.kind, name: a.name, src: kept.path, refused: w.refused?.message, write: w }] : [];
  });
}

/** Photos a record may still take: the limit less those recorded and those waiting. */
export const roomFor = (recorded: readonly Attachment[], waiting: number): number => MAX_ATTACHMENTS - recorded.length - waiting;

/** Opens the photo full screen, the record's others a swipe away. */
export function previewPhoto(current: string, all: string[]): void {
  void Taro.previewImage({ current, urls: all });
}

/** 移除: through the outbox like any write; removing one already gone is no error. */
export function removePhoto(r: PhotoRecord, a: Pick<Attachment, 'id' | 'kind'>) {
  const { fn, ref } = PHOTO_HOLDERS[r.of];
  // Keyed by the photo, as its attach is: a removal queued replaces an attach still waiting.
  return submitWrite(fn, 'detach', { [ref]: r._id, id: a.id }, `移除照片 · ${a.kind}`, a.id);
}
