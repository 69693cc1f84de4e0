import { TabNav } from '@/components/ui/tab-nav';

/** Goes in the `tabs` slot of every Money page's PageHeader. */
export function MoneyTabs({ workspace }: { workspace: string }) {
  const base = `/w/${encodeURIComponent(workspace)}/money`;
  return (
    <TabNav
      label="Money"
      items={[
        { href: base, label: 'Overview', exact: true },
        { href: `${base}/transactions`, label: 'Transactions' },
        { href: `${base}/accounts`, label: 'Accounts' },
        { href: `${base}/imports`, label: 'Imports' },
        { href: `${base}/rules`, label: 'Rules' },
        { href: `${base}/merchants`, label: 'Merchants' },
        { href: `${base}/budgets`, label: 'Budgets' },
        { href: `${base}/recurring`, label: 'Recurring' },
        { href: `${base}/reports`, label: 'Reports' },
      ]}
    />
  );
}
