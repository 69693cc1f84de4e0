import type { ReactNode } from 'react';
import type { ActionState } from '@/lib/actions/result';
import { cn } from '@/components/ui/cn';

/** The form-level message: errors are announced (role=alert), confirmations politely (role=status). */
export function FormAlert({ tone = 'error', children, className }: { tone?: 'error' | 'success' | 'info'; children: ReactNode; className?: string }) {
  return (
    <p
      role={tone === 'error' ? 'alert' : 'status'}
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

// Client-side copies of lib/actions/result.ts's readers: that module pulls in the server logger,
// which must stay out of the browser bundle, so client forms import only its types.

/** Field errors of a result, for a form field. */
export function fieldError(state: ActionState<unknown>, field: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}

/** What the user typed, after a submit (React resets the form once the action returns). */
export function submitted(state: ActionState<unknown>, field: string): string | undefined {
  return state?.values?.[field];
}
