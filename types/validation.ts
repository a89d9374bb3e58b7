import * as v from 'valibot';

export type FieldErrors = Record<string, string>;

/**
 * Runs a shared schema and names the first problem of each field in Chinese. The form
 * calls it for instant feedback and the function calls it to enforce: one rule set.
 */
export function validate<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { ok: true; output: v.InferOutput<S> } | { ok: false; fields: FieldErrors } {
  // Every check runs (a date-order problem shows even while the type is still unchosen); the first message per field wins.
  const result = v.safeParse(schema, input);
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
    return (entry && v.safeParse(entry, undefined).issues?.[0]?.message) || '提交的内容格式不正确';
  });
}
