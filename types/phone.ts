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

/** What reads as a phone number within text: seven or more digits, spaces and hyphens allowed. */
export const PHONE_LIKE = /\+?\d[\d\s-]{5,}\d/g;

/** '13800138000' → '138****8000'; anything shorter keeps only its last 2 digits. */
export function maskPhones(phones: string): string {
  return phones.replace(PHONE_LIKE, (p) => {
    const d = normalizePhone(p);
    return d.length === 11 ? `${d.slice(0, 3)}****${d.slice(7)}` : `${'*'.repeat(Math.max(0, d.length - 2))}${d.slice(-2)}`;
  });
}
