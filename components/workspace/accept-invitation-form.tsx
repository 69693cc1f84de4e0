'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { FormAlert } from './form-alert';

export function AcceptInvitationForm({ token, workspaceName, action }: { token: string; workspaceName: string; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <FormAlert state={state} />
      <SubmitButton className="w-full sm:w-auto" pendingText="Joining…">
        Join {workspaceName}
      </SubmitButton>
    </form>
  );
}
