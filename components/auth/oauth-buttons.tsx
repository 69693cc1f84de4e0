'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { FormAlert } from './form-alert';

/** One form per configured provider; the server action starts the OAuth redirect, or says why not. */
export function OAuthButtons({
  providers,
  action,
  callbackUrl,
}: {
  providers: Array<{ id: string; name: string }>;
  callbackUrl?: string;
  action: FormAction<unknown>;
}) {
  if (providers.length === 0) return null;
  return (
    <div className="grid gap-2">
      {providers.map((provider) => (
        <OAuthButton key={provider.id} provider={provider} action={action} callbackUrl={callbackUrl} />
      ))}
    </div>
  );
}

function OAuthButton({ provider, action, callbackUrl }: { provider: { id: string; name: string }; action: FormAction<unknown>; callbackUrl?: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="provider" value={provider.id} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {state && !state.ok ? <FormAlert>{state.error.message}</FormAlert> : null}
      <SubmitButton variant="secondary" className="w-full" pendingText={`Opening ${provider.name}…`}>
        Continue with {provider.name}
      </SubmitButton>
    </form>
  );
}
