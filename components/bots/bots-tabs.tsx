import { TabNav } from '@/components/ui/tab-nav';

/** Goes in the `tabs` slot of every Bots page's PageHeader: the bots and their backtests. */
export function BotsTabs({ workspace }: { workspace: string }) {
  const base = `/w/${encodeURIComponent(workspace)}/bots`;
  return (
    <TabNav
      label="Bots"
      items={[
        // "Bots" covers the list, a bot's page and the wizard; backtests have their own tab.
        { href: base, label: 'Bots', exact: true },
        { href: `${base}/backtests`, label: 'Backtests' },
      ]}
    />
  );
}
