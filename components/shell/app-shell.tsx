import Link from 'next/link';
import type { ReactNode } from 'react';
import { TesseraMark } from '@/components/ui/icons';
import { MobileDrawer } from './mobile-drawer';
import { SidebarNav } from './sidebar-nav';
import { UserMenu, type ShellUser } from './user-menu';
import { WorkspaceSwitcher, type WorkspaceRef } from './workspace-switcher';

export type AppShellProps = {
  user: ShellUser;
  workspaces: WorkspaceRef[];
  current: WorkspaceRef;
  /** Server action that ends the session; rendered as <form action={signOutAction}>. */
  signOutAction: () => Promise<void>;
  /** Shown above the page content, e.g. the plan and verify-email banners; each draws its own strip. */
  banner?: ReactNode;
  children: ReactNode;
};

function SidebarBody({ user, workspaces, current, signOutAction }: Omit<AppShellProps, 'banner' | 'children'>) {
  return (
    <>
      <div className="p-3">
        <WorkspaceSwitcher workspaces={workspaces} current={current} />
      </div>
      <div className="flex-1 overflow-y-auto px-3 py-2">
        <SidebarNav slug={current.slug} />
      </div>
      <div className="border-t border-border p-3">
        <UserMenu user={user} signOutAction={signOutAction} />
      </div>
    </>
  );
}

export function AppShell({ user, workspaces, current, signOutAction, banner, children }: AppShellProps) {
  const sidebar = <SidebarBody user={user} workspaces={workspaces} current={current} signOutAction={signOutAction} />;
  return (
    <div className="min-h-dvh bg-surface-muted">
      <a
        href="#main"
        className="sr-only rounded-md bg-primary px-3 py-2 text-sm text-primary-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>

      <aside aria-label="Sidebar" className="fixed inset-y-0 left-0 z-30 hidden w-64 flex-col border-r border-border bg-surface lg:flex">
        <div className="flex h-14 shrink-0 items-center px-5">
          <Link href={`/w/${encodeURIComponent(current.slug)}`} className="inline-flex items-center gap-2 rounded-md font-semibold tracking-tight">
            <TesseraMark className="size-6" />
            Tessera
          </Link>
        </div>
        {sidebar}
      </aside>

      <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-border bg-surface/90 px-4 backdrop-blur lg:hidden">
        <MobileDrawer title="Navigation">{sidebar}</MobileDrawer>
        <Link href={`/w/${encodeURIComponent(current.slug)}`} className="inline-flex min-w-0 items-center gap-2 rounded-md">
          <TesseraMark className="size-6 shrink-0" />
          <span className="truncate text-sm font-semibold">{current.name}</span>
        </Link>
      </header>

      {/* Below the phone header's 56 px the body fills only the rest of the screen: a full dvh
          here made every short page scroll by the header's height. */}
      <div className="flex min-h-[calc(100dvh-3.5rem)] flex-col lg:min-h-dvh lg:pl-64">
        {/* Each banner draws its own strip: one streamed in later (the plan banner) may draw nothing. */}
        {banner}
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8 lg:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
