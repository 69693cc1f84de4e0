'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';

/** Resend and Revoke for one pending invitation, each its own small form. */
export function InvitationActions({
  workspace,
  invitationId,
  email,
  resendAction,
  revokeAction,
}: {
  workspace: string;
  invitationId: string;
  email: string;
  resendAction: FormAction<unknown>;
  revokeAction: FormAction<unknown>;
}) {
  const [resent, resend] = useActionState(resendAction, null);
  const [revoked, revoke] = useActionState(revokeAction, null);
  const error = [resent, revoked].find((s) => s && !s.ok);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={resend}>
        <input type="hidden" name="workspace" value={workspace} />
        <input type="hidden" name="invitationId" value={invitationId} />
        {/* Names from the text, not aria-label, so they contain what is shown, pending text too (WCAG 2.5.3). */}
        <SubmitButton variant="secondary" size="sm" pendingText="Sending…">
          Resend<span className="sr-only"> invitation to {email}</span>
        </SubmitButton>
      </form>
      <form action={revoke}>
        <input type="hidden" name="workspace" value={workspace} />
        <input type="hidden" name="invitationId" value={invitationId} />
        <SubmitButton variant="ghost" size="sm" pendingText="Revoking…">
          Revoke<span className="sr-only"> invitation to {email}</span>
        </SubmitButton>
      </form>
      {resent?.ok ? (
        <p role="status" className="basis-full text-xs text-success">
          Sent again with a new link.
        </p>
      ) : null}
      {error && !error.ok ? (
        <p role="alert" className="basis-full text-xs text-danger">
          {error.error.message}
        </p>
      ) : null}
    </div>
  );
}
