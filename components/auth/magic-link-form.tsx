'use client';

import { useActionState, useRef } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import { useFocusFirstError } from '@/components/ui/use-focus-first-error';
import type { FormAction } from '@/lib/actions/form-state';
import { fieldError, FormAlert, formError, submitted } from './form-alert';

/**
 * "Email me a sign-in link". The action (app/(auth)/magic-link/actions.ts → requestMagicLink)
 * always ends on /check-email, whether or not the address has an account.
 */
export function MagicLinkForm({
  action,
  callbackUrl,
  idPrefix = 'magic',
}: {
  action: FormAction<unknown>;
  callbackUrl?: string;
  /** Keeps ids unique when the form sits beside the password form. */
  idPrefix?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const message = formError(state);
  return (
    <form ref={form} action={formAction} className="space-y-4" noValidate aria-label="Email me a sign-in link">
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {message ? <FormAlert>{message}</FormAlert> : null}
      <FormField id={`${idPrefix}-email`} label="Email address" error={fieldError(state, 'email')} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={submitted(state, 'email')} />
      </FormField>
      <SubmitButton className="w-full" variant="secondary" pendingText="Sending…">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
