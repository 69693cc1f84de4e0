'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { SignInState } from '@/lib/auth/sign-in';

export function SignInForm({
  action,
  callbackUrl,
}: {
  action: (state: SignInState, formData: FormData) => Promise<SignInState>;
  callbackUrl: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state?.message ? (
        <p role="alert" className="rounded-lg border border-danger-border bg-danger-soft px-3 py-2 text-sm text-danger">
          {state.message}
        </p>
      ) : null}
      <FormField id="email" label="Email" error={state?.fieldErrors?.email} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={state?.email} />
      </FormField>
      <FormField id="password" label="Password" error={state?.fieldErrors?.password} required>
        <Input name="password" type="password" autoComplete="current-password" />
      </FormField>
      <SubmitButton className="w-full" pendingText="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
