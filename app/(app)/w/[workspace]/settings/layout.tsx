import type { ReactNode } from 'react';
import { TabNav, type TabNavItem } from '@/components/ui/tab-nav';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';

export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace, can } = await requireWorkspacePage((await params).workspace);
  const base = `/w/${encodeURIComponent(workspace.slug)}/settings`;
  const items: TabNavItem[] = [
    { href: base, label: 'General', exact: true },
    { href: `${base}/members`, label: 'Members' },
    ...(can('audit.read') ? [{ href: `${base}/audit`, label: 'Audit log' }] : []),
    { href: `${base}#jobs`, label: 'Background jobs' },
  ];
  return (
    <div className="space-y-6">
      <PageHeader eyebrow={workspace.name} title="Settings" description="Workspace details, members and background jobs." />
      <TabNav label="Settings" items={items} />
      {children}
    </div>
  );
}
