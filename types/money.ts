/** Money travels and is stored as integer fen; yuan text exists only at the edges (forms, ledgers). */

/** Over this (1亿元) a case needs an explicit confirmation: almost always a typo. */
export const LARGE_AMOUNT_FEN = 100_000_000 * 100;

/**
 * '1,234.5' → 123450. Accepts thousands separators and up to 2 decimals;
 * returns null for anything else so the caller can say what is wrong.
 */
export function yuanToFen(text: string): number | null {
  const s = text.trim().replace(/[,，\s]/g, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 123450 → '1234.50' (exact, for showing beside a worded figure). */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Fen (≥ 0) as 万元 with two decimals, half up: '123.45万元', as the monthly statistics word money
 * (the annual report's 余万元 is figures/wording.ts). Here because the 统计报表 page words 同比/环比 too.
 */
export function wanText(fen: number): string {
  const hundredths = Math.floor((fen + 5_000) / 10_000);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}万元`;
}
