/**
 * Photos waiting on the phone. A photo is kept here (WeChat: a saved file; browser: a data URL in
 * local storage) before its `attach` (`dispute.attach` for a case, `training.attach` for a session) is queued, so a photo taken without signal, or an app
 * closed mid-upload, loses nothing. When the outbox sends that write, the photo is uploaded first
 * (once: the file id is kept with it) and the write goes with the file id; once recorded, the photo
 * leaves the phone.
 */
import Taro from '@tarojs/taro';
import type { AttachInput, SessionAttachInput } from '../../types/attachments';
import { BackendError, uploadFile } from './backend';
import type { QueuedWrite } from './outbox';
import { readLocal, removeLocal, writeLocal } from './storage';

const PREFIX = 'fazhi.photo.';

/** A photo on the phone, by its attachment's id. `fileId` once it is uploaded. */
export interface KeptPhoto {
  /** A saved file's path (WeChat) or a data: URL (browser): what an Image shows and an upload reads. */
  path: string;
  name: string;
  fileId?: string;
}

/** A queued `attach` carries the photo's attachment fields; its file id is filled in when it is sent. */
export type QueuedAttach = Omit<AttachInput, 'fileId'> | Omit<SessionAttachInput, 'fileId'>;

// Every function's `attach` records a photo (dispute: a case's, training: a session's); nothing else is called so.
export const isAttachWrite = (w: Pick<QueuedWrite, 'fn' | 'action'>): boolean => w.action === 'attach';

export function keepPhoto(id: string, photo: KeptPhoto): void {
  writeLocal(PREFIX + id, photo);
}

export function keptPhoto(id: string): KeptPhoto | undefined {
  return readLocal<KeptPhoto>(PREFIX + id);
}

function forgetPhoto(id: string): void {
  const kept = keptPhoto(id);
  removeLocal(PREFIX + id);
  if (kept && process.env.TARO_ENV === 'weapp') Taro.removeSavedFile({ filePath: kept.path }).catch(() => undefined);
}

/** Photos no queued write needs any more (recorded, or their write discarded after a refusal) leave the phone. */
export function forgetUnqueuedPhotos(items: readonly QueuedWrite[]): void {
  const queued = new Set(items.filter(isAttachWrite).map((i) => i.id));
  for (const key of Taro.getStorageInfoSync().keys) {
    if (key.startsWith(PREFIX) && !queued.has(key.slice(PREFIX.length))) forgetPhoto(key.slice(PREFIX.length));
  }
}

/**
 * How the outbox sends `item`: an attach uploads its kept photo first (a resend after the upload
 * reuses its file id), then goes with it; every other write goes as it is.
 */
export async function sendWithPhoto<T>(item: QueuedWrite, send: (payload: unknown) => Promise<T>): Promise<T> {
  if (!isAttachWrite(item)) return send(item.payload);
  const attach = item.payload as QueuedAttach;
  const kept = keptPhoto(attach.id);
  if (!kept) throw new BackendError({ code: 'NOT_FOUND', message: '这张照片已不在本机,请重新拍摄' });
  let fileId = kept.fileId;
  if (!fileId) {
    fileId = await uploadFile(kept.path, kept.name);
    keepPhoto(attach.id, { ...kept, fileId });
  }
  const data = await send({ ...attach, fileId });
  forgetPhoto(attach.id);
  return data;
}
