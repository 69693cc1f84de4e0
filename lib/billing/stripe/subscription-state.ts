import type Stripe from 'stripe';
import { z } from 'zod';
import type { SubscriptionAddons } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import type { BillingInterval, PlanId } from '../plans';
import type { SubscriptionState } from '../subscription-store';
import type { PriceTarget } from './config';

const STATUSES = ['trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused'] as const;

const seconds = (value: number | null | undefined): Date | null => (typeof value === 'number' ? new Date(value * 1000) : null);

export const idOf = (value: string | { id: string } | null | undefined): string | null => (value == null ? null : typeof value === 'string' ? value : value.id);

const workspaceIdSchema = z.uuid();

/** `metadata.workspace_id` when it is a well-formed id (anyone with dashboard access can type metadata). */
export function metadataWorkspaceId(metadata: Record<string, string> | null | undefined): string | null {
  const parsed = workspaceIdSchema.safeParse(metadata?.workspace_id);
  return parsed.success ? parsed.data : null;
}

/**
 * A Stripe subscription as the state applySubscriptionState writes, through the configured price
 * ids: the plan item gives plan and interval, add-on items their quantities. Since API 2025-03-31
 * the billing period lives on the items (the older top-level fields are read when present).
 * A subscription with no configured plan price is a configuration error: it throws, so the
 * delivery fails visibly and Stripe retries once the price id is set.
 */
export function subscriptionStateFrom(
  subscription: Stripe.Subscription,
  prices: Map<string, PriceTarget>,
  context: { tenantId: string; sourceUpdatedAt: Date },
): SubscriptionState {
  let plan: { planId: PlanId; interval: BillingInterval } | null = null;
  const addons: SubscriptionAddons = {};
  const items = subscription.items?.data ?? [];
  for (const item of items) {
    const target = prices.get(item.price.id);
    if (!target) continue;
    if (target.kind === 'plan') plan = { planId: target.planId, interval: target.interval };
    else addons[target.addonId] = (addons[target.addonId] ?? 0) + (item.quantity ?? 1);
  }
  if (!plan) {
    throw new AppError('bad_request', `Subscription ${subscription.id} has no price configured as a plan (STRIPE_PRICE_*).`, {
      prices: items.map((item) => item.price.id),
    });
  }
  const legacy = subscription as unknown as { current_period_start?: number; current_period_end?: number };
  const first = items[0] as (Stripe.SubscriptionItem & { current_period_start?: number; current_period_end?: number }) | undefined;
  const status = (STATUSES as readonly string[]).includes(subscription.status) ? (subscription.status as (typeof STATUSES)[number]) : 'incomplete';
  return {
    tenantId: context.tenantId,
    source: 'stripe',
    externalId: subscription.id,
    customerId: idOf(subscription.customer),
    planId: plan.planId,
    interval: plan.interval,
    status,
    // The portal's "cancel" sets cancel_at_period_end (older) or cancel_at (newer): either keeps the plan until then.
    cancelAtPeriodEnd: status !== 'canceled' && (subscription.cancel_at_period_end || subscription.cancel_at != null),
    currentPeriodStart: seconds(first?.current_period_start ?? legacy.current_period_start),
    currentPeriodEnd: seconds(first?.current_period_end ?? legacy.current_period_end),
    trialEnd: seconds(subscription.trial_end),
    canceledAt: seconds(subscription.ended_at ?? subscription.canceled_at),
    addons,
    sourceUpdatedAt: context.sourceUpdatedAt,
  };
}
