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

/** What an attendee typed: their name and phone, and the unit they would join (the village picked), if known. */
export interface Typed {
  name: string;
  phone: string;
  unitId?: string;
}

/**
 * Among the entries of a session's area found by peopleLike, who the attendee is: `exact`, the
 * same person by samePerson (ticked as them); else `near`, the likeliest entry, offered for the
 * user to confirm before a second entry is made. Likeliest first: the same phone (a name is
 * shared by many, a mobile number by one); a phone one slip away (phoneTypos) with the same or a
 * near name; the same name (nameKey); a near name (nearName) in the unit they would join. A
 * phone one slip away under an unrelated name is another person (families take numbers in a row).
 */
export function matchPerson<P extends Pick<Person, '_id' | 'name' | 'phoneKey' | 'unitId'>>(typed: Typed, found: readonly P[]): { exact?: P; near?: P } {
  const rule = samePerson(typed.name, typed.phone);
  const byId = (a: P, b: P) => (a._id < b._id ? -1 : 1);
  const sorted = [...found].sort(byId);
  const exact = sorted.find((p) => p.phoneKey === rule.phoneKey && rule.is(p));
  if (exact) return { exact };
  const typos = new Set(phoneTypos(rule.phoneKey));
  const sameName = (p: P) => nameKey(p.name) === nameKey(typed.name);
  const likely: ((p: P) => boolean)[] = [
    (p) => rule.phoneKey !== '' && p.phoneKey === rule.phoneKey,
    (p) => typos.has(p.phoneKey) && (sameName(p) || nearName(typed.name, p.name)),
    sameName,
    (p) => p.unitId === typed.unitId && nearName(typed.name, p.name),
  ];
  for (const is of likely) {
    const near = sorted.find(is);
    if (near) return { near };
  }
  return {};
}

/**
 * A name as the near match compares it: spaces (half or full width) removed, full-width letters
 * and digits as ASCII (NFKC), and the 间隔号 of a minority name however typed (·, ・, • or none):
 * one name typed on two phones. Only offered (matchPerson), never the same person on its own:
 * samePerson and personKey (derived ids) keep bareName.
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/[\s·・•‧]/g, '');
}

/**
 * Two names one character apart (one 同音字 or typo for another: 刘明白, 刘名白; or one left out),
 * of which the longer has at least three: two-character names one apart differ in their whole
 * surname or given name (张伟, 李伟), which is another person more often than a slip.
 */
export function nearName(a: string, b: string): boolean {
  let [long, short] = [[...nameKey(a)], [...nameKey(b)]];
  if (long.length < short.length) [long, short] = [short, long];
  if (long.length < 3 || long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  if (i === long.length) return false; // the same name: not one apart
  const rest = (chars: string[], from: number) => chars.slice(from).join('');
  return rest(long, i + 1) === rest(short, long.length === short.length ? i + 1 : i);
}

/**
 * The mobile numbers one slip of the finger from `phoneKey`: one digit wrong, or two adjacent
 * digits swapped (at most 99; the leading 1 kept, as every stored mobile has it). Empty for
 * anything but a mobile. peopleLike asks the phone index for exactly these, so the look-up
 * costs the entries it finds, not the area's roster.
 */
export function phoneTypos(phoneKey: string): string[] {
  if (!/^1\d{10}$/.test(phoneKey)) return [];
  const d = [...phoneKey];
  const spelled = (at: number, ...digits: string[]) => [...d.slice(0, at), ...digits, ...d.slice(at + digits.length)].join('');
  const out = new Set<string>();
  for (let i = 1; i < d.length; i++) {
    for (const c of '0123456789') if (c !== d[i]) out.add(spelled(i, c));
    if (i + 1 < d.length && d[i] !== d[i + 1]) out.add(spelled(i, d[i + 1], d[i]));
  }
  return [...out];
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
