'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';

/** "Restore to a new workspace" on a ready export or snapshot. */
export function RestoreExportForm({ workspace, exportId, action }: { workspace: string; exportId: string; action: FormAction<{ restoreId: string }> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1 sm:items-end">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="exportId" value={exportId} />
      <SubmitButton variant="secondary" size="sm" pendingText="Starting…">
        Restore to a new workspace
      </SubmitButton>
      {state?.ok ? (
        <p role="status" className="text-xs text-muted">
          Restore started: see Restores below.
        </p>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="text-xs text-danger">
          {state.error.message}
        </p>
      ) : null}
    </form>
  );
}
