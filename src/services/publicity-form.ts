/** The 宣传活动 form as data: fields as typed, photos as uploaded file ids with a link to show them. */
import { todayBeijing } from '../../types/dates';
import type { Me } from '../../types/org';
import { PublicityInput, type PublicityView } from '../../types/training';
import { validate, type FieldErrors } from '../../types/validation';
import { toInt } from './form-values';
import { newRecordId } from './ids';
import { newRecordUnit } from './units';

export const MAX_PHOTOS = 3;

export interface PhotoRef {
  fileId: string;
  /** What an Image shows: the picked file's local path, or the stored file's link. */
  url: string;
}

export interface PublicityForm {
  id: string;
  unitId: string;
  date: string;
  title: string;
  materials: string;
  consulted: string;
  photos: PhotoRef[];
  baseVersion?: number;
}

export function blankPublicityForm(me: Me): PublicityForm {
  return {
    id: newRecordId(),
    unitId: newRecordUnit(me, 'publicity'),
    date: todayBeijing(),
    title: '',
    materials: '',
    consulted: '',
    photos: [],
  };
}

export function formFromPublicity({ record: p, photoUrls }: PublicityView): PublicityForm {
  return {
    id: p._id,
    unitId: p.unitId,
    date: p.date,
    title: p.title,
    materials: String(p.materials),
    consulted: String(p.consulted),
    photos: p.photos.map((fileId, i) => ({ fileId, url: photoUrls[i] ?? '' })),
    baseVersion: p.version,
  };
}

/** Blank counts are 0: many activities hand out nothing or take no questions. */
export function checkPublicityForm(form: PublicityForm): { ok: true; input: PublicityInput } | { ok: false; errors: FieldErrors } {
  const count = (text: string) => (text.trim() ? toInt(text) : 0);
  const result = validate(PublicityInput, {
    id: form.id,
    unitId: form.unitId,
    date: form.date,
    title: form.title,
    materials: count(form.materials),
    consulted: count(form.consulted),
    photos: form.photos.map((p) => p.fileId),
    ...(form.baseVersion ? { baseVersion: form.baseVersion } : {}),
  });
  return result.ok ? { ok: true, input: result.output } : { ok: false, errors: result.fields };
}
