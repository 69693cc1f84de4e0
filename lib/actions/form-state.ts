import type { AppErrorCode } from '@/lib/errors/app-error';

// Client-safe: the result types and their readers, with no server imports, so client forms can
// import them (lib/actions/result.ts holds the server-side helpers and the logger).

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
