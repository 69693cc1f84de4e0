import type { ComponentType } from 'react';
import { BotIcon, JournalIcon, MoneyIcon, PricingIcon, type IconProps } from '@/components/ui/icons';

export type DashboardProductId = 'bots' | 'journal' | 'money' | 'pricing';

export type ProductMeta = {
  name: string;
  Icon: ComponentType<IconProps>;
  /** Tinted icon tile and solid dot classes in the product colour. */
  tile: string;
  dot: string;
  emptyTitle: string;
  emptyText: string;
  emptyAction: string;
};

export const productMeta: Record<DashboardProductId, ProductMeta> = {
  bots: {
    name: 'Bots',
    Icon: BotIcon,
    tile: 'bg-bots/12 text-bots',
    dot: 'bg-bots',
    emptyTitle: 'No bots yet',
    emptyText: 'Create a DCA bot and run it on paper first. Nothing trades for real until you switch it to live.',
    emptyAction: 'Create a bot',
  },
  journal: {
    name: 'Journal',
    Icon: JournalIcon,
    tile: 'bg-journal/12 text-journal',
    dot: 'bg-journal',
    emptyTitle: 'No trades logged',
    emptyText: 'Import fills from your broker or log your first trade to see win rate and expectancy.',
    emptyAction: 'Log a trade',
  },
  money: {
    name: 'Money',
    Icon: MoneyIcon,
    tile: 'bg-money/12 text-money',
    dot: 'bg-money',
    emptyTitle: 'No transactions yet',
    emptyText: 'Import a CSV statement from your bank; rules will sort it into categories for you.',
    emptyAction: 'Import a statement',
  },
  pricing: {
    name: 'Pricing',
    Icon: PricingIcon,
    tile: 'bg-pricing/12 text-pricing',
    dot: 'bg-pricing',
    emptyTitle: 'No store connected',
    emptyText: 'Connect your store or upload a product list, then add the competitors to watch.',
    emptyAction: 'Connect a store',
  },
};
