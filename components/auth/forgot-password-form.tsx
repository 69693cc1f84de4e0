'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormState } from '@/lib/auth/form-state';
import { FormAlert } from './form-alert';

export type ForgotPasswordState = FormState<'email'>;

export function ForgotPasswordForm({ action }: { action: (state: ForgotPasswordState, formData: FormData) => Promise<ForgotPasswordState> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state?.message ? <FormAlert>{state.message}</FormAlert> : null}
      <FormField id="email" label="Email" error={state?.fieldErrors?.email} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={state?.values?.email} />
      </FormField>
      <SubmitButton className="w-full" pendingText="Sending…">
        Send reset link
      </SubmitButton>
    </form>
  );
}
