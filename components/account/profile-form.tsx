'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/auth/form-alert';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormState } from '@/lib/auth/form-state';

type Field = 'name' | 'image' | 'timezone' | 'currency';
export type ProfileFormState = FormState<Field>;
export type ProfileValues = { name: string; image: string; timezone: string; currency: string };

export function ProfileForm({
  action,
  initial,
  timeZones,
  currencies,
}: {
  action: (state: ProfileFormState, formData: FormData) => Promise<ProfileFormState>;
  initial: ProfileValues;
  timeZones: readonly string[];
  currencies: readonly string[];
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state?.fieldErrors;
  // What was typed after a failed save, what was stored after a successful one.
  const values = { ...initial, ...state?.values };
  // React resets a form after its action; remounting the fields with the saved values as their
  // defaults keeps the selects from snapping back to what the page first rendered.
  const fieldsKey = state?.ok ? JSON.stringify(state.values) : 'initial';
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state?.message ? <FormAlert tone={state.ok ? 'success' : 'error'}>{state.message}</FormAlert> : null}
      <div key={fieldsKey} className="space-y-4">
        <FormField id="name" label="Name" error={errors?.name} required>
          <Input name="name" autoComplete="name" defaultValue={values.name} maxLength={100} />
        </FormField>
        <FormField id="image" label="Avatar URL" hint="An https:// link to a square image. Leave empty to use your initials." error={errors?.image} optional>
          <Input name="image" type="url" inputMode="url" placeholder="https://…" defaultValue={values.image} />
        </FormField>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="timezone" label="Time zone" hint="Dates and times are shown in this zone." error={errors?.timezone} required>
            <Select name="timezone" defaultValue={values.timezone}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField id="currency" label="Currency" hint="Your default for new workspaces and reports." error={errors?.currency} required>
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
