/** Personal information of parties: masked for everyone but the recorder and supervisors above (phones: types/phone.ts, shared with the app). */
import { maskPhones, normalizePhone, PHONE_LIKE } from '../../../types/phone';

const NAME_SEPARATORS = /[、,，\s]+/;

/** '张三' → '张*', '欧阳娜娜' → '欧***'. Several names separated by 、,， or spaces each masked. */
export function maskNames(names: string): string {
  return names
    .split(new RegExp(`(${NAME_SEPARATORS.source})`))
    .map((part, i) => (i % 2 === 1 || !part ? part : part[0] + '*'.repeat(Math.max(1, [...part].length - 1))))
    .join('');
}

/**
 * A case's free text (简要情况) with its parties masked: mediators often name them there, and
 * exports never carry them. Masks the case's own party names and phones, and any mobile number.
 * Stored cases hold null for party details cleared by an edit.
 */
export function withoutParties(text: string, partyNames?: string | null, partyPhones?: string | null): string {
  // Longest first, so a name inside a longer one does not split it; a one-character "name" would mask common characters.
  const names = (partyNames ?? '').split(NAME_SEPARATORS).filter((n) => [...n].length > 1).sort((a, b) => b.length - a.length);
  const masked = names.reduce((t, n) => t.split(n).join(maskNames(n)), text);
  const phones = new Set((partyPhones?.match(PHONE_LIKE) ?? []).map(normalizePhone));
  return masked.replace(PHONE_LIKE, (p) => {
    const d = normalizePhone(p);
    return phones.has(d) || /^1\d{10}$/.test(d) ? maskPhones(p) : p;
  });
}
