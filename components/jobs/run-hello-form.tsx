'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import { RefreshWhileActive } from './refresh-while-active';
import type { FormAction } from '@/lib/actions/form-state';

export function RunHelloForm({ workspace, action }: { workspace: string; action: FormAction<{ eventId: string }> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="workspace" value={workspace} />
      <SubmitButton variant="secondary" pendingText="Starting…">
        Run platform check
      </SubmitButton>
      {state?.ok ? <RefreshWhileActive key={state.data.eventId} active maxMs={15_000} /> : null}
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-danger">
          {state.error.message}
        </p>
      ) : null}
    </form>
  );
}
