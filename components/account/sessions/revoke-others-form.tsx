'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/actions/form-state';

type Result = ActionResult<{ revoked: number }>;

/** Stays mounted when no other session is left, so its confirmation survives the page refresh. */
export function RevokeOtherSessionsForm({
  action,
  otherSessions,
}: {
  action: (state: Result | null, formData: FormData) => Promise<Result>;
  otherSessions: number;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col gap-2 sm:flex-row sm:items-center">
      <SubmitButton variant="danger" pendingText="Signing out…" disabled={otherSessions === 0}>
        Sign out everywhere else
      </SubmitButton>
      {otherSessions === 0 && !state?.ok ? <p className="text-sm text-muted">No other devices are signed in.</p> : null}
      {state?.ok ? (
        <p role="status" className="text-sm text-muted">
          Signed out {state.data.revoked} other session{state.data.revoked === 1 ? '' : 's'}.
        </p>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-danger">
          {state.error.message}
        </p>
      ) : null}
    </form>
  );
}
