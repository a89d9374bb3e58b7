/**
 * 照片与扫描件: the recording mediator records a photo they uploaded on a case, or removes one;
 * supervisors above the case see them. Written through commitRecord like every change of a
 * case (audited, idempotent by the attachment's id). Recording a photo hands its file to the
 * case: from then on whoever the case's unit path lets in may download it (scripts/auth/files.ts).
 */
import { imageTypeOf, MAX_PHOTO_BYTES, NOT_AN_IMAGE, PHOTO_TOO_LARGE, type AttachInput, type Attachment, type DetachInput } from '../../../types/attachments';
import type { Dispute } from '../../../types/dispute';
import { planAttach, planDetach } from '../domain/attachments';
import type { WriteContext } from '../domain/dispute';
import { Refusal } from '../domain/refusal';
import type { Plan } from '../domain/versioned';
import { C, type Call, type Tx } from '../platform/port';
import { commitCase, writeContext } from './dispute';
import type { FileOwner } from './kept-file';
import { getDispute } from './queries/disputes';

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

/** In the write's transaction: the file is the case's now, downloadable as far as the case reaches. */
async function handToCase(tx: Tx, fileId: string, d: Dispute, by: string): Promise<void> {
  const owner = await tx.get<FileOwner>(C.files, fileId);
  await tx.set<FileOwner>(C.files, { _id: fileId, by: owner?.by ?? by, at: owner?.at ?? d.updatedAt, unitPath: d.unitPath });
}

async function changePhotos(call: Call, disputeId: string, plan: (existing: Dispute | null, ctx: WriteContext) => Plan<Dispute>, fileId?: string) {
  const d = await getDispute(call.store, disputeId);
  const ctx = await writeContext(call, d?.unitPath ?? []);
  // Refusals and resends are told before the photo is read: a resend of one recorded needs nothing more.
  if (plan(d, ctx).kind === 'unchanged') return d!;
  if (fileId) await checkPhoto(call, fileId);
  return commitCase(call, disputeId, (existing) => plan(existing, ctx), fileId ? (tx, _before, after) => handToCase(tx, fileId, after, call.caller._id) : undefined);
}

export async function attachPhoto(call: Call, input: AttachInput): Promise<Attachment> {
  const d = await changePhotos(call, input.disputeId, (existing, ctx) => planAttach(existing, input, ctx), input.fileId);
  return d.attachments!.find((a) => a.id === input.id)!;
}

export async function detachPhoto(call: Call, input: DetachInput): Promise<{ id: string }> {
  await changePhotos(call, input.disputeId, (existing, ctx) => planDetach(existing, input.id, ctx));
  return { id: input.id };
}
