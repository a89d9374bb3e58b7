/**
 * 案号: a committee's case number, `(年份)单位简称人调字第N号` (DOMAIN.md "Case file"). The year is
 * the case's 受理日期's; N counts the unit's cases of that year from 1, given once, when the case
 * first reaches the server, and never again. The 简称 is the unit's own (组织架构) or, unset,
 * one made from its name (`defaultShortCode`).
 */
import * as v from 'valibot';
import type { Unit } from './org';
import { UnitIdSchema } from './org';
import { visibleText } from './validation';

// The common CJK block: what unit names are written in (no \p{…}: older WeChat clients' engines lack it).
const HAN = /[\u4e00-\u9fff]/g;
const hanOf = (s: string): string[] => s.match(HAN) ?? [];

/** 简称: what an admin may set, 1–6 Chinese characters. */
export const ShortCode = v.pipe(
  v.string('请填写单位简称'),
  visibleText,
  v.trim(),
  v.minLength(1, '请填写单位简称'),
  v.regex(/^[\u4e00-\u9fff]{1,6}$/, '单位简称须为1至6个汉字'),
);

export const SetShortCode = v.object({ unitId: UnitIdSchema, shortCode: ShortCode });
export type SetShortCode = v.InferOutput<typeof SetShortCode>;

/**
 * The 简称 a unit has before anyone sets one: a village's is the first character of its township
 * and its own (杏花营镇/前进村 → 杏前); any other unit's, the first two characters of its name, a
 * leading 区 left out (杏花营镇 → 杏花, 区诉调联动中心 → 诉调). Only Chinese characters count.
 */
export function defaultShortCode(unit: Pick<Unit, 'name' | 'kind'>, parent: Pick<Unit, 'name'> | null): string {
  const own = hanOf(unit.name);
  if (unit.kind === '村社区' && parent) return (hanOf(parent.name)[0] ?? '') + (own[0] ?? '');
  const named = own[0] === '区' && own.length > 2 ? own.slice(1) : own;
  return named.slice(0, 2).join('') || '本';
}

/** The 简称 a case number of this unit takes now. */
export function shortCodeOf(unit: Pick<Unit, 'name' | 'kind' | 'shortCode'>, parent: Pick<Unit, 'name'> | null): string {
  return unit.shortCode || defaultShortCode(unit, parent);
}

export function formatCaseNo(year: string, shortCode: string, n: number): string {
  return `(${year})${shortCode}人调字第${n}号`;
}

/** The year and N of a case number written in the standard form (brackets full- or half-width), or null. */
export function parseCaseNo(caseNo: string): { year: string; n: number } | null {
  const m = /^[(（](\d{4})[)）][\u4e00-\u9fff]*人调字第(\d{1,9})号$/.exec(caseNo.trim());
  return m ? { year: m[1], n: Number(m[2]) } : null;
}

/** 案号 as an imported ledger gives it: kept as written. */
export const CaseNoText = v.pipe(
  v.string('案号须为文本'),
  visibleText,
  v.trim(),
  v.maxLength(40, '案号不超过40字'),
);
