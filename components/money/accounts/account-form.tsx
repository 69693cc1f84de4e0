'use client';

import { useActionState, useState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldError, submitted, type FormAction } from '@/lib/actions/form-state';

export const ACCOUNT_TYPE_LABELS = {
  checking: 'Checking',
  savings: 'Savings',
  credit_card: 'Credit card',
  cash: 'Cash',
  loan: 'Loan',
  investment: 'Investment',
} as const;

/** New account: name, kind, currency, opening balance; a card's limit and due day. */
export function AccountForm({ workspace, action, defaultCurrency }: { workspace: string; action: FormAction<{ id: string; name: string }>; defaultCurrency: string }) {
  const [state, formAction] = useActionState(action, null);
  const [type, setType] = useState(submitted(state, 'type') ?? 'checking');
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" key={state?.ok ? state.data.id : 'new'}>
      <input type="hidden" name="workspace" value={workspace} />
      <FormField id="account-name" label="Name" error={fieldError(state, 'name')} required>
        <Input name="name" defaultValue={submitted(state, 'name')} maxLength={80} placeholder="Joint checking" />
      </FormField>
      <FormField id="account-institution" label="Bank" error={fieldError(state, 'institution')} optional>
        <Input name="institution" defaultValue={submitted(state, 'institution')} maxLength={80} placeholder="Bank of America" />
      </FormField>
      <FormField id="account-type" label="Kind" error={fieldError(state, 'type')} required>
        <Select name="type" value={type} onChange={(event) => setType(event.target.value)}>
          {Object.entries(ACCOUNT_TYPE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField id="account-currency" label="Currency" hint="Three letters, e.g. USD or EUR." error={fieldError(state, 'currency')} required>
        <Input name="currency" defaultValue={submitted(state, 'currency') ?? defaultCurrency} maxLength={3} className="uppercase" />
      </FormField>
      <FormField id="account-opening" label="Opening balance" hint="What the account held before the first imported transaction." error={fieldError(state, 'openingBalance')} optional>
        <Input name="openingBalance" inputMode="decimal" defaultValue={submitted(state, 'openingBalance')} placeholder="0.00" />
      </FormField>
      <FormField id="account-opening-on" label="On" error={fieldError(state, 'openingOn')} optional>
        <Input name="openingOn" type="date" defaultValue={submitted(state, 'openingOn')} />
      </FormField>
      {type === 'credit_card' ? (
        <>
          <FormField id="account-limit" label="Credit limit" error={fieldError(state, 'creditLimit')} optional>
            <Input name="creditLimit" inputMode="decimal" defaultValue={submitted(state, 'creditLimit')} placeholder="5000" />
          </FormField>
          <FormField id="account-due" label="Payment due day" hint="Day of the month, 1 to 28." error={fieldError(state, 'dueDay')} optional>
            <Input name="dueDay" type="number" min={1} max={28} defaultValue={submitted(state, 'dueDay')} />
          </FormField>
        </>
      ) : null}
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <SubmitButton pendingText="Adding…">Add account</SubmitButton>
        {state?.ok ? (
          <p role="status" className="text-sm text-success">
            Added {state.data.name}.
          </p>
        ) : null}
        {state && !state.ok && !state.fieldErrors ? (
          <p role="alert" className="text-sm text-danger">
            {state.error.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
