import type { ApiError, ErrorCode } from '../../../types/api';

/** A refusal the caller should see: thrown anywhere in a handler, answered as `{ ok: false, error }`. */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
  }
}
