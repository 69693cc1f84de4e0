import { type CurrencyCode, formatMoney } from '@/lib/currency';

// Marketing copy for the plans. Prices and limits must match lib/billing/plans.ts (the billing
// catalogue owned by the billing module); when that exists, read the numbers from it instead.

export type PlanId = 'free' | 'pro' | 'team';

export type MarketingPlan = {
  id: PlanId;
  name: string;
  /** Monthly price per workspace in minor units of `currency` (1900n = $19.00). */
  priceMinor: bigint;
  currency: CurrencyCode;
  tagline: string;
  cta: { label: string; href: string };
  /** Not yet for sale: paid plans open with the billing issue, so the card says so. */
  comingSoon?: boolean;
  highlighted?: boolean;
  /** Short list for the landing-page teaser and plan cards. */
  highlights: string[];
};

export const plans: MarketingPlan[] = [
  {
    id: 'free',
    name: 'Free',
    priceMinor: 0n,
    currency: 'USD',
    tagline: 'Try all four products on your own.',
    cta: { label: 'Start free', href: '/sign-up' },
    highlights: ['1 workspace, 1 member', '2 paper-trading bots', '100 journal trades a month', '1 bank account, 50 store products'],
  },
  {
    id: 'pro',
    name: 'Pro',
    priceMinor: 1900n,
    currency: 'USD',
    tagline: 'For active traders and busy households.',
    // Sign-up can't choose a plan yet: everyone starts on Free.
    cta: { label: 'Start free for now', href: '/sign-up' },
    comingSoon: true,
    highlighted: true,
    highlights: ['Up to 3 members', '10 live bots, unlimited backtests', 'Unlimited journal, playbooks, heatmaps', 'Unlimited bank accounts, 2,000 products'],
  },
  {
    id: 'team',
    name: 'Team',
    priceMinor: 4900n,
    currency: 'USD',
    tagline: 'For trading desks and store teams.',
    cta: { label: 'Start free for now', href: '/sign-up' },
    comingSoon: true,
    highlights: ['Up to 15 members with roles', '50 live bots', 'Full-auto pricing, 20,000 products', 'Audit-log export and required 2FA (planned)'],
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
      { feature: 'Audit trail', values: { free: '30 days', pro: '1 year', team: 'Unlimited + CSV export (planned)' } },
      { feature: 'Require 2FA for members (planned)', values: { free: false, pro: false, team: true } },
      { feature: 'API access (planned)', values: { free: false, pro: 'Read', team: 'Read and write' } },
    ],
  },
  {
    title: 'Bots (coming soon)',
    rows: [
      { feature: 'Paper-trading bots', values: { free: '2', pro: 'Unlimited', team: 'Unlimited' } },
      { feature: 'Live bots on your exchange', values: { free: false, pro: '10', team: '50' } },
      { feature: 'Backtests', values: { free: '5 a day', pro: 'Unlimited', team: 'Unlimited' } },
    ],
  },
  {
    title: 'Journal (coming soon)',
    rows: [
      { feature: 'Trades per month', values: { free: '100', pro: 'Unlimited', team: 'Unlimited' } },
      { feature: 'Analytics and heatmaps', values: { free: 'Basic', pro: true, team: true } },
      { feature: 'Playbooks', values: { free: '1', pro: 'Unlimited', team: 'Unlimited' } },
    ],
  },
  {
    title: 'Money (coming soon)',
    rows: [
      { feature: 'Bank accounts', values: { free: '1', pro: 'Unlimited', team: 'Unlimited' } },
      { feature: 'Categorisation rules', values: { free: '10', pro: 'Unlimited', team: 'Unlimited' } },
      { feature: 'Budgets, recurring and reports', values: { free: true, pro: true, team: true } },
    ],
  },
  {
    title: 'Pricing (coming soon)',
    rows: [
      { feature: 'Tracked products', values: { free: '50', pro: '2,000', team: '20,000' } },
      { feature: 'Modes', values: { free: 'Manual', pro: 'Manual, semi-auto', team: 'Manual, semi-auto, full-auto' } },
      { feature: 'Competitor checks', values: { free: 'Daily', pro: 'Every 6 hours', team: 'Hourly' } },
    ],
  },
];

/** A price tag: "$19" for a whole amount, "$19.50" otherwise, "$0" for free. */
export function formatPlanPrice(plan: Pick<MarketingPlan, 'priceMinor' | 'currency'>): string {
  return formatMoney(plan.priceMinor, plan.currency, { locale: 'en-US', trailingZeros: 'strip-if-integer' });
}

/** "Free, Pro ($19/month) and Team ($49/month)": the pricing page's description, from the same numbers. */
export function planPriceSummary(): string {
  const [free, ...paid] = plans;
  const priced = paid.map((plan) => `${plan.name} (${formatPlanPrice(plan)}/month)`);
  return `${free!.name}, ${priced.slice(0, -1).join(', ')} and ${priced.at(-1)}`;
}
