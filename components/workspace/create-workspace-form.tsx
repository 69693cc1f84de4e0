'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import type { CurrencyChoice } from '@/lib/tenancy/workspace-fields';
import { CurrencySelect } from './currency-select';
import { fieldError, FormAlert, submitted } from './form-alert';
import { TimeZoneSelect } from './time-zone-select';

/** Name, time zone and currency of a new workspace; the address is derived from the name. */
export function CreateWorkspaceForm({
  action,
  zones,
  currencies,
  defaults,
}: {
  action: FormAction<unknown>;
  zones: readonly string[];
  currencies: readonly CurrencyChoice[];
  defaults: { timezone: string; currency: string };
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <WorkspaceFields state={state} zones={zones} currencies={currencies} defaults={defaults} />
      <SubmitButton className="w-full sm:w-auto" pendingText="Creating…">
        Create workspace
      </SubmitButton>
    </form>
  );
}

export function WorkspaceFields({
  state,
  zones,
  currencies,
  defaults,
}: {
  state: Parameters<typeof fieldError>[0];
  zones: readonly string[];
  currencies: readonly CurrencyChoice[];
  defaults: { timezone: string; currency: string };
}) {
  return (
    <>
      <FormField id="workspace-name" label="Workspace name" hint="Your team, household or company. You can rename it later." error={fieldError(state, 'name')} required>
        <Input name="name" autoComplete="organization" placeholder="Acme Trading" defaultValue={submitted(state, 'name')} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="workspace-timezone" label="Time zone" error={fieldError(state, 'timezone')} required>
          {(control) => (
            <TimeZoneSelect {...control} name="timezone" zones={zones} defaultValue={submitted(state, 'timezone') ?? defaults.timezone} detect={!submitted(state, 'timezone')} />
          )}
        </FormField>
        <FormField id="workspace-currency" label="Currency" error={fieldError(state, 'currency')} required>
          {(control) => (
            <CurrencySelect {...control} name="currency" choices={currencies} defaultValue={submitted(state, 'currency') ?? defaults.currency} />
          )}
        </FormField>
      </div>
    </>
  );
}
