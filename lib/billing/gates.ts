import type { Tx } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { hasFeature, loadEntitlements } from './entitlements';
import { PLAN_IDS, PLANS, type Feature, type Metric } from './plans';

export type { Feature } from './plans';

/**
 * The billing hooks every wrapper calls (DESIGN.md §3: entitlement and quota are checked by the
 * wrapper, not by hand in a handler). They run inside the action's own transaction, so a quota
 * consumed by an action that then fails is rolled back with it. A refusal is
 * `AppError('payment_required', …)`, which the wrappers turn into a form message or a 402.
 */

/** What a wrapper's `quota` option names: a metered metric of the catalog. */
export type Quota = Metric;

/** The cheapest plan that has a feature, for "upgrade to …" messages. */
export function cheapestPlanWith(feature: Feature) {
  return PLAN_IDS.map((id) => PLANS[id]).find((p) => p.features.includes(feature)) ?? null;
}

/** Throws AppError('payment_required') when the workspace's plan lacks the feature. */
export async function assertFeature(tx: Tx, tenantId: string, feature: Feature): Promise<void> {
  const entitlements = await loadEntitlements(tx, tenantId);
  if (hasFeature(entitlements, feature)) return;
  const upgrade = cheapestPlanWith(feature);
  throw new AppError(
    'payment_required',
    upgrade ? `This is part of the ${upgrade.name} plan. Upgrade in Settings → Billing to use it.` : 'Your plan does not include this.',
    { feature, plan: entitlements.planId, ...(upgrade ? { upgradeTo: upgrade.id } : {}) },
  );
}

/**
 * Counts `amount` against the workspace's quota for this period, or throws
 * AppError('payment_required') when it would exceed it. The meter (lib/billing/meter.ts) lands
 * with the usage part of the billing issue; until then nothing is metered.
 */
export async function consumeQuota(tx: Tx, tenantId: string, quota: Quota, amount = 1): Promise<void> {
  void tx;
  void tenantId;
  void quota;
  void amount;
}
