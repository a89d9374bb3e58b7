/** Typed text → numbers for the shared schemas: anything that is not a plain number becomes NaN, which the schema names. */

/** '-5' stays -5, so the schema can say "不能为负数" rather than "须为数字". */
export function toInt(text: string): number {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** '' → undefined (the schema's default applies), '1.5' → 1.5. */
export function toOptionalNumber(text: string): number | undefined {
  if (!text.trim()) return undefined;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
}
