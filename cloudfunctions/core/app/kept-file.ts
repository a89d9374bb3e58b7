/** Files the functions build for the caller to download (exports, rejected rows), kept in the file store; where a record's photos show from. */
import { randomBytes } from 'node:crypto';
import type { Attachment } from '../../../types/attachments';
import type { Unit, User } from '../../../types/org';
import type { ExportedFile } from '../../../types/report';
import { C, type Call, type Store } from '../platform/port';

/**
 * Who put a stored file and what it is of: a download is allowed to them and to those whose reach
 * covers `unitPath` (scripts/auth/files.ts). `temporary` files (exports, rejected rows) go after a day.
 */
export interface FileOwner {
  /** The file id. */
  _id: string;
  by: string;
  unitPath: string[];
  at: string;
  temporary?: true;
}

/** The owner record of a file `by` put, of `unitId` (or of their first grant's unit). */
export async function ownFile(store: Store, file: { fileId: string; by: User; unitId?: string; at: Date; temporary?: true }): Promise<void> {
  const unitId = file.unitId ?? file.by.roles[0]?.unitId;
  const unit = unitId ? await store.get<Unit>(C.units, unitId) : null;
  const owner: FileOwner = { _id: file.fileId, by: file.by._id, unitPath: unit?.path ?? [], at: file.at.toISOString(), ...(file.temporary ? { temporary: true as const } : {}) };
  await store.set(C.files, owner);
}

interface Where {
  dir: string;
  /** Names what the file is of (a unit id), made ASCII. */
  tag?: string;
  /** The end of the stored name, with the extension: '.xlsx', '-ledger.xlsx'. */
  tail: string;
}

/**
 * Keeps `bytes` and answers where to fetch them and the name to save them under. The storage
 * path is ASCII and unique per file; the Chinese name travels beside it. Its random part is
 * 96 bits from the system's generator: the name of another's export cannot be guessed.
 */
export async function keepFile(call: Call, { dir, tag, tail }: Where, bytes: Uint8Array, name: string): Promise<ExportedFile> {
  const now = call.now();
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  const random = randomBytes(12).toString('base64url');
  const prefix = tag ? `${tag.replace(/[^A-Za-z0-9_-]/g, '_')}-` : '';
  const stored = await call.files.put(`${dir}/${prefix}${stamp}-${random}${tail}`, bytes);
  await ownFile(call.store, { fileId: stored.fileId, by: call.caller, unitId: tag, at: now, temporary: true });
  return { ...stored, name };
}

/** Where to show each of a record's photos from, in order (CloudBase's links are temporary: asked for with the record). */
export function photoUrls(call: Call, record: { attachments?: Attachment[] }): Promise<string[]> {
  return Promise.all((record.attachments ?? []).map((a) => call.files.url(a.fileId)));
}
