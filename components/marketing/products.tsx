import type { ComponentType } from 'react';
import { BotIcon, JournalIcon, MoneyIcon, PricingIcon, type IconProps } from '@/components/ui/icons';

export type ProductId = 'bots' | 'journal' | 'money' | 'pricing';

export type MarketingProduct = {
  id: ProductId;
  name: string;
  tagline: string;
  description: string;
  features: string[];
  Icon: ComponentType<IconProps>;
  /** Tailwind classes for the product colour (tokens in globals.css). */
  tile: string;
  text: string;
};

export const products: MarketingProduct[] = [
  {
    id: 'bots',
    name: 'Bots',
    tagline: 'DCA and martingale bots you can test before they trade.',
    description:
      'Build a bot from a safety-order ladder, take-profit and stop-loss. Backtest it on historical candles, run it on paper against live prices, then switch it to your exchange when the numbers hold up.',
    features: [
      'Paper trading on live prices, on by default',
      'Backtests with fees and slippage',
      'Safety-order ladders, take-profit, stop-loss',
      'Exchange keys encrypted, trade-only',
    ],
    Icon: BotIcon,
    tile: 'bg-bots/12 text-bots',
    text: 'text-bots',
  },
  {
    id: 'journal',
    name: 'Journal',
    tagline: 'A trading journal that shows what actually works.',
    description:
      'Log trades by hand or import them from your broker and your bots. See win rate, expectancy, R-multiples and drawdown, and find the hours and setups where you make or lose money.',
    features: [
      'Import fills or log trades by hand',
      'Expectancy, R-multiples and drawdown',
      'Heatmaps by weekday and hour',
      'Playbooks to grade each trade against',
    ],
    Icon: JournalIcon,
    tile: 'bg-journal/12 text-journal',
    text: 'text-journal',
  },
  {
    id: 'money',
    name: 'Money',
    tagline: 'Household finance without the spreadsheet.',
    description:
      'Import CSV statements from any bank, let rules sort them into categories, and set budgets the whole household can see. Recurring bills are detected for you, and monthly reports write themselves.',
    features: [
      'CSV import from any bank, mapped once',
      'Rules that categorise automatically',
      'Budgets and recurring bills',
      'Monthly reports by category and person',
    ],
    Icon: MoneyIcon,
    tile: 'bg-money/12 text-money',
    text: 'text-money',
  },
  {
    id: 'pricing',
    name: 'Pricing',
    tagline: 'Price your store against the market, at the pace you trust.',
    description:
      'Track competitor prices for every product and let rules propose new prices inside floors, ceilings and margin guards. Approve each change yourself, approve in batches, or let Tessera apply them.',
    features: [
      'Competitor price tracking per product',
      'Floors, ceilings and margin guards',
      'Manual, semi-auto or full-auto',
      'Every change logged and reversible',
    ],
    Icon: PricingIcon,
    tile: 'bg-pricing/12 text-pricing',
    text: 'text-pricing',
  },
];
