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

export type WorkspaceGeneralValues = { name: string; timezone: string; currency: string };

export function WorkspaceGeneralForm({
  workspace,
  values,
  zones,
  currencies,
  action,
  canEdit,
}: {
  workspace: string;
  values: WorkspaceGeneralValues;
  zones: readonly string[];
  currencies: readonly CurrencyChoice[];
  action: FormAction<unknown>;
  canEdit: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="workspace" value={workspace} />
      <FormAlert state={state} success="Settings saved." />
      <FormField id="ws-name" label="Workspace name" error={fieldError(state, 'name')} required>
        <Input name="name" defaultValue={submitted(state, 'name') ?? values.name} disabled={!canEdit} autoComplete="organization" />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="ws-timezone" label="Time zone" hint="Reports and schedules use it." error={fieldError(state, 'timezone')} required>
          {(control) => (
            <TimeZoneSelect {...control} name="timezone" zones={zones} defaultValue={submitted(state, 'timezone') ?? values.timezone} disabled={!canEdit} />
          )}
        </FormField>
        <FormField id="ws-currency" label="Currency" hint="Default for money amounts." error={fieldError(state, 'currency')} required>
          {(control) => (
            <CurrencySelect {...control} name="currency" choices={currencies} defaultValue={submitted(state, 'currency') ?? values.currency} disabled={!canEdit} />
          )}
        </FormField>
      </div>
      {canEdit ? <SubmitButton pendingText="Saving…">Save changes</SubmitButton> : null}
    </form>
  );
}
