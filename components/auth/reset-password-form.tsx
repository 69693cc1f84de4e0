'use client';

import { useActionState, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { CheckCircleIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import { useFocusFirstError } from '@/components/ui/use-focus-first-error';
import type { FormAction } from '@/lib/actions/form-state';
import { RESET_LINK_UNUSABLE } from '@/lib/auth/form-codes';
import { fieldError, FormAlert, formError } from './form-alert';
import { NewPasswordField } from './password-field';

export function ResetPasswordForm({
  action,
  token,
}: {
  action: FormAction<unknown>;
  token: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const message = formError(state);
  const linkUnusable = state !== null && !state.ok && state.error.code === RESET_LINK_UNUSABLE;
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
    <form ref={form} action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {message ? (
        <FormAlert>
          {message}{' '}
          {linkUnusable ? (
            <a href="/forgot-password" className="font-medium underline underline-offset-4">
              Request a new link
            </a>
          ) : null}
        </FormAlert>
      ) : null}
      <NewPasswordField label="New password" error={fieldError(state, 'password')} />
      <FormField id="confirm" label="Repeat new password" error={fieldError(state, 'confirm')} required>
        <Input name="confirm" type="password" autoComplete="new-password" />
      </FormField>
      <SubmitButton className="w-full" pendingText="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
