'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormState } from '@/lib/auth/form-state';
import { FormAlert } from './form-alert';
import { NewPasswordField } from './password-field';

export type SignUpState = FormState<'name' | 'email' | 'password'>;

export function SignUpForm({
  action,
  invite,
  email,
}: {
  action: (state: SignUpState, formData: FormData) => Promise<SignUpState>;
  invite?: string;
  email?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state?.fieldErrors;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {invite ? <input type="hidden" name="invite" value={invite} /> : null}
      {state?.message ? <FormAlert>{state.message}</FormAlert> : null}
      <FormField id="name" label="Name" error={errors?.name} required>
        <Input name="name" autoComplete="name" defaultValue={state?.values?.name} maxLength={100} />
      </FormField>
      <FormField id="email" label="Email" error={errors?.email} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={state?.values?.email ?? email} />
      </FormField>
      <NewPasswordField error={errors?.password} />
      <SubmitButton className="w-full" pendingText="Creating your account…">
        Create account
      </SubmitButton>
      <p className="text-center text-xs leading-relaxed text-muted">
        By creating an account you agree to the{' '}
        <Link href="/legal/terms" className="underline underline-offset-4">
          terms
        </Link>{' '}
        and the{' '}
        <Link href="/legal/privacy" className="underline underline-offset-4">
          privacy policy
        </Link>
        .
      </p>
    </form>
  );
}
