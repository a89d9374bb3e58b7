import { normalizePhone } from '../../../types/phone';

/** Personal information of parties: masked for everyone but the recorder and supervisors above. */

/** '张三' → '张*', '欧阳娜娜' → '欧***'. Several names separated by 、,， or spaces each masked. */
export function maskNames(names: string): string {
  return names
    .split(/([、,，\s]+)/)
    .map((part, i) => (i % 2 === 1 || !part ? part : part[0] + '*'.repeat(Math.max(1, [...part].length - 1))))
    .join('');
}

/** '13800138000' → '138****8000'; anything shorter keeps only its last 2 digits. */
export function maskPhones(phones: string): string {
  return phones.replace(/\+?\d[\d\s-]{5,}\d/g, (p) => {
    const d = normalizePhone(p);
    return d.length === 11 ? `${d.slice(0, 3)}****${d.slice(7)}` : `${'*'.repeat(Math.max(0, d.length - 2))}${d.slice(-2)}`;
  });
}
