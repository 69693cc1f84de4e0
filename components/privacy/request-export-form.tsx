'use client';

import { useActionState } from 'react';
import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';

/** Starts an export: of a workspace (with its slug) or, without one, of the signed-in person's account. */
export function RequestExportForm({ workspace, label = 'Export workspace', action }: { workspace?: string; label?: string; action: FormAction<{ exportId: string }> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-2">
      {workspace ? <input type="hidden" name="workspace" value={workspace} /> : null}
      <SubmitButton pendingText="Starting…">{label}</SubmitButton>
      {state?.ok ? (
        <>
          <p role="status" className="text-sm text-muted">
            The export has started; its progress shows below and you’ll get an email when it is ready.
          </p>
          <RefreshWhileActive key={state.data.exportId} active maxMs={10_000} />
        </>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-danger">
          {state.error.message}
        </p>
      ) : null}
    </form>
  );
}
