/**
 * 人员 / 法律明白人: the roster's record rules, how an entry is built, and when two entries are
 * the same person (DOMAIN.md: one real person, one roster entry). Pure.
 */
import { normalizePhone } from '../../../types/phone';
import type { Person, PersonInput } from '../../../types/training';
import { firstVersion, type NewRecord, type RecordRules } from './versioned';

export const PERSON_RULES: RecordRules<Person> = {
  noun: '人员',
  fields: ['unitId', 'name', 'phone', 'isLawPerson'],
  privateFields: ['phone'],
};

/** A name as the same-person rule compares it: spaces are how it was typed, not who it is. */
const bareName = (name: string) => name.replace(/\s/g, '');

/**
 * The same person: same name (spaces aside) and same phone (however it is spelled), within the
 * units a caller searches (the query module takes the scope). Who is searched differs by caller
 * and is theirs to say: adding or walking in someone, the unit picked; self check-in, the
 * session's area; a ledger's 签到 row, the 所属单位 it names.
 */
export function samePerson(name: string, phone: string): { phoneKey: string; is: (p: Pick<Person, 'name'>) => boolean } {
  const want = bareName(name);
  return { phoneKey: normalizePhone(phone), is: (p) => bareName(p.name) === want };
}

/** A roster entry's identity as text (unit, name, phone as the rule compares them): what derived ids hash. */
export function personKey(unitId: string, name: string, phone: string): string {
  return `${unitId}|${bareName(name)}|${normalizePhone(phone)}`;
}

/** A new roster entry from the form's (or a ledger row's, or a self check-in's) fields. */
export function personRecord(input: Omit<PersonInput, 'baseVersion' | 'confirmNew'>, at: NewRecord): Person {
  return Object.assign(firstVersion(at), {
    createdBy: at.by,
    unitId: input.unitId,
    name: input.name,
    phone: input.phone,
    isLawPerson: input.isLawPerson,
    phoneKey: normalizePhone(input.phone),
  });
}

/** An edit copies only the rule fields: the phone key derived from a changed phone must follow it. */
export function withPhoneKey(p: Person): Person {
  return { ...p, phoneKey: normalizePhone(p.phone) };
}
