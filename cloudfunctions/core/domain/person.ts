/**
 * 人员 / 法律明白人: the roster's record rules, how an entry is built, and when two entries are
 * the same person (DOMAIN.md: one real person, one roster entry). Pure.
 */
import { normalizePhone } from '../../../types/phone';
import type { Person, PersonInput } from '../../../types/training';
import { firstVersion, type NewRecord, type Plan, type RecordRules } from './versioned';

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

/**
 * Among the entries of a session's area found by phone or by name, who the attendee is: `exact`,
 * the same person by samePerson (ticked as them); else `near`, an entry with the same phone,
 * failing that one with the same name, offered for the user to confirm before a second entry is
 * made. Phone first: a name is shared by many, a mobile number by one.
 */
export function matchPerson<P extends Pick<Person, '_id' | 'name' | 'phoneKey'>>(name: string, phone: string, found: readonly P[]): { exact?: P; near?: P } {
  const rule = samePerson(name, phone);
  const byId = (a: P, b: P) => (a._id < b._id ? -1 : 1);
  const sorted = [...found].sort(byId);
  const exact = sorted.find((p) => p.phoneKey === rule.phoneKey && rule.is(p));
  if (exact) return { exact };
  return { near: sorted.find((p) => rule.phoneKey !== '' && p.phoneKey === rule.phoneKey) ?? sorted.find(rule.is) };
}

/** The name forms a stored entry's name may take for `name` (as typed, and without its spaces): what the name search asks for. */
export function nameForms(name: string): string[] {
  return [...new Set([name.trim(), bareName(name)])];
}

/** The duplicate entry marked merged into `keep`: hidden like a deleted one, kept for its audit trail. */
export function planMerge(duplicate: Person, keep: Pick<Person, '_id'>, nowIso: string): Plan<Person> {
  if (duplicate.mergedInto === keep._id) return { kind: 'unchanged', record: duplicate };
  const record: Person = { ...duplicate, deleted: true, mergedInto: keep._id, version: duplicate.version + 1, updatedAt: nowIso };
  return { kind: 'write', record, action: 'merge', changes: { mergedInto: [null, keep._id] } };
}
