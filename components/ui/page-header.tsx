import type { ReactNode } from 'react';
import { cn } from './cn';

export type PageHeaderProps = {
  /** The page's one H1; the route's metadata title says the same. */
  title: ReactNode;
  /** Small line above the title: the section the page belongs to ("Workspace settings", "Account"). */
  label?: ReactNode;
  description?: ReactNode;
  /** Buttons or a status aligned right on wide screens, below the title on phones. */
  actions?: ReactNode;
  /** The section's pages, full width under the title: a <TabNav>. */
  tabs?: ReactNode;
  className?: string;
};

/**
 * The head of every app page: label, title, description, actions, then tabs, always in that order
 * and place. The shell already names the workspace, so the header doesn't repeat it.
 */
export function PageHeader({ title, label, description, actions, tabs, className }: PageHeaderProps) {
  return (
    <header className={cn('space-y-5', className)}>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0">
          {label ? <p className="mb-1 text-sm font-medium text-muted">{label}</p> : null}
          <h1 className="text-2xl font-semibold tracking-tight text-balance text-foreground">{title}</h1>
          {description ? <p className="mt-1 max-w-2xl text-sm leading-relaxed text-muted">{description}</p> : null}
        </div>
        {actions ? <div className="flex shrink-0 flex-wrap gap-2">{actions}</div> : null}
      </div>
      {tabs}
    </header>
  );
}
