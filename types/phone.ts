import * as v from 'valibot';

/** Spaces, hyphens and a +86 / 0086 prefix are spelling, not identity. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
}

/** A mobile number as typed; empty is allowed (not everyone gives one). */
export const PhoneSchema = v.pipe(
  v.string('手机号须为文本'),
  v.trim(),
  v.check((s) => s === '' || /^1\d{10}$/.test(normalizePhone(s)), '手机号应为11位数字,如 138 0013 8000'),
);

/** How several numbers are written in one field: '138 0013 8000、0371-2345678'. */
const BETWEEN_NUMBERS = /[、,，;；/]+/;

/**
 * The first number in a list that is not 7 to 12 digits (a mobile, or a landline with its
 * area code). A masked 138****8000 is refused: stored, its digits would be lost for good.
 */
function badPhoneIn(list: string): string | undefined {
  return list
    .split(BETWEEN_NUMBERS)
    .map((p) => p.trim())
    .find((p) => p !== '' && !/^\d{7,12}$/.test(normalizePhone(p)));
}

/** Parties' phones, any number of them; empty is allowed. */
export const PhoneListSchema = v.pipe(
  v.string('电话须为文本'),
  v.trim(),
  v.maxLength(200, '当事人电话过长'),
  v.check((s) => !badPhoneIn(s), (issue) => `电话「${badPhoneIn(issue.input as string)}」不正确:应为7至12位数字,多个号码用顿号隔开`),
);

/** What reads as a phone number within text: seven or more digits, spaces and hyphens allowed. */
export const PHONE_LIKE = /\+?\d[\d\s-]{5,}\d/g;

/** '13800138000' → '138****8000'; anything shorter keeps only its last 2 digits. */
export function maskPhones(phones: string): string {
  return phones.replace(PHONE_LIKE, (p) => {
    const d = normalizePhone(p);
    return d.length === 11 ? `${d.slice(0, 3)}****${d.slice(7)}` : `${'*'.repeat(Math.max(0, d.length - 2))}${d.slice(-2)}`;
  });
}
