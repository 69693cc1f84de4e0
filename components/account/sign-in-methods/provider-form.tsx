'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';

type Action = FormAction<unknown>;

/** Connect (leaves for the provider's page) or disconnect one provider; refusals show inline. */
export function ProviderForm({ provider, name, connected, action }: { provider: string; name: string; connected: boolean; action: Action }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="provider" value={provider} />
      <SubmitButton
        variant={connected ? 'ghost' : 'secondary'}
        size="sm"
        pendingText={connected ? 'Disconnecting…' : `Opening ${name}…`}
      >
        {/* The name comes from the text, not aria-label, so it contains what is shown, pending text too (WCAG 2.5.3). */}
        {connected ? 'Disconnect' : 'Connect'}
        <span className="sr-only"> {name}</span>
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="max-w-xs text-right text-xs text-danger">
          {state.error.message}
        </p>
      ) : null}
    </form>
  );
}
