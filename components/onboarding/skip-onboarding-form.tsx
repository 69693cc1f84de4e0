'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import { FormAlert } from '@/components/workspace/form-alert';
import type { FormAction } from '@/lib/actions/form-state';

/** For people who joined through an invitation: they already have a workspace to go to. */
export function SkipOnboardingForm({ action }: { action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2 border-t border-border pt-4">
      <FormAlert state={state} />
      <p className="text-sm text-muted">Joined through an invitation? You can skip this and go to your workspace.</p>
      <SubmitButton variant="ghost" pendingText="Opening…">
        Skip for now
      </SubmitButton>
    </form>
  );
}
