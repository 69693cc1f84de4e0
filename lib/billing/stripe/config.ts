import { env } from '@/lib/env';
import { ADDONS, selfServePlans, stripePriceEnvName, type AddonId, type BillingInterval, type PlanId } from '../plans';

export type BillingBackend = 'stripe' | 'test';

/** Stripe when its secret key is set, else the built-in test checkout (DESIGN.md §5). */
export function billingBackend(): BillingBackend {
  return env().STRIPE_SECRET_KEY ? 'stripe' : 'test';
}

/** One line for the start-up log and /admin/system. */
export function describeBillingBackend(): string {
  if (billingBackend() === 'test') return 'billing: built-in test checkout (no payment is taken)';
  const { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_HOST } = env();
  const mode = STRIPE_SECRET_KEY!.startsWith('sk_live_') ? 'live' : 'test';
  const missing = configuredPrices().missing;
  return [
    `billing: Stripe (${mode} mode${STRIPE_API_HOST ? `, API at ${STRIPE_API_HOST}` : ''})`,
    STRIPE_WEBHOOK_SECRET ? null : 'STRIPE_WEBHOOK_SECRET unset: webhooks are refused',
    missing.length ? `missing price ids: ${missing.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join('; ');
}

/** What a configured Stripe price id stands for. */
export type PriceTarget = { kind: 'plan'; planId: PlanId; interval: BillingInterval } | { kind: 'addon'; addonId: AddonId; interval: BillingInterval };

const INTERVALS: readonly BillingInterval[] = ['month', 'year'];

/** Every price the catalog sells through Stripe, with the env variable naming its id. */
export function catalogPrices(): Array<{ envName: string; target: PriceTarget }> {
  const plans = selfServePlans().flatMap((plan) =>
    INTERVALS.map((interval) => ({ envName: stripePriceEnvName(plan.id, interval), target: { kind: 'plan', planId: plan.id, interval } as PriceTarget })),
  );
  const addons = (Object.keys(ADDONS) as AddonId[]).flatMap((addonId) =>
    INTERVALS.map((interval) => ({ envName: stripePriceEnvName(addonId, interval), target: { kind: 'addon', addonId, interval } as PriceTarget })),
  );
  return [...plans, ...addons];
}

/** Stripe price id → plan or add-on, from the STRIPE_PRICE_* variables; and which are unset. */
export function configuredPrices(): { byPriceId: Map<string, PriceTarget>; missing: string[] } {
  const values = env() as unknown as Record<string, string | undefined>;
  const byPriceId = new Map<string, PriceTarget>();
  const missing: string[] = [];
  for (const { envName, target } of catalogPrices()) {
    const id = values[envName];
    if (id) byPriceId.set(id, target);
    else missing.push(envName);
  }
  return { byPriceId, missing };
}

/** The configured price id of a plan or add-on, or null when its variable is unset. */
export function priceIdFor(item: PlanId | AddonId, interval: BillingInterval): string | null {
  return (env() as unknown as Record<string, string | undefined>)[stripePriceEnvName(item, interval)] ?? null;
}
