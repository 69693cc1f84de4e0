/**
 * The plan catalog: the only place prices, limits, quotas and features live (DESIGN.md §7). The
 * pricing page, the billing settings, the checks (`requireFeature`, `checkLimit`), the meter's
 * quotas and `npm run stripe:sync` all read it. A product never reads a plan id: it asks for a
 * feature, a limit or a quota by name.
 *
 * `null` means unlimited everywhere (a number, never Infinity, so entitlements cache as JSON).
 */

export const PLAN_IDS = ['free', 'pro', 'team', 'enterprise'] as const;
export type PlanId = (typeof PLAN_IDS)[number];
export type BillingInterval = 'month' | 'year';

/** What a plan switches on. Products add theirs here as they land. */
export const FEATURES = [
  'members.invite',
  'roles.custom',
  'jobs.run',
  'audit.read',
  'audit.export',
  'security.require_2fa',
  'api.read',
  'api.write',
  'bots.live',
  'bots.backtest',
  'journal.import',
  'journal.heatmaps',
  'journal.playbooks',
  'journal.export.csv',
  'journal.export.xlsx',
  'journal.export.json',
  'charts.advanced',
  'reports.scheduled',
  'money.import',
  'pricing.optimise',
  'pricing.semi_auto',
  'pricing.full_auto',
] as const;
export type Feature = (typeof FEATURES)[number];

/** Counts a workspace may hold at once (checked with `checkLimit` before creating one more). */
export const LIMITS = [
  'members',
  'bots.paper',
  'bots.live',
  'bots.pairs_per_bot',
  'backtests.per_day',
  'journal.journals',
  'money.bank_accounts',
  'money.rules',
  'pricing.stores',
  'pricing.tracked_products',
] as const;
export type Limit = (typeof LIMITS)[number];

/** What is metered per workspace per calendar month (UTC); a plan's quota caps some of them. */
export const METRICS = [
  'bot.runs',
  'backtest.candles',
  'journal.trades',
  'money.imported_rows',
  'pricing.optimization_runs',
  'api.calls',
  'storage.bytes',
  'emails.sent',
] as const;
export type Metric = (typeof METRICS)[number];

export type PlanPrice = { monthMinor: bigint; yearMinor: bigint; currency: 'USD' };

export type Plan = {
  id: PlanId;
  name: string;
  /** Order for "the better plan wins" and upgrade/downgrade wording. */
  rank: number;
  /** null for a contract price (Enterprise: from $199, set per workspace by an admin override). */
  price: PlanPrice | null;
  /** Enterprise's "from" price, shown on the pricing page. */
  fromPriceMinor?: bigint;
  /** Sold through checkout (Free needs none; Enterprise is sold by contract). */
  selfServe: boolean;
  features: readonly Feature[];
  limits: Readonly<Record<Limit, number | null>>;
  quotas: Readonly<Partial<Record<Metric, number | null>>>;
  /** Public API requests per minute; 0 = no API access. */
  apiRatePerMinute: number;
  /** Days of audit trail shown; null = all of it. */
  auditRetentionDays: number | null;
  /** Minutes between competitor price checks. */
  pricingCadenceMinutes: number;
};

export type AddonId = 'members' | 'liveBots' | 'trackedProducts';

export type Addon = {
  id: AddonId;
  name: string;
  /** What one unit adds, to which limit. */
  limit: Limit;
  perUnit: number;
  price: PlanPrice;
  /** On which plans it can be bought. */
  plans: readonly PlanId[];
};

const ALL_FEATURES: readonly Feature[] = FEATURES;
const UNLIMITED_LIMITS = Object.fromEntries(LIMITS.map((l) => [l, null])) as Record<Limit, number | null>;

// Inviting is on every plan: how many members a workspace may have is the `members` limit.
const FREE_FEATURES: readonly Feature[] = [
  'members.invite',
  'jobs.run',
  'audit.read',
  'bots.backtest',
  'journal.import',
  'journal.export.csv',
  'money.import',
  'pricing.optimise',
];
const PRO_FEATURES: readonly Feature[] = [
  ...FREE_FEATURES,
  'api.read',
  'bots.live',
  'journal.heatmaps',
  'journal.playbooks',
  'journal.export.xlsx',
  'journal.export.json',
  'charts.advanced',
  'reports.scheduled',
  'pricing.semi_auto',
];
const TEAM_FEATURES: readonly Feature[] = [...PRO_FEATURES, 'roles.custom', 'audit.export', 'security.require_2fa', 'api.write', 'pricing.full_auto'];

