import { TabNav } from '@/components/ui/tab-nav';

const ITEMS = [
  { href: '/account', label: 'Profile', exact: true },
  { href: '/account/email', label: 'Email' },
  { href: '/account/security', label: 'Security' },
] as const;

export function AccountNav() {
  return <TabNav label="Account" items={ITEMS} />;
}
