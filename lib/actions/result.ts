import { unstable_rethrow } from 'next/navigation';
import { AppError, type AppErrorCode } from '@/lib/errors/app-error';
import { getLogger } from '@/lib/observability/logger';

/**
 * What every server action returns (public, signed-in and workspace actions alike), and what
 * every form receives from useActionState. `values` refills a form React reset after the action;
 * fields marked secret() in the schema are never among them.
 */
export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string; values?: Record<string, string> }
  | {
      ok: false;
      error: { code: AppErrorCode | (string & {}); message: string };
      fieldErrors?: Record<string, string[] | undefined>;
      values?: Record<string, string>;
    };

/** The state a form starts with, before its first submit. */
export type ActionState<T = unknown> = ActionResult<T> | null;

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

/**
 * AppError → the form's message (under a field when `details.field` names one); anything else is
 * logged and shown as a generic failure. Redirects and notFound pass through.
 */
export function actionFailure(error: unknown, component: string, values?: Record<string, string>): ActionResult<never> {
  unstable_rethrow(error);
  if (error instanceof AppError) {
    const field = typeof error.details?.field === 'string' ? error.details.field : null;
    return failure(error.code, error.message, {
      ...(field ? { fieldErrors: { [field]: [error.message] } } : {}),
      ...(values ? { values } : {}),
    });
  }
  getLogger({ component }).error({ err: error }, 'server action failed');
  return failure('internal', 'Something went wrong on our side. Please try again.');
}

/**
 * What a form component receives: a server action built with one of the wrappers. Method syntax
 * makes the state parameter bivariant, so an action returning `null` data fits a form that only
 * reads `ok` and the error.
 */
export type FormAction<T> = {
  bivariant(state: ActionState<T>, formData: FormData): Promise<ActionResult<T>>;
}['bivariant'];

/** Field errors of a result, for a form field. */
export function fieldError(state: ActionState<unknown>, field: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}

/** What the user typed, after a submit (React resets the form once the action returns). */
export function submitted(state: ActionState<unknown>, field: string): string | undefined {
  return state?.values?.[field];
}
