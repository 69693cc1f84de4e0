import type { ReactNode } from 'react';
import { cn } from './cn';
import { InboxIcon } from './icons';

export type EmptyStateProps = {
  /** Defaults to an inbox icon. */
  icon?: ReactNode;
  title: ReactNode;
  /** Say what to do next, not just that the list is empty. */
  text?: ReactNode;
  action?: ReactNode;
  /** Heading level of the title. */
  as?: 'h2' | 'h3' | 'h4';
  /** `compact` drops the dashed frame for use inside a card. */
  variant?: 'framed' | 'compact';
  className?: string;
};

export function EmptyState({ icon, title, text, action, as: Heading = 'h3', variant = 'framed', className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center text-center',
        variant === 'framed' ? 'rounded-xl border border-dashed border-border-strong bg-surface px-6 py-12' : 'px-4 py-6',
        className,
      )}
    >
      <div className="mb-4 flex size-11 items-center justify-center rounded-xl border border-border bg-surface-muted text-muted [&_svg]:size-5">
        {icon ?? <InboxIcon />}
      </div>
      <Heading className="text-sm font-semibold text-foreground">{title}</Heading>
      {text ? <p className="mt-1 max-w-sm text-sm leading-relaxed text-muted">{text}</p> : null}
      {action ? <div className="mt-5 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
