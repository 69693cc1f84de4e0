export type AppErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'payment_required'
  | 'quota_exceeded'
  | 'forbidden'
  // An API key without the scope a route needs (the public API names the scope).
  | 'insufficient_scope'
  // A workspace that requires two-factor refused a member who hasn't turned it on.
  | 'two_factor_required'
  | 'not_found'
  | 'conflict'
  // A change to a workspace scheduled for deletion (read-only until the purge or a cancel).
  | 'workspace_read_only'
  | 'validation_failed'
  // The public API: a body that isn't JSON, a lost update refused by If-Match, an
  // Idempotency-Key repeated with another request.
  | 'invalid_json'
  | 'precondition_failed'
  | 'idempotency_key_reused'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal'
  | 'unavailable'
  | 'overloaded';

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  payment_required: 402,
  quota_exceeded: 402,
  forbidden: 403,
  insufficient_scope: 403,
  two_factor_required: 403,
  not_found: 404,
  conflict: 409,
  workspace_read_only: 409,
  payload_too_large: 413,
  validation_failed: 422,
  invalid_json: 400,
  precondition_failed: 412,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  overloaded: 503,
};

/** The one error type lib code throws; the action and API wrappers map it to forms and HTTP. */
export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export function errorBody(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
  return { error: { code, message, ...(details ? { details } : {}) } };
}
