import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { getLogger } from '@/lib/observability/logger';

export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | {
      ok: false;
      error: { code: string; message: string };
      fieldErrors?: Record<string, string[] | undefined>;
      /** What was submitted, so a form React reset after the action can show it again. */
      values?: Record<string, string>;
    };

export function failure(code: string, message: string): ActionResult<never> {
  return { ok: false, error: { code, message } };
}

/** Submitted text fields minus Next's `$ACTION…` bookkeeping. */
export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith('$ACTION') && typeof value === 'string') fields[key] = value;
  }
  return fields;
}

// Secrets never travel back to the browser in a form result, even to refill a field.
const SECRET_FIELD = /password|code|secret|token/i;

function echoable(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET_FIELD.test(key)));
}

/** zod parse as a form result: field errors under their fields, the typed data otherwise. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  fields: Record<string, string>,
): { ok: true; data: z.infer<S> } | { ok: false; result: ActionResult<never> } {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    result: {
      ok: false,
      error: { code: 'validation_failed', message: 'Please correct the highlighted fields.' },
      fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>,
      values: echoable(fields),
    },
  };
}

/**
 * AppError → the form's message (under a field when `details.field` names one); anything else is
 * logged and shown as a generic failure. Redirects and notFound pass through.
 */
export function actionFailure(error: unknown, component: string, values?: Record<string, string>): ActionResult<never> {
  unstable_rethrow(error);
  if (error instanceof AppError) {
    const field = typeof error.details?.field === 'string' ? error.details.field : null;
    return {
      ok: false,
      error: { code: error.code, message: error.message },
      ...(field ? { fieldErrors: { [field]: [error.message] } } : {}),
      ...(values ? { values: echoable(values) } : {}),
    };
  }
  getLogger({ component }).error({ err: error }, 'server action failed');
  return failure('internal', 'Something went wrong on our side. Please try again.');
}

/**
 * What a form component receives: a server action built with workspaceAction or userAction.
 * Method syntax makes the state parameter bivariant, so an action returning `null` data fits a
 * form that only reads `ok` and the error.
 */
export type FormAction<T> = {
  bivariant(state: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>>;
}['bivariant'];
