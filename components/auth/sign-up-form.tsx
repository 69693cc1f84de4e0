'use client';

import Link from 'next/link';
import { useActionState, useRef } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import { useFocusFirstError } from '@/components/ui/use-focus-first-error';
import type { FormAction } from '@/lib/actions/form-state';
import { fieldError, FormAlert, formError, submitted } from './form-alert';
import { NewPasswordField } from './password-field';

export function SignUpForm({
  action,
  invite,
  email,
  plan,
  interval,
}: {
  action: FormAction<unknown>;
  invite?: string;
  email?: string;
  /** The plan card the person came from: their trial is of it. */
  plan?: string;
  /** Monthly or yearly, as picked on the pricing page. */
  interval?: 'month' | 'year';
}) {
  const [state, formAction] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, state);
  const message = formError(state);
  return (
    <form ref={form} action={formAction} className="space-y-4" noValidate>
      {invite ? <input type="hidden" name="invite" value={invite} /> : null}
      {plan ? <input type="hidden" name="plan" value={plan} /> : null}
      {interval ? <input type="hidden" name="interval" value={interval} /> : null}
      {message ? <FormAlert>{message}</FormAlert> : null}
      <FormField id="name" label="Name" error={fieldError(state, 'name')} required>
        <Input name="name" autoComplete="name" defaultValue={submitted(state, 'name')} maxLength={100} />
      </FormField>
      <FormField id="email" label="Email" error={fieldError(state, 'email')} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={submitted(state, 'email') ?? email} />
      </FormField>
      <NewPasswordField error={fieldError(state, 'password')} />
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
