import { AppError } from './app-error';

/** What lib commands with form-shaped outcomes return on failure: a message, optionally pinned to one field. */
export type FormFailureResult = { ok: false; field?: string; message: string };

/**
 * A lib result for an action: the success as is, a failure as the AppError the action wrappers
 * turn into a field error (or a form-level message when no field is named).
 */
export function orThrowFormFailure<R extends { ok: true } | FormFailureResult>(result: R): Extract<R, { ok: true }> {
  if (result.ok) return result as Extract<R, { ok: true }>;
  const failure = result as FormFailureResult;
  throw new AppError('validation_failed', failure.message, failure.field ? { field: failure.field } : undefined);
}
