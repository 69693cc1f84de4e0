import type { HTMLAttributes } from 'react';
import { cn } from './cn';

/** Decorative placeholder; the surrounding region should carry aria-busy or a loading label. */
export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  // Default radius only when the caller sets none, since cn() does not merge conflicting classes.
  const rounded = /(^|\s)rounded/.test(className ?? '') ? null : 'rounded-md';
  return <div aria-hidden="true" className={cn('animate-pulse bg-surface-sunken', rounded, className)} {...props} />;
}
