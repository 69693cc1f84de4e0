'use client';

import { useActionState } from 'react';
import { fieldError, FormAlert } from '@/components/auth/form-alert';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';

export type ProfileValues = { name: string; image: string; timezone: string; currency: string };

export function ProfileForm({
  action,
  initial,
  timeZones,
  currencies,
}: {
  action: FormAction<unknown>;
  initial: ProfileValues;
  timeZones: readonly string[];
  currencies: readonly string[];
}) {
  const [state, formAction] = useActionState(action, null);
  // What was typed after a failed save, what was stored after a successful one.
  const values = { ...initial, ...state?.values };
  // React resets a form after its action; remounting the fields with the saved values as their
  // defaults keeps the selects from snapping back to what the page first rendered.
  const fieldsKey = state?.ok ? JSON.stringify(state.values) : 'initial';
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state?.ok && state.message ? <FormAlert tone="success">{state.message}</FormAlert> : null}
      {state && !state.ok ? <FormAlert>{state.error.message}</FormAlert> : null}
      <div key={fieldsKey} className="space-y-4">
        <FormField id="name" label="Name" error={fieldError(state, 'name')} required>
          <Input name="name" autoComplete="name" defaultValue={values.name} maxLength={100} />
        </FormField>
        <FormField id="image" label="Avatar URL" hint="An https:// link to a square image. Leave empty to use your initials." error={fieldError(state, 'image')} optional>
          <Input name="image" type="url" inputMode="url" placeholder="https://…" defaultValue={values.image} />
        </FormField>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="timezone" label="Time zone" hint="Dates and times are shown in this zone." error={fieldError(state, 'timezone')} required>
            <Select name="timezone" defaultValue={values.timezone}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField id="currency" label="Currency" hint="Your default for new workspaces and reports." error={fieldError(state, 'currency')} required>
            <Select name="currency" defaultValue={values.currency}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </Select>
          </FormField>
        </div>
      </div>
      <SubmitButton pendingText="Saving…">Save profile</SubmitButton>
    </form>
  );
}
