import { type CurrencyCode, formatMoney } from '@/lib/currency';
import { PLANS, type BillingInterval, type Limit, type Metric, type Plan } from '@/lib/billing/plans';

// Marketing copy for the plans. Every number comes from the billing catalog (lib/billing/plans.ts);
// only the words live here.

export type PlanId = 'free' | 'pro' | 'team';

export type MarketingPlan = {
  id: PlanId;
  name: string;
  /** Monthly price per workspace in minor units of `currency` (1900n = $19.00). */
  priceMinor: bigint;
  /** Yearly price per workspace (two months free), minor units. */
  yearPriceMinor: bigint;
  currency: CurrencyCode;
  tagline: string;
  cta: { label: string; href: string };
  highlighted?: boolean;
  /** Short list for the landing-page teaser and plan cards. */
  highlights: string[];
};

const count = (n: number) => n.toLocaleString('en-US');
/** "Unlimited", or the number with thousands separators. */
const amount = (value: number | null | undefined) => (value === null || value === undefined ? 'Unlimited' : count(value));
const limit = (plan: Plan, key: Limit) => plan.limits[key];
const quota = (plan: Plan, key: Metric) => plan.quotas[key];
const upTo = (n: number | null, one: string, many: string) => (n === null ? `Unlimited ${many}` : n === 1 ? `1 ${one}` : `Up to ${count(n)} ${many}`);
const cadence = (minutes: number) => (minutes >= 1440 ? 'Daily' : minutes >= 120 ? `Every ${minutes / 60} hours` : minutes === 60 ? 'Hourly' : `Every ${minutes} minutes`);

const { free, pro, team } = PLANS;

export const plans: MarketingPlan[] = [
  {
    id: 'free',
    name: free.name,
    priceMinor: free.price!.monthMinor,
    yearPriceMinor: free.price!.yearMinor,
    currency: free.price!.currency,
    tagline: 'Try all four products on your own.',
    cta: { label: 'Start free', href: '/sign-up' },
    highlights: [
      `1 workspace, ${limit(free, 'members')} member`,
      `${limit(free, 'bots.paper')} paper-trading bots`,
      `${amount(quota(free, 'journal.trades'))} journal trades a month`,
      `${limit(free, 'money.bank_accounts')} bank account, ${amount(limit(free, 'pricing.tracked_products'))} store products`,
    ],
  },
  {
    id: 'pro',
    name: pro.name,
    priceMinor: pro.price!.monthMinor,
    yearPriceMinor: pro.price!.yearMinor,
    currency: pro.price!.currency,
    tagline: 'For active traders and busy households.',
    cta: { label: 'Start a 14-day trial', href: '/sign-up?plan=pro' },
    highlighted: true,
    highlights: [
      upTo(limit(pro, 'members'), 'member', 'members'),
      `${amount(limit(pro, 'bots.live'))} live bots, unlimited backtests`,
      'Unlimited journal, playbooks, heatmaps',
      `Unlimited bank accounts, ${amount(limit(pro, 'pricing.tracked_products'))} products`,
    ],
  },
  {
    id: 'team',
    name: team.name,
    priceMinor: team.price!.monthMinor,
    yearPriceMinor: team.price!.yearMinor,
    currency: team.price!.currency,
    tagline: 'For trading desks and store teams.',
    cta: { label: 'Start a 14-day trial', href: '/sign-up?plan=team' },
    highlights: [
      `${upTo(limit(team, 'members'), 'member', 'members')} with roles`,
      `${amount(limit(team, 'bots.live'))} live bots`,
      `Full-auto pricing, ${amount(limit(team, 'pricing.tracked_products'))} products`,
      'Audit-log export and required 2FA',
    ],
  },
];

const byPlan = <T,>(value: (plan: Plan) => T): Record<PlanId, T> => ({ free: value(free), pro: value(pro), team: value(team) });
const retention = (plan: Plan) => (plan.auditRetentionDays === null ? 'Unlimited' : plan.auditRetentionDays >= 365 ? `${plan.auditRetentionDays / 365} year` : `${plan.auditRetentionDays} days`);

