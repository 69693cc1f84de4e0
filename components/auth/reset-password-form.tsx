'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { CheckCircleIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormState } from '@/lib/auth/form-state';
import { FormAlert } from './form-alert';
import { NewPasswordField } from './password-field';

export type ResetPasswordState = (NonNullable<FormState<'password' | 'confirm'>> & { expired?: boolean }) | null;

export function ResetPasswordForm({
  action,
  token,
}: {
  action: (state: ResetPasswordState, formData: FormData) => Promise<ResetPasswordState>;
  token: string;
}) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) {
    return (
      <div className="space-y-4 text-center">
        <CheckCircleIcon className="mx-auto size-10 text-success" />
        <p role="status" className="text-sm text-foreground">
          Your password was changed and every session was signed out. Sign in with your new password.
        </p>
        <Button href="/sign-in" className="w-full">
          Sign in
        </Button>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {state?.message ? (
        <FormAlert>
          {state.message}{' '}
          {state.expired ? (
            <a href="/forgot-password" className="font-medium underline underline-offset-4">
              Request a new link
            </a>
          ) : null}
        </FormAlert>
      ) : null}
      <NewPasswordField label="New password" error={state?.fieldErrors?.password} />
      <FormField id="confirm" label="Repeat new password" error={state?.fieldErrors?.confirm} required>
        <Input name="confirm" type="password" autoComplete="new-password" />
      </FormField>
      <SubmitButton className="w-full" pendingText="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
