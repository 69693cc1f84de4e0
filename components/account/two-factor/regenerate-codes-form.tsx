'use client';

import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/actions/form-state';
import { CodeInput } from './code-input';
import { FormMessage } from './form-message';
import { RecoveryCodes } from './recovery-codes';

type Result = ActionResult<{ recoveryCodes: string[] }>;

/** New recovery codes replace the old set; a current code proves the app is still at hand. */
export function RegenerateCodesForm({ action }: { action: (state: Result | null, formData: FormData) => Promise<Result> }) {
  const router = useRouter();
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) return <RecoveryCodes codes={state.data.recoveryCodes} onDone={() => router.refresh()} />;
  const fieldError = state && !state.ok ? state.fieldErrors?.code : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state && !state.ok && !fieldError ? <FormMessage tone="error">{state.error.message}</FormMessage> : null}
      <FormField
        id="regenerate-code"
        label="Authenticator code"
        hint="Your old recovery codes stop working as soon as new ones are made."
        error={fieldError}
        required
        className="max-w-xs"
      >
        <CodeInput allowRecovery />
      </FormField>
      <SubmitButton variant="secondary" pendingText="Generating…">
        Generate new recovery codes
      </SubmitButton>
    </form>
  );
}
