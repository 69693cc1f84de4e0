import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

/** The form-level line under a security form: an error (announced) or a confirmation. */
export function FormMessage({ tone, children, className }: { tone: 'error' | 'success'; children: ReactNode; className?: string }) {
  return (
    <p
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn(
        'rounded-lg border px-3 py-2 text-sm',
        tone === 'error' ? 'border-danger-border bg-danger-soft text-danger' : 'border-success-border bg-success-soft text-success',
        className,
      )}
    >
      {children}
    </p>
  );
}
