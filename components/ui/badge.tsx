import type { HTMLAttributes } from 'react';
import { cn } from './cn';

export type BadgeTone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

const tones: Record<BadgeTone, { box: string; dot: string }> = {
  neutral: { box: 'border-border bg-surface-muted text-muted', dot: 'bg-subtle' },
  success: { box: 'border-success-border bg-success-soft text-success', dot: 'bg-success' },
  warning: { box: 'border-warning-border bg-warning-soft text-warning', dot: 'bg-warning' },
  danger: { box: 'border-danger-border bg-danger-soft text-danger', dot: 'bg-danger' },
  info: { box: 'border-info-border bg-info-soft text-info', dot: 'bg-info' },
};

export type BadgeProps = HTMLAttributes<HTMLSpanElement> & {
  tone?: BadgeTone;
  /** A status dot before the text, for states like "Running". */
  dot?: boolean;
};

export function Badge({ tone = 'neutral', dot, className, children, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap',
        tones[tone].box,
        className,
      )}
      {...props}
    >
      {dot ? <span aria-hidden="true" className={cn('size-1.5 rounded-full', tones[tone].dot)} /> : null}
      {children}
    </span>
  );
}
