// Marketing copy for the plans. Prices and limits must match lib/billing/plans.ts (the billing
// catalogue owned by the billing module); when that exists, read the numbers from it instead.

export type PlanId = 'free' | 'pro' | 'team';

export type MarketingPlan = {
  id: PlanId;
  name: string;
  priceUsd: number;
  tagline: string;
  cta: { label: string; href: string };
  highlighted?: boolean;
  /** Short list for the landing-page teaser and plan cards. */
  highlights: string[];
};

export const plans: MarketingPlan[] = [
  {
    id: 'free',
    name: 'Free',
    priceUsd: 0,
    tagline: 'Try all four products on your own.',
    cta: { label: 'Start free', href: '/sign-up' },
    highlights: ['1 workspace, 1 member', '2 paper-trading bots', '100 journal trades a month', '1 bank account, 50 store products'],
  },
  {
    id: 'pro',
    name: 'Pro',
    priceUsd: 19,
    tagline: 'For active traders and busy households.',
    cta: { label: 'Start with Pro', href: '/sign-up?plan=pro' },
    highlighted: true,
    highlights: ['Up to 3 members', '10 live bots, unlimited backtests', 'Unlimited journal, playbooks, heatmaps', 'Unlimited bank accounts, 2,000 products'],
  },
  {
    id: 'team',
    name: 'Team',
    priceUsd: 49,
    tagline: 'For trading desks and store teams.',
    cta: { label: 'Start with Team', href: '/sign-up?plan=team' },
    highlights: ['Up to 15 members with roles', '50 live bots', 'Full-auto pricing, 20,000 products', 'Audit-log export and required 2FA'],
  },
];

export type ComparisonRow = { feature: string; values: Record<PlanId, string | boolean> };
export type ComparisonGroup = { title: string; rows: ComparisonRow[] };

export const comparison: ComparisonGroup[] = [
  {
    title: 'Workspace',
    rows: [
      { feature: 'Members', values: { free: '1', pro: '3', team: '15' } },
      { feature: 'Roles and permissions', values: { free: false, pro: true, team: true } },
      { feature: 'Audit trail', values: { free: '30 days', pro: '1 year', team: 'Unlimited + CSV export' } },
      { feature: 'Require 2FA for members', values: { free: false, pro: false, team: true } },
      { feature: 'API access', values: { free: false, pro: 'Read', team: 'Read and write' } },
    ],
  },
  {
    title: 'Bots',
    rows: [
      { feature: 'Paper-trading bots', values: { free: '2', pro: 'Unlimited', team: 'Unlimited' } },
      { feature: 'Live bots on your exchange', values: { free: false, pro: '10', team: '50' } },
      { feature: 'Backtests', values: { free: '5 a day', pro: 'Unlimited', team: 'Unlimited' } },
    ],
  },
  {
    title: 'Journal',
    rows: [
      { feature: 'Trades per month', values: { free: '100', pro: 'Unlimited', team: 'Unlimited' } },
      { feature: 'Analytics and heatmaps', values: { free: 'Basic', pro: true, team: true } },
      { feature: 'Playbooks', values: { free: '1', pro: 'Unlimited', team: 'Unlimited' } },
    ],
  },
  {
    title: 'Money',
    rows: [
      { feature: 'Bank accounts', values: { free: '1', pro: 'Unlimited', team: 'Unlimited' } },
      { feature: 'Categorisation rules', values: { free: '10', pro: 'Unlimited', team: 'Unlimited' } },
      { feature: 'Budgets, recurring and reports', values: { free: true, pro: true, team: true } },
    ],
  },
  {
    title: 'Pricing',
    rows: [
      { feature: 'Tracked products', values: { free: '50', pro: '2,000', team: '20,000' } },
      { feature: 'Modes', values: { free: 'Manual', pro: 'Manual, semi-auto', team: 'Manual, semi-auto, full-auto' } },
      { feature: 'Competitor checks', values: { free: 'Daily', pro: 'Every 6 hours', team: 'Hourly' } },
    ],
  },
];

export function formatPlanPrice(priceUsd: number): string {
  return priceUsd === 0 ? '$0' : `$${priceUsd}`;
}
