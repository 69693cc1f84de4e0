'use client';

import { useActionState } from 'react';
import { Select } from '@/components/ui/select';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { ROLE_LABELS, type WorkspaceRole } from '@/lib/tenancy/permissions';

/** Role picker for one member; only the roles the viewer may grant are offered. */
export function MemberRoleForm({
  workspace,
  userId,
  memberName,
  role,
  grantable,
  action,
}: {
  workspace: string;
  userId: string;
  memberName: string;
  role: WorkspaceRole;
  grantable: readonly WorkspaceRole[];
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, null);
  const options = grantable.includes(role) ? grantable : [role, ...grantable];
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="userId" value={userId} />
      <Select name="role" defaultValue={role} aria-label={`Role for ${memberName}`} className="w-32">
        {options.map((option) => (
          <option key={option} value={option}>
            {ROLE_LABELS[option]}
          </option>
        ))}
      </Select>
      {/* The name comes from the text (not aria-label), so it always contains what is shown, "Saving…" too (WCAG 2.5.3). */}
      <SubmitButton variant="secondary" size="sm" pendingText="Saving…">
        Save<span className="sr-only"> role for {memberName}</span>
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="basis-full text-xs text-danger">
          {state.error.message}
        </p>
      ) : null}
      {state?.ok ? (
        <p role="status" className="basis-full text-xs text-success">
          Role saved.
        </p>
      ) : null}
    </form>
  );
}
