import * as v from 'valibot';

/** Full-width digits and plus (１３８, ＋86) as ASCII: phones typed with a Chinese input method. */
function asciiDigits(s: string): string {
  return s.replace(/[０-９＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Written between a phone's digits: spaces, dots and dashes, half or full width. */
const IN_NUMBER = '[\\s.．\\-－‐‑–—]';

/** Full-width digits, spaces, dots, dashes and a +86 / 0086 prefix are spelling, not identity. */
export function normalizePhone(phone: string): string {
  return asciiDigits(phone).replace(new RegExp(IN_NUMBER, 'g'), '').replace(/^(\+86|0086)/, '');
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

/**
 * What may hold phone numbers within text: groups of digits (half or full width) joined by
 * spaces, dots or dashes, as in 138.0013.8000 or ＋86 138-0013-8000. A run may hold more than
 * one number (a date before a phone): privacy.ts looks for numbers among its groups.
 */
export const PHONE_LIKE = new RegExp(`[+＋]?[0-9０-９]+(?:${IN_NUMBER}+[0-9０-９]+)*`, 'g');

/** Fewer digits than this are not a phone number (a count, a short amount). */
export const PHONE_MIN_DIGITS = 7;

/** A phone's digits masked: '13800138000' → '138****8000'; any other length keeps only its last 2 digits. */
export function maskedDigits(d: string): string {
  return d.length === 11 ? `${d.slice(0, 3)}****${d.slice(7)}` : `${'*'.repeat(Math.max(0, d.length - 2))}${d.slice(-2)}`;
}

/** A phone field's numbers masked ('138 0013 8000、0371-2345678' → '138****8000、037****5678'). */
export function maskPhones(phones: string): string {
  return phones.replace(PHONE_LIKE, (p) => {
    const d = normalizePhone(p);
    return d.length < PHONE_MIN_DIGITS ? p : maskedDigits(d);
  });
}
