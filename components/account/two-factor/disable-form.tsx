'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/actions/form-state';
import { CodeInput } from './code-input';
import { FormMessage } from './form-message';

type Result = ActionResult<{ done: true }>;

/** Turning 2FA off asks for both factors: the password and a code (or a recovery code). */
export function DisableTwoFactorForm({ action }: { action: (state: Result | null, formData: FormData) => Promise<Result> }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const formError = state && !state.ok && !errors?.password && !errors?.code ? state.error.message : null;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="disable-password" label="Password" error={errors?.password} required>
          <Input name="password" type="password" autoComplete="current-password" />
        </FormField>
        <FormField id="disable-code" label="Authenticator or recovery code" error={errors?.code} required>
          <CodeInput allowRecovery />
        </FormField>
      </div>
      <SubmitButton variant="danger" pendingText="Turning off…">
        Turn off two-factor
      </SubmitButton>
    </form>
  );
}
