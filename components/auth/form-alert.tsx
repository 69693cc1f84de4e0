import type { ReactNode } from 'react';
import type { ActionState } from '@/lib/actions/form-state';
import { cn } from '@/components/ui/cn';

/** The form-level message: errors are announced (role=alert), confirmations politely (role=status). */
export function FormAlert({ tone = 'error', children, className }: { tone?: 'error' | 'success' | 'info'; children: ReactNode; className?: string }) {
  return (
    <p
      role={tone === 'error' ? 'alert' : 'status'}
      // Focusable from script only: useFocusFirstError moves focus here after a failed submit.
      tabIndex={tone === 'error' ? -1 : undefined}
      className={cn(
        'rounded-lg border px-3 py-2 text-sm',
        tone === 'error' && 'border-danger-border bg-danger-soft text-danger',
        tone === 'success' && 'border-success-border bg-success-soft text-success',
        tone === 'info' && 'border-info-border bg-info-soft text-foreground',
        className,
      )}
    >
      {children}
    </p>
  );
}

/** The form-level error of a result; none when field errors already say it under their fields. */
export function formError(state: ActionState<unknown>): string | null {
  if (!state || state.ok) return null;
  const onFields = Object.values(state.fieldErrors ?? {}).some((messages) => messages?.length);
  return onFields ? null : state.error.message;
}

export { fieldError, submitted } from '@/lib/actions/form-state';
