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
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return { ok: true, output: result.output };
  const fields: FieldErrors = {};
  for (const issue of result.issues) fields[v.getDotPath(issue) ?? '_'] ??= issue.message;
  return { ok: false, fields };
}
