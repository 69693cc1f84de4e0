'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type WorkspaceRole } from '@/lib/tenancy/permissions';
import { fieldError, FormAlert, submitted } from './form-alert';

export function InviteMemberForm({
  workspace,
  roles,
  action,
}: {
  workspace: string;
  roles: readonly WorkspaceRole[];
  action: FormAction<{ email: string }>;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="workspace" value={workspace} />
      <FormAlert state={state} success={state?.ok ? `Invitation sent to ${state.data.email}.` : undefined} />
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <FormField id="invite-email" label="Email address" error={fieldError(state, 'email')} required>
          <Input name="email" type="email" autoComplete="off" placeholder="teammate@example.com" defaultValue={submitted(state, 'email')} />
        </FormField>
        <FormField id="invite-role" label="Role" error={fieldError(state, 'role')} required>
          {(control) => (
            <Select {...control} name="role" defaultValue={submitted(state, 'role') ?? 'member'}>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      <ul className="grid gap-1 text-xs text-muted sm:grid-cols-2">
        {roles.map((role) => (
          <li key={role}>
            <span className="font-medium text-foreground">{ROLE_LABELS[role]}:</span> {ROLE_DESCRIPTIONS[role]}
          </li>
        ))}
      </ul>
      <SubmitButton pendingText="Sending…">Send invitation</SubmitButton>
    </form>
  );
}
