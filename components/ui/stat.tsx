import type { ReactNode } from 'react';
import { cn } from './cn';
import { ArrowDownRightIcon, ArrowUpRightIcon, MinusIcon } from './icons';

export type StatDelta = {
  /** Already formatted, e.g. "+12.4%" or "−$120". */
  value: string;
  trend: 'up' | 'down' | 'flat';
  /** Whether the change is good news; defaults to up = positive, down = negative (pass it for costs, drawdown). */
  sentiment?: 'positive' | 'negative' | 'neutral';
  /** Context such as "vs last month". */
  label?: string;
};

export type StatProps = {
  label: ReactNode;
  value: ReactNode;
  delta?: StatDelta;
  /** Small print under the number. */
  hint?: ReactNode;
  size?: 'md' | 'lg';
  className?: string;
};

const sentimentClasses = {
  positive: 'text-success',
  negative: 'text-danger',
  neutral: 'text-muted',
} as const;

const trendWords = { up: 'Up', down: 'Down', flat: 'Unchanged' } as const;

export function Stat({ label, value, delta, hint, size = 'md', className }: StatProps) {
  const sentiment = delta?.sentiment ?? (delta?.trend === 'up' ? 'positive' : delta?.trend === 'down' ? 'negative' : 'neutral');
  const TrendIcon = delta?.trend === 'up' ? ArrowUpRightIcon : delta?.trend === 'down' ? ArrowDownRightIcon : MinusIcon;

  return (
    <dl className={cn('flex min-w-0 flex-col gap-1', className)}>
      <dt className="truncate text-sm text-muted">{label}</dt>
      <dd className={cn('tabular font-semibold tracking-tight text-foreground', size === 'lg' ? 'text-3xl' : 'text-2xl')}>{value}</dd>
      {delta ? (
        <dd className="flex flex-wrap items-center gap-x-1.5 text-xs">
          <span className={cn('inline-flex items-center gap-0.5 font-medium', sentimentClasses[sentiment])}>
            <TrendIcon className="size-3.5" />
            <span className="sr-only">{trendWords[delta.trend]} </span>
            <span className="tabular">{delta.value}</span>
          </span>
          {delta.label ? <span className="text-muted">{delta.label}</span> : null}
        </dd>
      ) : null}
      {hint ? <dd className="text-xs text-muted">{hint}</dd> : null}
    </dl>
  );
}
