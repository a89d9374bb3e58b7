/** The 培训 form as data: a blank session (typical defaults) and how it becomes a `TrainingInput`. */
import { todayBeijing } from '../../types/dates';
import type { Me } from '../../types/org';
import { LAW_PERSON_TRAINING, TrainingInput, type Training } from '../../types/training';
import { validate, type FieldErrors } from '../../types/validation';
import { toOptionalNumber } from './form-values';
import { newRecordId } from './ids';
import { newRecordUnit } from './units';

export interface TrainingForm {
  id: string;
  unitId: string;
  category: string;
  date: string;
  topic: string;
  trainer: string;
  place: string;
  hours: string;
  baseVersion?: number;
}

/** '王培训(杏花营镇司法所)' → '王培训': the trainer field wants a person's name. */
export function personalName(userName: string): string {
  return userName.replace(/\s*[(（].*$/, '').trim();
}

/** “法律明白人”培训 today at my unit, given by me: most sessions need only a topic. */
export function blankTrainingForm(me: Me): TrainingForm {
  return {
    id: newRecordId(),
    unitId: newRecordUnit(me, 'training'),
    category: LAW_PERSON_TRAINING,
    date: todayBeijing(),
    topic: '',
    trainer: personalName(me.user.name),
    place: '',
    hours: '',
  };
}

export function formFromTraining(t: Training): TrainingForm {
  return {
    id: t._id,
    unitId: t.unitId,
    category: t.category,
    date: t.date,
    topic: t.topic,
    trainer: t.trainer,
    place: t.place,
    hours: t.hours ? String(t.hours) : '',
    baseVersion: t.version,
  };
}

export function checkTrainingForm(form: TrainingForm): { ok: true; input: TrainingInput } | { ok: false; errors: FieldErrors } {
  const result = validate(TrainingInput, {
    id: form.id,
    unitId: form.unitId,
    category: form.category,
    date: form.date,
    topic: form.topic,
    trainer: form.trainer,
    place: form.place,
    hours: toOptionalNumber(form.hours),
    ...(form.baseVersion ? { baseVersion: form.baseVersion } : {}),
  });
  return result.ok ? { ok: true, input: result.output } : { ok: false, errors: result.fields };
}
