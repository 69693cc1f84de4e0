import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { CheckIcon, ChevronUpDownIcon, PlusIcon } from '@/components/ui/icons';
import { menuItemClasses, PopoverMenu } from './popover-menu';

export type WorkspaceRef = { slug: string; name: string };

function WorkspaceBadge({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn('flex size-7 shrink-0 items-center justify-center rounded-lg bg-primary text-xs font-semibold text-primary-foreground', className)}
    >
      {name.trim().charAt(0).toUpperCase() || '?'}
    </span>
  );
}

export function WorkspaceSwitcher({ workspaces, current }: { workspaces: WorkspaceRef[]; current: WorkspaceRef }) {
  return (
    <PopoverMenu
      triggerClassName="flex w-full items-center gap-2.5 rounded-lg border border-border bg-surface px-2 py-1.5 text-left shadow-card transition-colors hover:bg-surface-muted"
      trigger={
        <>
          <WorkspaceBadge name={current.name} />
          <span className="min-w-0 flex-1">
            <span className="block text-[0.6875rem] leading-tight text-muted">Workspace</span>
            <span className="block truncate text-sm font-semibold leading-tight">{current.name}</span>
          </span>
          <ChevronUpDownIcon className="size-4 text-muted" />
          <span className="sr-only">, switch workspace</span>
        </>
      }
    >
      <p className="px-2.5 pt-1.5 pb-1 text-xs font-medium text-muted">Your workspaces</p>
      <ul className="max-h-72 overflow-y-auto">
        {workspaces.map((ws) => {
          const isCurrent = ws.slug === current.slug;
          return (
            <li key={ws.slug}>
              <Link href={`/w/${encodeURIComponent(ws.slug)}`} aria-current={isCurrent ? 'true' : undefined} className={menuItemClasses}>
                <WorkspaceBadge name={ws.name} className="size-6 text-[0.6875rem]" />
                <span className="min-w-0 flex-1 truncate">{ws.name}</span>
                {isCurrent ? <CheckIcon className="size-4 text-accent" title="Current workspace" /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="mt-1 border-t border-border pt-1">
        <Link href="/onboarding" className={menuItemClasses}>
          <span className="flex size-6 items-center justify-center rounded-lg border border-dashed border-border-strong text-muted">
            <PlusIcon className="size-3.5" />
          </span>
          New workspace
        </Link>
      </div>
    </PopoverMenu>
  );
}
