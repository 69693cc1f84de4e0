'use client';

import { useActionState, useRef } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import { useFocusFirstError } from '@/components/ui/use-focus-first-error';
import type { FormAction } from '@/lib/actions/form-state';
import { fieldError, FormAlert, formError, submitted } from './form-alert';

export function ForgotPasswordForm({ action }: { action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const message = formError(state);
  return (
    <form ref={form} action={formAction} className="space-y-4" noValidate>
      {message ? <FormAlert>{message}</FormAlert> : null}
      <FormField id="email" label="Email" error={fieldError(state, 'email')} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={submitted(state, 'email')} />
      </FormField>
      <SubmitButton className="w-full" pendingText="Sending…">
        Send reset link
      </SubmitButton>
    </form>
  );
}
