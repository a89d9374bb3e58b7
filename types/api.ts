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
export const FUNCTION_NAMES = ['me', 'dispute', 'rollup', 'person', 'training', 'publicity', 'report', 'import', 'settings', 'account', 'org', 'reporting'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/**
 * Seconds a call may run on the platform (deployed as each function's time limit; the phone waits
 * this long, and a little more, before taking a call as unanswered). Long work: an in-app import
 * (thousands of rows), report and ledger exports, and the rollup check that reads every record;
 * the rest answer in well under a second.
 */
export const FUNCTION_TIME_LIMIT_S: Record<FunctionName, number> = {
  me: 10, dispute: 10, person: 10, training: 10, publicity: 10, settings: 10,
  account: 10, reporting: 10,
  rollup: 60, report: 60, import: 60,
  // A move rewrites every record under the unit; a longer one answers `running` and is sent again.
  org: 60,
};
