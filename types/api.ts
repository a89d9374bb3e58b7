/** What every cloud function answers: data, or a structured error with a Chinese message. */
export type ErrorCode =
  | 'INVALID' // input failed the shared schema
  | 'UNREGISTERED' // caller's OPENID is not a registered user
  | 'FORBIDDEN' // caller has no role reaching the unit or record
  | 'NOT_FOUND'
  | 'CONFLICT' // same id, different content, not an edit
  | 'STALE' // edit names a version that is no longer current
  | 'LOCKED' // period is locked
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Per-field messages, keyed by the form field name, for showing next to the field. */
  fields?: Record<string, string>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** The deployable function names; the app calls nothing else. */
export const FUNCTION_NAMES = ['me', 'dispute', 'rollup', 'person', 'training', 'publicity', 'report', 'import', 'settings'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];
