import { TabNav } from '@/components/ui/tab-nav';

/** The label every account page shows above its title. */
export const ACCOUNT_LABEL = 'Account';

const ITEMS = [
  { href: '/account', label: 'Profile', exact: true },
  { href: '/account/email', label: 'Email' },
  { href: '/account/security', label: 'Security' },
  { href: '/account/privacy', label: 'Privacy' },
] as const;

/** Goes in the `tabs` slot of each account page's PageHeader. */
export function AccountTabs() {
  return <TabNav label={ACCOUNT_LABEL} items={ITEMS} />;
}
