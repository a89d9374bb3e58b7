/**
 * Photos on a record (照片与扫描件 of a case, 现场照片 of a session): who may add or remove them, the
 * limit, and the write each makes. An attachment is known by the id the phone made, so a resent
 * attach or detach writes nothing. Pure.
 */
import { attachmentLabel, MAX_ATTACHMENTS, PHOTO_HOLDERS, type Attachment, type PhotosOf } from '../../../types/attachments';
import { Refusal } from './refusal';
import type { Plan } from './versioned';

/** A record that holds photos. */
export interface PhotoHolder {
  attachments?: Attachment[];
  version: number;
  deleted: boolean;
  updatedAt: string;
}

/** Who changes the photos of a record of kind `of`, and when: `mayChange` is that kind's edit rule for the caller. */
export interface PhotoChange<R> {
  of: PhotosOf;
  mayChange: (r: R) => boolean;
  by: string;
  nowIso: string;
}

const REFUSALS: Record<PhotosOf, { gone: string; notYours: string }> = {
  case: { gone: '案件不存在或已删除', notYours: '只有登记该案件的调解员可以添加或移除照片' },
  session: { gone: '培训不存在或已删除', notYours: '该培训不在您负责的范围内,不能添加或移除照片' },
};

/** The record as it can take a change of its photos: there, not deleted, and the caller's to change. */
function editable<R extends PhotoHolder>(existing: R | null, change: PhotoChange<R>): R {
  if (!existing || existing.deleted) throw new Refusal('NOT_FOUND', REFUSALS[change.of].gone);
  if (!change.mayChange(existing)) throw new Refusal('FORBIDDEN', REFUSALS[change.of].notYours);
  return existing;
}

/** The next version with `attachments`; the photo added or removed is named in 修改记录. */
function withAttachments<R extends PhotoHolder>(r: R, attachments: Attachment[], change: [string | null, string | null], nowIso: string): Plan<R> {
  const record: R = { ...r, attachments, version: r.version + 1, updatedAt: nowIso };
  if (!attachments.length) delete record.attachments;
  return { kind: 'write', record, action: 'edit', changes: { attachments: change } };
}

export function planAttach<R extends PhotoHolder>(existing: R | null, input: Pick<Attachment, 'id' | 'fileId' | 'kind' | 'name'>, change: PhotoChange<R>): Plan<R> {
  const r = editable(existing, change);
  const list = r.attachments ?? [];
  const same = list.find((a) => a.id === input.id);
  if (same) {
    if (same.fileId === input.fileId && same.kind === input.kind && same.name === input.name) return { kind: 'unchanged', record: r };
    throw new Refusal('CONFLICT', '该编号的照片已记录且内容不同');
  }
  if (list.length >= MAX_ATTACHMENTS) throw new Refusal('INVALID', PHOTO_HOLDERS[change.of].tooMany);
  const added: Attachment = { id: input.id, fileId: input.fileId, kind: input.kind, name: input.name, at: change.nowIso, by: change.by };
  return withAttachments(r, [...list, added], [null, attachmentLabel(added)], change.nowIso);
}

/** Removing a photo already gone (a resend) changes nothing. */
export function planDetach<R extends PhotoHolder>(existing: R | null, attachmentId: string, change: PhotoChange<R>): Plan<R> {
  const r = editable(existing, change);
  const list = r.attachments ?? [];
  const gone = list.find((a) => a.id === attachmentId);
  if (!gone) return { kind: 'unchanged', record: r };
  return withAttachments(r, list.filter((a) => a !== gone), [attachmentLabel(gone), null], change.nowIso);
}