export type ComparisonRow = { feature: string; values: Record<PlanId, string | boolean> };
export type ComparisonGroup = { title: string; rows: ComparisonRow[] };

export const comparison: ComparisonGroup[] = [
  {
    title: 'Workspace',
    rows: [
      { feature: 'Members', values: byPlan((p) => amount(limit(p, 'members'))) },
      { feature: 'Roles and permissions', values: { free: false, pro: true, team: true } },
      {
        feature: 'Audit trail',
        values: byPlan((p) => (p.features.includes('audit.export') ? `${retention(p)} + CSV export` : retention(p))),
      },
      { feature: 'Require 2FA for members', values: byPlan((p) => p.features.includes('security.require_2fa')) },
      {
        feature: 'API access (planned)',
        values: byPlan((p) => (p.features.includes('api.write') ? 'Read and write' : p.features.includes('api.read') ? 'Read' : false)),
      },
    ],
  },
  {
    title: 'Bots (coming soon)',
    rows: [
      { feature: 'Paper-trading bots', values: byPlan((p) => amount(limit(p, 'bots.paper'))) },
      { feature: 'Live bots on your exchange', values: byPlan((p) => (limit(p, 'bots.live') === 0 ? false : amount(limit(p, 'bots.live')))) },
      { feature: 'Backtests', values: byPlan((p) => (limit(p, 'backtests.per_day') === null ? 'Unlimited' : `${limit(p, 'backtests.per_day')} a day`)) },
    ],
  },
  {
    title: 'Journal (coming soon)',
    rows: [
      { feature: 'Trades per month', values: byPlan((p) => amount(quota(p, 'journal.trades'))) },
      { feature: 'Analytics and heatmaps', values: byPlan((p) => (p.features.includes('journal.heatmaps') ? true : 'Basic')) },
      { feature: 'Playbooks', values: byPlan((p) => (p.features.includes('journal.playbooks') ? 'Unlimited' : '1')) },
    ],
  },
  {
    title: 'Money (coming soon)',
    rows: [
      { feature: 'Bank accounts', values: byPlan((p) => amount(limit(p, 'money.bank_accounts'))) },
      { feature: 'Categorisation rules', values: byPlan((p) => amount(limit(p, 'money.rules'))) },
      { feature: 'Budgets, recurring and reports', values: { free: true, pro: true, team: true } },
    ],
  },
  {
    title: 'Pricing (coming soon)',
    rows: [
      { feature: 'Tracked products', values: byPlan((p) => amount(limit(p, 'pricing.tracked_products'))) },
      {
        feature: 'Modes',
        values: byPlan((p) => (p.features.includes('pricing.full_auto') ? 'Manual, semi-auto, full-auto' : p.features.includes('pricing.semi_auto') ? 'Manual, semi-auto' : 'Manual')),
      },
      { feature: 'Competitor checks', values: byPlan((p) => cadence(p.pricingCadenceMinutes)) },
    ],
  },
];

/** A price tag: "$19" for a whole amount, "$19.50" otherwise, "$0" for free. */
export function formatPlanPrice(plan: Pick<MarketingPlan, 'priceMinor' | 'currency'>): string {
  return formatMoney(plan.priceMinor, plan.currency, { locale: 'en-US', trailingZeros: 'strip-if-integer' });
}

/** A plan card's sign-up link: a paid plan's trial, with the interval picked on the page carried along. */
export function planSignUpHref(plan: MarketingPlan, interval: BillingInterval = 'month'): string {
  return plan.priceMinor > 0n && interval === 'year' ? `${plan.cta.href}&interval=year` : plan.cta.href;
}

/** "Free, Pro ($19/month) and Team ($49/month)": the pricing page's description, from the same numbers. */
export function planPriceSummary(): string {
  const [free, ...paid] = plans;
  const priced = paid.map((plan) => `${plan.name} (${formatPlanPrice(plan)}/month)`);
  return `${free!.name}, ${priced.slice(0, -1).join(', ')} and ${priced.at(-1)}`;
}
