'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/actions/form-state';
import { FormMessage } from './two-factor/form-message';

type Result = ActionResult<{ revokedSessions: number }>;

export function PasswordForm({ action, minLength }: { action: (state: Result | null, formData: FormData) => Promise<Result>; minLength: number }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const formError = state && !state.ok && !errors ? state.error.message : null;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      {state?.ok ? (
        <FormMessage tone="success">
          Password changed.{' '}
          {state.data.revokedSessions > 0
            ? `${state.data.revokedSessions} other session${state.data.revokedSessions === 1 ? ' was' : 's were'} signed out.`
            : 'No other sessions were signed in.'}
        </FormMessage>
      ) : null}
      <FormField id="current-password" label="Current password" error={errors?.currentPassword} required>
        <Input name="currentPassword" type="password" autoComplete="current-password" />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          id="new-password"
          label="New password"
          hint={`At least ${minLength} characters. A few unrelated words work well.`}
          error={errors?.newPassword}
          required
        >
          <Input name="newPassword" type="password" autoComplete="new-password" minLength={minLength} />
        </FormField>
        <FormField id="confirm-password" label="Repeat new password" error={errors?.confirmPassword} required>
          <Input name="confirmPassword" type="password" autoComplete="new-password" />
        </FormField>
      </div>
      <SubmitButton pendingText="Changing…">Change password</SubmitButton>
    </form>
  );
}
