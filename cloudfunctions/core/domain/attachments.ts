/**
 * 照片与扫描件 on a case: who may add or remove them, the limit, and the write each makes. An
 * attachment is known by the id the phone made, so a resent attach or detach writes nothing. Pure.
 */
import { attachmentLabel, MAX_ATTACHMENTS, TOO_MANY_PHOTOS, type AttachInput, type Attachment } from '../../../types/attachments';
import type { Dispute } from '../../../types/dispute';
import { mayEdit, type WriteContext } from './dispute';
import { Refusal } from './refusal';
import type { Plan } from './versioned';

type Context = Pick<WriteContext, 'caller' | 'unitWideEditing' | 'nowIso'>;

/** The case as it can take a change of its photos: there, not deleted, and the caller's to change. */
function editable(existing: Dispute | null, ctx: Context): Dispute {
  if (!existing || existing.deleted) throw new Refusal('NOT_FOUND', '案件不存在或已删除');
  if (!mayEdit(existing, ctx)) throw new Refusal('FORBIDDEN', '只有登记该案件的调解员可以添加或移除照片');
  return existing;
}

/** The next version with `attachments`; the photo added or removed is named in 修改记录. */
function withAttachments(d: Dispute, attachments: Attachment[], change: [string | null, string | null], nowIso: string): Plan<Dispute> {
  const record: Dispute = { ...d, attachments, version: d.version + 1, updatedAt: nowIso };
  if (!attachments.length) delete record.attachments;
  return { kind: 'write', record, action: 'edit', changes: { attachments: change } };
}

export function planAttach(existing: Dispute | null, input: AttachInput, ctx: Context): Plan<Dispute> {
  const d = editable(existing, ctx);
  const list = d.attachments ?? [];
  const same = list.find((a) => a.id === input.id);
  if (same) {
    if (same.fileId === input.fileId && same.kind === input.kind && same.name === input.name) return { kind: 'unchanged', record: d };
    throw new Refusal('CONFLICT', '该编号的照片已记录且内容不同');
  }
  if (list.length >= MAX_ATTACHMENTS) throw new Refusal('INVALID', TOO_MANY_PHOTOS);
  const added: Attachment = { id: input.id, fileId: input.fileId, kind: input.kind, name: input.name, at: ctx.nowIso, by: ctx.caller._id };
  return withAttachments(d, [...list, added], [null, attachmentLabel(added)], ctx.nowIso);
}

/** Removing a photo already gone (a resend) changes nothing. */
export function planDetach(existing: Dispute | null, attachmentId: string, ctx: Context): Plan<Dispute> {
  const d = editable(existing, ctx);
  const list = d.attachments ?? [];
  const gone = list.find((a) => a.id === attachmentId);
  if (!gone) return { kind: 'unchanged', record: d };
  return withAttachments(d, list.filter((a) => a !== gone), [attachmentLabel(gone), null], ctx.nowIso);
}
