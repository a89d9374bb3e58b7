/** Personal information of parties: masked for everyone but the recorder and supervisors above (phones: types/phone.ts, shared with the app). */
import { maskedDigits, normalizePhone, PHONE_LIKE, PHONE_MIN_DIGITS } from '../../../types/phone';

/** How names are separated in a parties field, as people type them. */
const NAME_SEPARATORS = /[、,，;；/／|｜\s]+/;

/** '张三' → '张*', '欧阳娜娜' → '欧***'. Several names separated by 、,，;；/ | or spaces each masked. */
export function maskNames(names: string): string {
  return names
    .split(new RegExp(`(${NAME_SEPARATORS.source})`))
    .map((part, i) => (i % 2 === 1 || !part ? part : part[0] + '*'.repeat(Math.max(1, [...part].length - 1))))
    .join('');
}

const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/;
const BRACKETED = /[(（[【][^)）\]】]*[)）\]】]/g;

/**
 * The names to look for in free text. A part of 4 to 6 Han characters may be two names typed
 * without a separator ('张三李四', '张三王小明'): Chinese names are 2 or 3 characters, so
 * each way of cutting it into two such names is looked for too, besides the whole. A 4-character
 * name ('欧阳娜娜') then also masks its halves where they stand alone: masking too much is the
 * safe side. Longer parts (an organisation as party) are looked for whole only.
 */
function namesToFind(partyNames: string): string[] {
  const names = new Set<string>();
  // A bracketed role after a name ('张三(申请人)') is not part of it.
  for (const part of partyNames.replace(BRACKETED, '、').split(NAME_SEPARATORS)) {
    const chars = [...part];
    // A one-character "name" would mask common characters.
    if (chars.length < 2) continue;
    names.add(part);
    if (chars.length < 4 || chars.length > 6 || !HAN.test(part)) continue;
    for (let cut = 2; cut <= 3; cut++) {
      const rest = chars.length - cut;
      if (rest >= 2 && rest <= 3) {
        names.add(chars.slice(0, cut).join(''));
        names.add(chars.slice(cut).join(''));
      }
    }
  }
  // Longest first, so a name inside a longer one does not split it.
  return [...names].sort((a, b) => b.length - a.length);
}

/**
 * Phone numbers within one run of digit groups (see PHONE_LIKE) masked: any consecutive groups
 * that spell a mobile number or one of `own`, whatever stands before or after them in the run
 * ('2024.3.7 13800138000': the date stays, the phone is masked).
 */
function maskNumbersIn(run: string, own: ReadonlySet<string>): string {
  const groups = [...run.matchAll(/[+＋]?[0-9０-９]+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  let out = '';
  let done = 0;
  for (let i = 0; i < groups.length; i++) {
    for (let j = i; j < groups.length; j++) {
      const d = normalizePhone(run.slice(groups[i].start, groups[j].end));
      if (d.length > 13) break;
      if (d.length < PHONE_MIN_DIGITS || !(own.has(d) || /^1\d{10}$/.test(d))) continue;
      out += run.slice(done, groups[i].start) + maskedDigits(d);
      done = groups[j].end;
      i = j;
      break;
    }
  }
  return out + run.slice(done);
}

/**
 * A case's free text (简要情况) with its parties masked: mediators often name them there, and
 * exports never carry them. Masks the case's own party names and phones, and any mobile number,
 * however they are spelt (see namesToFind, PHONE_LIKE). Stored cases hold null for party details
 * cleared by an edit.
 */
export function withoutParties(text: string, partyNames?: string | null, partyPhones?: string | null): string {
  const masked = namesToFind(partyNames ?? '').reduce((t, n) => t.split(n).join(maskNames(n)), text);
  const own = new Set((partyPhones?.match(PHONE_LIKE) ?? []).map(normalizePhone));
  return masked.replace(PHONE_LIKE, (run) => maskNumbersIn(run, own));
}

type Parties = { partyNames?: string | null; partyPhones?: string | null };

/**
 * An audit entry's changes with the free text (简要情况, 协议内容) masked as a colleague reads it, by the
 * parties of both versions: the trail outlives an edit that clears them, and keeps no more than
 * the export. Party fields themselves never go in (RecordRules.privateFields). Any kind of
 * record comes through the one write path; only cases have parties and a summary.
 */
export function changesWithoutParties<C extends Record<string, [unknown, unknown]>>(changes: C, before: object | null, after: object): C {
  const texts = FREE_TEXT.filter((f) => changes[f]);
  if (!texts.length) return changes;
  const versions = [before, after] as (Parties | null)[];
  const names = versions.map((v) => v?.partyNames).filter(Boolean).join('、');
  const phones = versions.map((v) => v?.partyPhones).filter(Boolean).join('、');
  const mask = (t: unknown) => (typeof t === 'string' ? withoutParties(t, names, phones) : t);
  return { ...changes, ...Object.fromEntries(texts.map((f) => [f, [mask(changes[f][0]), mask(changes[f][1])]])) };
}

/** A case's free-text fields, where mediators name the parties: 简要情况 and 协议内容. */
const FREE_TEXT = ['summary', 'agreementTerms'] as const;

/** The parties named in a case's parties field, one by one ('张三、李四' → ['张三', '李四']): a document signs each. */
export function partyList(partyNames: string | null | undefined): string[] {
  return (partyNames ?? '').split(NAME_SEPARATORS).filter(Boolean);
}
