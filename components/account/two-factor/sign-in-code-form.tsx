'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldError, formError } from '@/components/auth/form-alert';
import type { FormAction } from '@/lib/actions/form-state';
import { CodeInput } from './code-input';
import { FormMessage } from './form-message';

/** The second sign-in step: a 6-digit code, or (toggled) one of the recovery codes. */
export function SignInCodeForm({ action }: { action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  const [recovery, setRecovery] = useState(false);
  const message = formError(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {message ? <FormMessage tone="error">{message}</FormMessage> : null}
      <FormField
        // A new key remounts the input, so switching modes clears what was typed.
        key={recovery ? 'recovery' : 'totp'}
        id="code"
        label={recovery ? 'Recovery code' : 'Authentication code'}
        hint={recovery ? 'One of the codes you saved when you set up two-factor, like abcde-12345. Each works once.' : 'The 6-digit code your authenticator app shows now.'}
        error={fieldError(state, 'code')}
        required
      >
        {recovery ? <CodeInput allowRecovery autoComplete="off" placeholder="xxxxx-xxxxx" autoFocus /> : <CodeInput placeholder="123456" pattern="[0-9 ]*" autoFocus />}
      </FormField>
      <SubmitButton className="w-full" pendingText="Verifying…">
        Verify and sign in
      </SubmitButton>
      <Button variant="ghost" className="w-full" onClick={() => setRecovery((value) => !value)}>
        {recovery ? 'Use a code from your authenticator app' : 'Use a recovery code instead'}
      </Button>
    </form>
  );
}
