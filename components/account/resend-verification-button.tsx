'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormState } from '@/lib/auth/form-state';
import { cn } from '@/components/ui/cn';

export type ResendVerificationState = FormState<never>;

export function ResendVerificationButton({
  action,
  size = 'md',
  className,
}: {
  action: (state: ResendVerificationState, formData: FormData) => Promise<ResendVerificationState>;
  size?: 'sm' | 'md';
  className?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={cn('flex flex-col items-center gap-2 sm:flex-row', className)}>
      <SubmitButton size={size} variant="secondary" pendingText="Sending…" disabled={state?.ok}>
        {state?.ok ? 'Link sent' : 'Send a new link'}
      </SubmitButton>
      {state?.message ? (
        <p role={state.ok ? 'status' : 'alert'} className={cn('text-sm', state.ok ? 'text-success' : 'text-danger')}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
