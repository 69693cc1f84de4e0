'use client';

import { useActionState, type ReactNode } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { FormAlert } from './form-alert';

/**
 * A one-button form that posts a link's token (verify-email's Continue and "Send a new link").
 * The action normally redirects; a refusal (an outage, say) shows above the button.
 */
export function TokenButtonForm({ action, token, pendingText, children }: { action: FormAction<unknown>; token: string; pendingText: string; children: ReactNode }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="w-full space-y-2 sm:w-auto">
      <input type="hidden" name="token" value={token} />
      {state && !state.ok ? <FormAlert>{state.error.message}</FormAlert> : null}
      <SubmitButton className="w-full" pendingText={pendingText}>
        {children}
      </SubmitButton>
    </form>
  );
}
