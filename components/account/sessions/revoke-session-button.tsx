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
      {/* The name comes from the text (not aria-label), so it always contains what is shown, "Revoking…" too (WCAG 2.5.3). */}
      <SubmitButton variant="secondary" size="sm" pendingText="Revoking…">
        Revoke<span className="sr-only"> session on {device}</span>
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="text-xs text-danger">
          {state.error.message}
        </p>
      ) : null}
    </form>
  );
}
