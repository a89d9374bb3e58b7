/** The 名册 entry form as data, and the words for a likely duplicate the back end offers back. */
import { maskPhones } from '../../types/phone';
import { PersonInput, type Person, type PersonMatch } from '../../types/training';
import { validate, type FieldErrors } from '../../types/validation';
import { newRecordId } from './ids';

export interface PersonForm {
  id: string;
  unitId: string;
  name: string;
  phone: string;
  isLawPerson: boolean;
  baseVersion?: number;
}

export function blankPersonForm(unitId: string): PersonForm {
  return { id: newRecordId(), unitId, name: '', phone: '', isLawPerson: true };
}

export function formFromPerson(p: Person): PersonForm {
  return { id: p._id, unitId: p.unitId, name: p.name, phone: p.phone, isLawPerson: p.isLawPerson, baseVersion: p.version };
}

/** `confirmNew`: the user saw the likely duplicate and still wants a second entry. */
export function checkPersonForm(form: PersonForm, confirmNew = false): { ok: true; input: PersonInput } | { ok: false; errors: FieldErrors } {
  const result = validate(PersonInput, {
    id: form.id,
    unitId: form.unitId,
    name: form.name,
    phone: form.phone,
    isLawPerson: form.isLawPerson,
    ...(form.baseVersion ? { baseVersion: form.baseVersion } : {}),
    ...(confirmNew ? { confirmNew: true } : {}),
  });
  return result.ok ? { ok: true, input: result.output } : { ok: false, errors: result.fields };
}

/** '名册中已有:张三 138****8000(前进村),是同一人吗?': a likely entry (types PersonMatch) offered before a second one is made. */
export function sameOneQuestion(p: PersonMatch): string {
  return `${duplicateText(p, p.unitName)},是同一人吗?`;
}

/** '名册中已有:张三 138****8000(前进村)'. */
export function duplicateText(p: Pick<Person, 'name' | 'phone'>, unitName: string): string {
  return `名册中已有:${p.name}${p.phone ? ` ${maskPhones(p.phone)}` : ''}(${unitName})`;
}
