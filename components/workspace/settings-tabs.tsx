import { TabNav, type TabNavItem } from '@/components/ui/tab-nav';
import type { Permission } from '@/lib/tenancy/permissions';

/** The label every workspace settings page shows above its title. */
export const SETTINGS_LABEL = 'Workspace settings';

/**
 * Goes in the `tabs` slot of each settings page's PageHeader, given the page's `can`: billing and
 * the audit log only for those who may open them.
 */
export function SettingsTabs({ workspace, can }: { workspace: string; can: (permission: Permission) => boolean }) {
  const base = `/w/${encodeURIComponent(workspace)}/settings`;
  const items: TabNavItem[] = [
    { href: base, label: 'General', exact: true },
    { href: `${base}/members`, label: 'Members' },
    ...(can('billing.manage') ? [{ href: `${base}/billing`, label: 'Billing' }] : []),
    ...(can('usage.read') ? [{ href: `${base}/usage`, label: 'Usage' }] : []),
    ...(can('api_keys.manage') ? [{ href: `${base}/api-keys`, label: 'API keys' }] : []),
    ...(can('webhooks.manage') ? [{ href: `${base}/webhooks`, label: 'Webhooks' }] : []),
    ...(can('audit.read') ? [{ href: `${base}/audit`, label: 'Audit log' }] : []),
    ...(can('privacy.export') ? [{ href: `${base}/privacy`, label: 'Privacy' }] : []),
    { href: `${base}/jobs`, label: 'Background jobs' },
  ];
  return <TabNav label={SETTINGS_LABEL} items={items} />;
}
