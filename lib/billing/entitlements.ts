import { eq } from 'drizzle-orm';
import { billingAccounts, subscriptions } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { ADDONS, PLANS, type AddonId, type BillingInterval, type Feature, type Limit, type Metric, type PlanId, isPlanId } from './plans';

type SubscriptionRow = typeof subscriptions.$inferSelect;
type AccountRow = typeof billingAccounts.$inferSelect;

/** Where the effective plan comes from. */
export type EntitlementSource = 'subscription' | 'trial' | 'override' | 'free';

export type Entitlements = {
  tenantId: string;
  planId: PlanId;
  planName: string;
  source: EntitlementSource;
  /** The subscription that grants the plan (source `subscription`), for the billing page. */
  subscription: {
    id: string;
    source: SubscriptionRow['source'];
    status: SubscriptionRow['status'];
    interval: BillingInterval;
    cancelAtPeriodEnd: boolean;
    currentPeriodEnd: string | null;
    graceUntil: string | null;
  } | null;
  trialEndsAt: string | null;
  /** Monthly or yearly as picked before sign-up (null: no preference), for the billing page's default. */
  preferredInterval: BillingInterval | null;
  features: Feature[];
  limits: Record<Limit, number | null>;
  quotas: Partial<Record<Metric, number | null>>;
  apiRatePerMinute: number;
  auditRetentionDays: number | null;
  pricingCadenceMinutes: number;
  /** billing_accounts.version these were computed at (0 without an account row). */
  version: number;
};

/** Statuses that keep a subscription's plan in force (past_due only within its grace). */
function counts(row: SubscriptionRow, now: Date): boolean {
  if (!isPlanId(row.planId)) return false;
  switch (row.status) {
    case 'active':
    case 'trialing':
      // cancel_at_period_end keeps the plan until the period ends; the provider then says canceled.
      return !row.currentPeriodEnd || !row.cancelAtPeriodEnd || row.currentPeriodEnd > now;
    case 'past_due':
      return row.graceUntil !== null && row.graceUntil > now;
    default:
      return false;
  }
}

function withAddons(planId: PlanId, addons: SubscriptionRow['addons'] | undefined): Record<Limit, number | null> {
  const limits = { ...PLANS[planId].limits };
  for (const [id, quantity] of Object.entries(addons ?? {}) as [AddonId, number | undefined][]) {
    const addon = ADDONS[id];
    if (!addon || !quantity || quantity <= 0 || !addon.plans.includes(planId)) continue;
    const base = limits[addon.limit];
    if (base !== null) limits[addon.limit] = base + addon.perUnit * quantity;
  }
  return limits;
}

/**
 * The effective plan of a workspace, from everything that can grant one: an admin override in
 * force wins; else the best subscription in force from any source; else a running trial; else
 * Free. Pure: the clock is an argument, so grace and trial ends are tested without waiting.
 */
export function resolveEntitlements(input: { tenantId: string; subscriptions: SubscriptionRow[]; account: AccountRow | null; now: Date }): Entitlements {
  const { tenantId, account, now } = input;
  const override = account?.overridePlanId && isPlanId(account.overridePlanId) && (!account.overrideUntil || account.overrideUntil > now) ? account.overridePlanId : null;
  const best = input.subscriptions
    .filter((row) => counts(row, now))
    .sort((a, b) => PLANS[b.planId as PlanId].rank - PLANS[a.planId as PlanId].rank || b.sourceUpdatedAt.getTime() - a.sourceUpdatedAt.getTime())[0];
  const trial = account?.trialEndsAt && account.trialEndsAt > now && isPlanId(account.trialPlanId) ? account.trialPlanId : null;

  let planId: PlanId = 'free';
  let source: EntitlementSource = 'free';
  if (override) [planId, source] = [override, 'override'];
  else if (best) [planId, source] = [best.planId as PlanId, 'subscription'];
  else if (trial) [planId, source] = [trial, 'trial'];

  const plan = PLANS[planId];
  return {
    tenantId,
    planId,
    planName: plan.name,
    source,
    subscription: best
      ? {
          id: best.id,
          source: best.source,
          status: best.status,
          interval: best.interval,
          cancelAtPeriodEnd: best.cancelAtPeriodEnd,
          currentPeriodEnd: best.currentPeriodEnd?.toISOString() ?? null,
          graceUntil: best.graceUntil?.toISOString() ?? null,
        }
      : null,
    trialEndsAt: account?.trialEndsAt && account.trialEndsAt > now ? account.trialEndsAt.toISOString() : null,
    preferredInterval: account?.preferredInterval ?? null,
    features: [...plan.features],
    limits: withAddons(planId, source === 'subscription' ? best?.addons : undefined),
    quotas: { ...plan.quotas },
    apiRatePerMinute: plan.apiRatePerMinute,
    auditRetentionDays: plan.auditRetentionDays,
    pricingCadenceMinutes: plan.pricingCadenceMinutes,
    version: account?.version ?? 0,
  };
}

/** Reads what resolveEntitlements needs, in the caller's transaction (tenant or system). */
export async function loadEntitlements(tx: Tx, tenantId: string, now = new Date()): Promise<Entitlements> {
  const rows = await tx.select().from(subscriptions).where(eq(subscriptions.tenantId, tenantId));
  const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId)).limit(1);
  return resolveEntitlements({ tenantId, subscriptions: rows, account: account ?? null, now });
}

export function hasFeature(entitlements: Entitlements, feature: Feature): boolean {
  return entitlements.features.includes(feature);
}
