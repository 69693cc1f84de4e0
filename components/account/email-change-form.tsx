'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/auth/form-alert';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormState } from '@/lib/auth/form-state';

export type EmailChangeState = FormState<'email' | 'currentPassword'>;

export function EmailChangeForm({ action }: { action: (state: EmailChangeState, formData: FormData) => Promise<EmailChangeState> }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state?.fieldErrors;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state?.message ? <FormAlert tone={state.ok ? 'success' : 'error'}>{state.message}</FormAlert> : null}
      <FormField id="new-email" label="New email address" error={errors?.email} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={state?.ok ? '' : state?.values?.email} />
      </FormField>
      <FormField id="current-password" label="Current password" hint="To make sure it’s you." error={errors?.currentPassword} required>
        <Input name="currentPassword" type="password" autoComplete="current-password" />
      </FormField>
      <SubmitButton pendingText="Sending…">Send confirmation link</SubmitButton>
    </form>
  );
}
