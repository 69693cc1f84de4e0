import { TabNav, type TabNavItem } from '@/components/ui/tab-nav';

/** The label every workspace settings page shows above its title. */
export const SETTINGS_LABEL = 'Workspace settings';

/** Goes in the `tabs` slot of each settings page's PageHeader. The audit tab only for those who may read it. */
export function SettingsTabs({ workspace, canReadAudit }: { workspace: string; canReadAudit: boolean }) {
  const base = `/w/${encodeURIComponent(workspace)}/settings`;
  const items: TabNavItem[] = [
    { href: base, label: 'General', exact: true },
    { href: `${base}/members`, label: 'Members' },
    ...(canReadAudit ? [{ href: `${base}/audit`, label: 'Audit log' }] : []),
    { href: `${base}/jobs`, label: 'Background jobs' },
  ];
  return <TabNav label={SETTINGS_LABEL} items={items} />;
}
