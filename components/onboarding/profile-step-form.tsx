'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import { WorkspaceFields } from '@/components/workspace/create-workspace-form';
import { fieldError, FormAlert, submitted } from '@/components/workspace/form-alert';
import type { FormAction } from '@/lib/actions/form-state';
import type { CurrencyChoice } from '@/lib/tenancy/workspace-fields';

/** Step 1: what to call you, and your first workspace (time zone prefilled from the browser). */
export function ProfileStepForm({
  action,
  zones,
  currencies,
  defaults,
}: {
  action: FormAction<unknown>;
  zones: readonly string[];
  currencies: readonly CurrencyChoice[];
  defaults: { profileName: string; timezone: string; currency: string };
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <FormField id="profile-name" label="Your name" hint="Shown to people you work with." error={fieldError(state, 'profileName')} required>
        <Input name="profileName" autoComplete="name" defaultValue={submitted(state, 'profileName') ?? defaults.profileName} />
      </FormField>
      <WorkspaceFields state={state} zones={zones} currencies={currencies} defaults={defaults} />
      <SubmitButton className="w-full sm:w-auto" pendingText="Creating…">
        Continue
      </SubmitButton>
    </form>
  );
}
