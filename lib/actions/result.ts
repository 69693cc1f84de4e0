import { unstable_rethrow } from 'next/navigation';
import { AppError, type AppErrorCode } from '@/lib/errors/app-error';
import type { ActionResult } from './form-state';
import { getLogger } from '@/lib/observability/logger';
import { isDatabaseUnavailable } from '@/db/tenant';

export const DATABASE_UNAVAILABLE_MESSAGE = 'We can’t reach our database right now, so nothing was changed. Please try again in a minute.';

export type { ActionResult, ActionState, FormAction } from './form-state';
export { fieldError, submitted } from './form-state';

export function success<T>(data: T, extra: { message?: string; values?: Record<string, string> } = {}): ActionResult<T> {
  return { ok: true, data, ...extra };
}

export function failure(
  code: AppErrorCode | (string & {}),
  message: string,
  extra: { fieldErrors?: Record<string, string[] | undefined>; values?: Record<string, string> } = {},
): ActionResult<never> {
  return { ok: false, error: { code, message }, ...extra };
}

function fieldErrorsOf(value: unknown): Record<string, string[]> | null {
  if (!value || typeof value !== 'object') return null;
  const entries = Object.entries(value).filter((entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((m) => typeof m === 'string'));
  return entries.length ? Object.fromEntries(entries) : null;
}

/**
 * AppError → the form's message (under a field when `details.field` names one); a database outage
 * → "try again shortly"; anything else is logged and shown as a generic failure. Redirects and notFound pass through.
 */
export function actionFailure(error: unknown, component: string, values?: Record<string, string>): ActionResult<never> {
  unstable_rethrow(error);
  if (error instanceof AppError) {
    const field = typeof error.details?.field === 'string' ? error.details.field : null;
    // A lib check that finds several problems at once (a bot's config) names them all in `details.fields`.
    const fields = fieldErrorsOf(error.details?.fields);
    return failure(error.code, error.message, {
      ...(fields ? { fieldErrors: fields } : field ? { fieldErrors: { [field]: [error.message] } } : {}),
      ...(values ? { values } : {}),
    });
  }
  // Logged once per outage by db/availability.ts, not once per form submitted during it.
  if (isDatabaseUnavailable(error)) return failure('unavailable', DATABASE_UNAVAILABLE_MESSAGE, values ? { values } : {});
  getLogger({ component }).error({ err: error }, 'server action failed');
  return failure('internal', 'Something went wrong on our side. Please try again.');
}
