'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ButtonVariant } from '@/components/ui/button';
import type { FormAction } from '@/lib/actions/form-state';

/** One button that runs a server action taking no fields (open the portal, cancel, resume), with its error under it. */
export function ActionButtonForm({
  workspace,
  action,
  label,
  pendingLabel,
  variant = 'primary',
}: {
  workspace: string;
  action: FormAction<unknown>;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="workspace" value={workspace} />
      <SubmitButton variant={variant} pendingText={pendingLabel}>
        {label}
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-danger">
          {state.error.message}
        </p>
      ) : null}
    </form>
  );
}
