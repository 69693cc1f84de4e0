import type { ActionState } from '@/lib/actions/form-state';

export { fieldError, submitted } from '@/lib/actions/form-state';

/** The form-level line under a server action form: its error, or a success message. */
export function FormAlert({ state, success }: { state: ActionState<unknown>; success?: string }) {
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
