import * as v from 'valibot';

export type FieldErrors = Record<string, string>;

/** What a problem no schema names says: valibot's own defaults are English and quote the input back. */
export const FORMAT_MESSAGE = '提交的内容格式不正确';

/**
 * Runs a shared schema and names the first problem of each field in Chinese. The form
 * calls it for instant feedback and the function calls it to enforce: one rule set.
 */
export function validate<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { ok: true; output: v.InferOutput<S> } | { ok: false; fields: FieldErrors } {
  // Every check runs (a date-order problem shows even while the type is still unchosen); the first message per field wins.
  const result = v.safeParse(schema, input, { message: FORMAT_MESSAGE });
  if (result.success) return { ok: true, output: result.output };
  const fields: FieldErrors = {};
  for (const issue of result.issues) fields[v.getDotPath(issue) ?? '_'] ??= issue.message;
  return { ok: false, fields };
}

/**
 * `v.object` whose missing keys are reported with the message the key's own schema
 * gives for no value ('请选择纠纷类型'), instead of valibot's English 'Invalid key: …'.
 */
export function formObject<E extends v.ObjectEntries>(entries: E) {
  return v.object(entries, (issue) => {
    const key = issue.path?.[0]?.key;
    // Not Object.hasOwn: the app runs on WeChat clients whose JavaScriptCore (iOS < 15.4) lacks it.
    const entry = typeof key === 'string' && Object.prototype.hasOwnProperty.call(entries, key) ? entries[key] : undefined;
    return (entry && v.safeParse(entry, undefined).issues?.[0]?.message) || FORMAT_MESSAGE;
  });
}

/** The deepest page a list serves: past it a query is a probe, not a reader paging on. */
export const SKIP_MAX = 100_000;

/** `limit` and `skip` of a list query, at most `max` a page (`size` by default). */
export function paging(max: number, size: number) {
  return {
    limit: v.optional(
      v.pipe(v.number('每页条数须为数字'), v.integer('每页条数须为整数'), v.minValue(1, '每页至少1条'), v.maxValue(max, `每页最多${max}条`)),
      size,
    ),
    skip: v.optional(
      v.pipe(v.number('翻页位置须为数字'), v.integer('翻页位置须为整数'), v.minValue(0, '翻页位置不能为负数'), v.maxValue(SKIP_MAX, `翻页不能超过第${SKIP_MAX}条`)),
      0,
    ),
  };
}

/** The version an edit or delete is based on. */
export const BaseVersion = v.pipe(v.number('缺少版本号'), v.integer('版本号不正确'), v.minValue(1, '版本号不正确'));

/** Control characters (tab and line breaks aside), zero-width and direction marks: invisible, so no text is made of them. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** Text as typed, without invisible characters; run before trim and a required length, so '\u200b' counts as empty. */
export const visibleText = v.transform((s: string) => s.replace(INVISIBLE, ''));

/**
 * `schema` taking null in the optional `keys` as absent: records an earlier version stored with
 * nulls come back from a read that way, and sending back what was read must be accepted.
 */
export function nullAsAbsent<S extends v.GenericSchema>(keys: readonly string[], schema: S) {
  return v.pipe(
    v.unknown(),
    v.transform((input) => {
      if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
      const record = input as Record<string, unknown>;
      if (!keys.some((k) => record[k] === null)) return input;
      const out: Record<string, unknown> = { ...record };
      for (const k of keys) if (out[k] === null) delete out[k];
      return out;
    }),
    schema,
  );
}
