'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { cn } from '@/components/ui/cn';

export function ResendVerificationButton({
  action,
  size = 'md',
  className,
}: {
  action: FormAction<unknown>;
  size?: 'sm' | 'md';
  className?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const message = state ? (state.ok ? state.message : state.error.message) : null;
  return (
    <form action={formAction} className={cn('flex flex-col items-center gap-2 sm:flex-row', className)}>
      <SubmitButton size={size} variant="secondary" pendingText="Sending…" disabled={state?.ok}>
        {state?.ok ? 'Link sent' : 'Send a new link'}
      </SubmitButton>
      {message ? (
        <p role={state?.ok ? 'status' : 'alert'} className={cn('text-sm', state?.ok ? 'text-success' : 'text-danger')}>
          {message}
        </p>
      ) : null}
    </form>
  );
}
