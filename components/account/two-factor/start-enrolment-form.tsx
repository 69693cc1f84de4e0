'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionResult } from '@/lib/actions/form-state';
import { FormMessage } from './form-message';

type Action = (state: ActionResult<{ done: true }> | null, formData: FormData) => Promise<ActionResult<{ done: true }>>;

export function StartEnrolmentForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      {state && !state.ok ? <FormMessage tone="error">{state.error.message}</FormMessage> : null}
      <SubmitButton pendingText="Preparing…">Set up two-factor authentication</SubmitButton>
    </form>
  );
}
