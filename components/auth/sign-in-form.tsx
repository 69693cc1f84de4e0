'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { fieldError, FormAlert, formError, submitted } from './form-alert';

export function SignInForm({ action, callbackUrl }: { action: FormAction<unknown>; callbackUrl: string }) {
  const [state, formAction] = useActionState(action, null);
  const message = formError(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {message ? <FormAlert>{message}</FormAlert> : null}
      <FormField id="email" label="Email" error={fieldError(state, 'email')} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={submitted(state, 'email')} />
      </FormField>
      <FormField id="password" label="Password" error={fieldError(state, 'password')} required>
        <Input name="password" type="password" autoComplete="current-password" />
      </FormField>
      <SubmitButton className="w-full" pendingText="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
