import { useId } from 'react';
import { cn } from './cn';

export type ProgressBarProps = {
  /** Current value; `null` renders an indeterminate bar (no aria-valuenow). */
  value: number | null;
  max?: number;
  /** Visible label, also the accessible name. */
  label: string;
  /** Hide the label visually but keep it for screen readers. */
  hideLabel?: boolean;
  /** Show the percentage (or `valueText`) next to the label. */
  showValue?: boolean;
  /** Human wording such as "120 of 400 rows", used for aria-valuetext too. */
  valueText?: string;
  tone?: 'accent' | 'success' | 'warning' | 'danger';
  size?: 'sm' | 'md';
  className?: string;
};

const toneClasses = {
  accent: 'bg-accent',
  success: 'bg-success',
  warning: 'bg-warning',
  danger: 'bg-danger',
} as const;

export function ProgressBar({
  value,
  max = 100,
  label,
  hideLabel,
  showValue = true,
  valueText,
  tone = 'accent',
  size = 'md',
  className,
}: ProgressBarProps) {
  const labelId = useId();
  const indeterminate = value === null;
  const clamped = indeterminate ? 0 : Math.min(Math.max(value, 0), max);
  const percent = max > 0 ? Math.round((clamped / max) * 100) : 0;
  const shown = valueText ?? `${percent}%`;

  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <div className={cn('flex items-baseline justify-between gap-3 text-sm', hideLabel && 'sr-only')}>
        <span id={labelId} className="font-medium text-foreground">
          {label}
        </span>
        {showValue && !indeterminate ? <span className="tabular text-muted">{shown}</span> : null}
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={indeterminate ? undefined : clamped}
        aria-valuetext={indeterminate ? 'In progress' : shown}
        className={cn('relative w-full overflow-hidden rounded-full bg-surface-sunken', size === 'sm' ? 'h-1.5' : 'h-2.5')}
      >
        <div
          className={cn(
            'h-full rounded-full transition-[width] duration-500 ease-out',
            toneClasses[tone],
            indeterminate && 'absolute inset-y-0 left-0 w-2/5 animate-indeterminate',
          )}
          style={indeterminate ? undefined : { width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
