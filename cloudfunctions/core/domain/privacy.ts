/** Personal information of parties: masked for everyone but the recorder and supervisors above (phones: types/phone.ts, shared with the app). */

/** '张三' → '张*', '欧阳娜娜' → '欧***'. Several names separated by 、,， or spaces each masked. */
export function maskNames(names: string): string {
  return names
    .split(/([、,，\s]+)/)
    .map((part, i) => (i % 2 === 1 || !part ? part : part[0] + '*'.repeat(Math.max(1, [...part].length - 1))))
    .join('');
}
