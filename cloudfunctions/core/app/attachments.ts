/**
 * Photos on a record: the case's recording mediator (照片与扫描件) or the session's trainer (现场照片)
 * records a photo they uploaded, or removes one; supervisors above see them. Written through the
 * record's one write (commitRecord: audited, idempotent by the attachment's id). Recording a photo
 * hands its file to the record: from then on whoever the record's unit path lets in may download it
 * (scripts/auth/files.ts).
 */
import {
  imageTypeOf, MAX_PHOTO_BYTES, NOT_AN_IMAGE, PHOTO_TOO_LARGE, photoRecordId, type Attachment, type PhotoPayloads, type PhotosOf,
} from '../../../types/attachments';
import type { Dispute } from '../../../types/dispute';
import type { Training } from '../../../types/training';
import { planAttach, planDetach, type PhotoChange, type PhotoHolder } from '../domain/attachments';
import { mayEdit } from '../domain/dispute';
import { Refusal } from '../domain/refusal';
import type { Plan } from '../domain/versioned';
import { C, type Call, type Tx } from '../platform/port';
import { commitCase, writeContext } from './dispute';
import type { FileOwner } from './kept-file';
import { getDispute } from './queries/disputes';
import { getTraining } from './queries/trainings';
import { commit as commitSession, mayEdit as mayEditSession } from './training';

type Stored = PhotoHolder & { unitPath: string[] };

/** How each kind of record is read, who may change its photos, and its one write. */
interface Holder<R extends Stored> {
  get: (call: Call, id: string) => Promise<R | null>;
  mayChange: (call: Call, found: R | null) => Promise<(r: R) => boolean>;
  commit: (call: Call, id: string, plan: (existing: R | null) => Plan<R>, also: (tx: Tx, before: R | null, after: R) => Promise<void>) => Promise<R>;
}

const HOLDERS: { case: Holder<Dispute>; session: Holder<Training> } = {
  case: {
    get: (call, id) => getDispute(call.store, id),
    // A case's edit rule reads the district's setting (unit-wide editing).
    mayChange: async (call, found) => {
      const ctx = await writeContext(call, found?.unitPath ?? []);
      return (d) => mayEdit(d, ctx);
    },
    commit: commitCase,
  },
  session: {
    get: (call, id) => getTraining(call.store, id),
    mayChange: async (call) => mayEditSession(call.caller),
    commit: commitSession,
  },
};

/** The uploaded file is the caller's, there, an image, and within the limit. */
async function checkPhoto(call: Call, fileId: string): Promise<void> {
  // Uploads through the gateway have an owner; WeChat's go straight to cloud storage and get one when recorded.
  const owner = await call.store.get<FileOwner>(C.files, fileId);
  if (owner && owner.by !== call.caller._id) throw new Refusal('FORBIDDEN', '只能附上您本人上传的照片');
  const bytes = await call.files.get(fileId).catch(() => {
    throw new Refusal('NOT_FOUND', '找不到上传的照片,请重新选择');
  });
  if (bytes.length > MAX_PHOTO_BYTES) throw new Refusal('INVALID', PHOTO_TOO_LARGE);
  if (!imageTypeOf(bytes)) throw new Refusal('INVALID', NOT_AN_IMAGE);
}

/** In the write's transaction: the file is the record's now, downloadable as far as the record reaches. */
async function handToRecord(tx: Tx, fileId: string, r: Stored, by: string): Promise<void> {
  const owner = await tx.get<FileOwner>(C.files, fileId);
  await tx.set<FileOwner>(C.files, { _id: fileId, by: owner?.by ?? by, at: owner?.at ?? r.updatedAt, unitPath: r.unitPath });
}

/** The photo plans touch only what every holder has (PhotoHolder), so one holder's record passes for any. */
const holderOf = (of: PhotosOf) => HOLDERS[of] as unknown as Holder<Stored>;

async function changePhotos(call: Call, of: PhotosOf, id: string, plan: (existing: Stored | null, change: PhotoChange<Stored>) => Plan<Stored>, fileId?: string): Promise<Stored> {
  const holder = holderOf(of);
  const found = await holder.get(call, id);
  const change: PhotoChange<Stored> = { of, mayChange: await holder.mayChange(call, found), by: call.caller._id, nowIso: call.now().toISOString() };
  // Refusals and resends are told before the photo is read: a resend of one recorded needs nothing more.
  if (plan(found, change).kind === 'unchanged') return found!;
  if (fileId) await checkPhoto(call, fileId);
  return holder.commit(call, id, (existing) => plan(existing, change), async (tx, _before, after) => {
    if (fileId) await handToRecord(tx, fileId, after, call.caller._id);
  });
}

export async function attachPhoto<O extends PhotosOf>(call: Call, of: O, input: PhotoPayloads[O]['attach']): Promise<Attachment> {
  const r = await changePhotos(call, of, photoRecordId(of, input), (existing, change) => planAttach(existing, input, change), input.fileId);
  return r.attachments!.find((a) => a.id === input.id)!;
}

export async function detachPhoto<O extends PhotosOf>(call: Call, of: O, input: PhotoPayloads[O]['detach']): Promise<{ id: string }> {
  await changePhotos(call, of, photoRecordId(of, input), (existing, change) => planDetach(existing, input.id, change));
  return { id: input.id };
}
