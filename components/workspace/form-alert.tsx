import type { ActionResult } from '@/lib/tenancy/action-result';

/** The form-level line under a server action form: its error, or a success message. */
export function FormAlert({ state, success }: { state: ActionResult<unknown> | null; success?: string }) {
  if (!state) return null;
  if (state.ok) {
    return success ? (
      <p role="status" className="rounded-lg border border-success-border bg-success-soft px-3 py-2 text-sm text-success">
        {state.message ?? success}
      </p>
    ) : null;
  }
  // Field errors already sit under their fields; repeat only what has nowhere else to go.
  const fieldCount = Object.values(state.fieldErrors ?? {}).filter((v) => v?.length).length;
  if (fieldCount > 0 && state.error.code === 'validation_failed') return null;
  if (fieldCount > 0 && state.error.code === 'conflict') return null;
  return (
    <p role="alert" className="rounded-lg border border-danger-border bg-danger-soft px-3 py-2 text-sm text-danger">
      {state.error.message}
    </p>
  );
}

export function fieldError(state: ActionResult<unknown> | null, field: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}

/** What the user typed, after a failed submit (React resets the form once the action returns). */
export function submitted(state: ActionResult<unknown> | null, field: string): string | undefined {
  return state && !state.ok ? state.values?.[field] : undefined;
}