export const PLANS: Readonly<Record<PlanId, Plan>> = {
  free: {
    id: 'free',
    name: 'Free',
    rank: 0,
    price: { monthMinor: 0n, yearMinor: 0n, currency: 'USD' },
    selfServe: false,
    features: FREE_FEATURES,
    limits: {
      members: 1,
      'bots.paper': 2,
      'bots.live': 0,
      'bots.pairs_per_bot': 1,
      'backtests.per_day': 5,
      'journal.journals': 1,
      'money.bank_accounts': 1,
      'money.rules': 10,
      'pricing.stores': 1,
      'pricing.tracked_products': 50,
    },
    quotas: { 'backtest.candles': 2_000_000, 'journal.trades': 100, 'money.imported_rows': 500 },
    apiRatePerMinute: 0,
    auditRetentionDays: 30,
    pricingCadenceMinutes: 24 * 60,
  },
  pro: {
    id: 'pro',
    name: 'Pro',
    rank: 1,
    price: { monthMinor: 1900n, yearMinor: 19000n, currency: 'USD' },
    selfServe: true,
    features: PRO_FEATURES,
    limits: {
      members: 3,
      'bots.paper': null,
      'bots.live': 10,
      'bots.pairs_per_bot': 10,
      'backtests.per_day': null,
      'journal.journals': 10,
      'money.bank_accounts': null,
      'money.rules': null,
      'pricing.stores': 1,
      'pricing.tracked_products': 2_000,
    },
    quotas: { 'backtest.candles': 200_000_000, 'journal.trades': null, 'money.imported_rows': null },
    apiRatePerMinute: 1_000,
    auditRetentionDays: 365,
    pricingCadenceMinutes: 6 * 60,
  },
  team: {
    id: 'team',
    name: 'Team',
    rank: 2,
    price: { monthMinor: 4900n, yearMinor: 49000n, currency: 'USD' },
    selfServe: true,
    features: TEAM_FEATURES,
    limits: {
      members: 15,
      'bots.paper': null,
      'bots.live': 50,
      'bots.pairs_per_bot': 10,
      'backtests.per_day': null,
      'journal.journals': null,
      'money.bank_accounts': null,
      'money.rules': null,
      'pricing.stores': 5,
      'pricing.tracked_products': 20_000,
    },
    quotas: { 'backtest.candles': 500_000_000, 'journal.trades': null, 'money.imported_rows': null },
    apiRatePerMinute: 1_000,
    auditRetentionDays: null,
    pricingCadenceMinutes: 60,
  },
  enterprise: {
    id: 'enterprise',
    name: 'Enterprise',
    rank: 3,
    price: null,
    fromPriceMinor: 19900n,
    selfServe: false,
    features: ALL_FEATURES,
    limits: UNLIMITED_LIMITS,
    quotas: { 'backtest.candles': null, 'journal.trades': null, 'money.imported_rows': null },
    apiRatePerMinute: 10_000,
    auditRetentionDays: null,
    pricingCadenceMinutes: 15,
  },
};

export const ADDONS: Readonly<Record<AddonId, Addon>> = {
  members: {
    id: 'members',
    name: 'Extra member',
    limit: 'members',
    perUnit: 1,
    price: { monthMinor: 500n, yearMinor: 5000n, currency: 'USD' },
    plans: ['pro', 'team'],
  },
  liveBots: {
    id: 'liveBots',
    name: '+10 live bots',
    limit: 'bots.live',
    perUnit: 10,
    price: { monthMinor: 1000n, yearMinor: 10000n, currency: 'USD' },
    plans: ['pro', 'team'],
  },
  trackedProducts: {
    id: 'trackedProducts',
    name: '+5,000 tracked products',
    limit: 'pricing.tracked_products',
    perUnit: 5_000,
    price: { monthMinor: 1500n, yearMinor: 15000n, currency: 'USD' },
    plans: ['pro', 'team'],
  },
};

/** New workspaces try Pro (or the plan picked at sign-up) for 14 days without a card, then fall to Free unless they pay. */
export const TRIAL = { planId: 'pro' as TrialPlanId, days: 14 };

/** The plans a trial can be of: those sold through checkout. */
export const TRIAL_PLAN_IDS = ['pro', 'team'] as const;
export type TrialPlanId = (typeof TRIAL_PLAN_IDS)[number];

/** past_due keeps the plan this long after the first failed payment; dunning emails on these days. */
export const PAST_DUE_GRACE_DAYS = 7;
export const DUNNING_DAYS = [0, 3, 6] as const;

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === 'string' && (PLAN_IDS as readonly string[]).includes(value);
}

export function plan(id: PlanId): Plan {
  return PLANS[id];
}

/** The plans sold through checkout, in order. */
export function selfServePlans(): Plan[] {
  return PLAN_IDS.map((id) => PLANS[id]).filter((p) => p.selfServe);
}

/**
 * The environment variable holding the Stripe price id of a plan or add-on per interval
 * (`STRIPE_PRICE_PRO_MONTH`, `STRIPE_PRICE_ADDON_LIVE_BOTS_YEAR`), and the lookup key
 * `npm run stripe:sync` gives that price in Stripe (`tessera_pro_month`).
 */
export function stripePriceEnvName(item: PlanId | AddonId, interval: BillingInterval): string {
  const snake = item.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).toUpperCase();
  const kind = (PLAN_IDS as readonly string[]).includes(item) ? snake : `ADDON_${snake}`;
  return `STRIPE_PRICE_${kind}_${interval.toUpperCase()}`;
}

export function stripeLookupKey(item: PlanId | AddonId, interval: BillingInterval): string {
  return stripePriceEnvName(item, interval).replace(/^STRIPE_PRICE_/, 'tessera_').toLowerCase();
}
