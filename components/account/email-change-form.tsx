'use client';

import { useActionState } from 'react';
import { fieldError, FormAlert, formError, submitted } from '@/components/auth/form-alert';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';

export function EmailChangeForm({ action }: { action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  const message = formError(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state?.ok && state.message ? <FormAlert tone="success">{state.message}</FormAlert> : null}
      {message ? <FormAlert>{message}</FormAlert> : null}
      <FormField id="new-email" label="New email address" error={fieldError(state, 'email')} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={state?.ok ? '' : submitted(state, 'email')} />
      </FormField>
      <FormField id="current-password" label="Current password" hint="To make sure it’s you." error={fieldError(state, 'currentPassword')} required>
        <Input name="currentPassword" type="password" autoComplete="current-password" />
      </FormField>
      <SubmitButton pendingText="Sending…">Send confirmation link</SubmitButton>
    </form>
  );
}
