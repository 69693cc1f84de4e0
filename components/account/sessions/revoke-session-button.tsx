'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/actions/form-state';

type Result = ActionResult<{ done: true }>;

export function RevokeSessionButton({
  sessionId,
  device,
  action,
}: {
  sessionId: string;
  device: string;
  action: (state: Result | null, formData: FormData) => Promise<Result>;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1 sm:items-end">
      <input type="hidden" name="sessionId" value={sessionId} />
      <SubmitButton variant="secondary" size="sm" pendingText="Revoking…" aria-label={`Revoke session on ${device}`}>
        Revoke
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="text-xs text-danger">
          {state.error.message}
        </p>
      ) : null}
    </form>
  );
}
