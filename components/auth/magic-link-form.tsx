'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { MagicLinkState } from '@/lib/auth/magic-link-request';
import { FormAlert } from './form-alert';

/**
 * "Email me a sign-in link". The action (app/(auth)/magic-link/actions.ts → requestMagicLink)
 * always ends on /check-email, whether or not the address has an account.
 */
export function MagicLinkForm({
  action,
  callbackUrl,
  idPrefix = 'magic',
}: {
  action: (state: MagicLinkState, formData: FormData) => Promise<MagicLinkState>;
  callbackUrl?: string;
  /** Keeps ids unique when the form sits beside the password form. */
  idPrefix?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate aria-label="Email me a sign-in link">
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {state?.message ? <FormAlert>{state.message}</FormAlert> : null}
      <FormField id={`${idPrefix}-email`} label="Email address" error={state?.fieldErrors?.email} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={state?.values?.email} />
      </FormField>
      <SubmitButton className="w-full" variant="secondary" pendingText="Sending…">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
