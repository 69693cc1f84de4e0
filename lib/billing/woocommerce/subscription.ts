import { z } from 'zod';
import type { WooCommercePlanProduct } from '@/lib/env/schema';
import { PLANS } from '../plans';
import type { SubscriptionState } from '../subscription-store';

/**
 * The part of WooCommerce Subscriptions' REST subscription object (the body of `subscription.*`
 * deliveries) that decides what a workspace may do. Everything else in the body is kept as it came
 * in billing_events, not read.
 */

// WooCommerce writes `*_gmt` dates as "2021-04-22T10:47:58": UTC without a zone, and "" for none.
const gmtDate = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    if (!value) return null;
    const date = new Date(/(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: `not a date: ${value}` });
      return z.NEVER;
    }
    return date;
  });

const lineItem = z.object({
  product_id: z.number().int(),
  variation_id: z.number().int().nullish(),
});

export const wooSubscriptionSchema = z.object({
  id: z.number().int().positive(),
  status: z.string().min(1),
  customer_id: z.number().int().nullish(),
  billing: z.object({ email: z.string().trim().nullish() }).nullish(),
  line_items: z.array(lineItem).default([]),
  date_modified_gmt: gmtDate.pipe(z.date({ error: 'date_modified_gmt is required' })),
  start_date_gmt: gmtDate,
  last_payment_date_gmt: gmtDate,
  next_payment_date_gmt: gmtDate,
  end_date_gmt: gmtDate,
  trial_end_date_gmt: gmtDate,
  cancelled_date_gmt: gmtDate,
});

export type WooSubscription = z.infer<typeof wooSubscriptionSchema>;

/** What WooCommerce sends for `subscription.deleted`: only the id (WC_Webhook::build_payload). */
export const wooDeletedSchema = z.object({ id: z.number().int().positive() });

type MappedStatus = Pick<SubscriptionState, 'status' | 'cancelAtPeriodEnd'>;

/**
 * WooCommerce Subscriptions' statuses (without the `wc-` prefix) in our terms. `switched` is the
 * old subscription a customer switched away from: it has ended, and the new subscription arrives
 * on its own delivery.
 */
export const WOO_STATUSES: Readonly<Record<string, MappedStatus>> = {
  active: { status: 'active', cancelAtPeriodEnd: false },
  'on-hold': { status: 'past_due', cancelAtPeriodEnd: false },
  'pending-cancel': { status: 'active', cancelAtPeriodEnd: true },
  cancelled: { status: 'canceled', cancelAtPeriodEnd: false },
  expired: { status: 'canceled', cancelAtPeriodEnd: false },
  switched: { status: 'canceled', cancelAtPeriodEnd: false },
  pending: { status: 'incomplete', cancelAtPeriodEnd: false },
};

export function mapWooStatus(status: string): MappedStatus | null {
  return WOO_STATUSES[status.replace(/^wc-/, '')] ?? null;
}

/**
 * The plan a subscription's line items buy, by variation id first (a variable product's size) and
 * then product id. Several mapped items: the best plan wins, as it does across subscriptions.
 */
export function planForLineItems(items: WooSubscription['line_items'], products: readonly WooCommercePlanProduct[]): WooCommercePlanProduct | null {
  let best: WooCommercePlanProduct | null = null;
  for (const item of items) {
    const match =
      (item.variation_id ? products.find((p) => p.productId === item.variation_id) : undefined) ?? products.find((p) => p.productId === item.product_id);
    if (match && (!best || PLANS[match.planId].rank > PLANS[best.planId].rank)) best = match;
  }
  return best;
}

export type WooStateResult =
  | { ok: true; state: Omit<SubscriptionState, 'tenantId'> }
  | { ok: false; reason: 'unknown_product' | 'unknown_status'; message: string };

/** The subscription state a WooCommerce subscription object states (the workspace is found apart). */
export function toSubscriptionState(subscription: WooSubscription, products: readonly WooCommercePlanProduct[]): WooStateResult {
  const mapped = mapWooStatus(subscription.status);
  if (!mapped) return { ok: false, reason: 'unknown_status', message: `unknown subscription status "${subscription.status}"` };
  const product = planForLineItems(subscription.line_items, products);
  if (!product) {
    const ids = subscription.line_items.map((item) => (item.variation_id ? `${item.product_id}/${item.variation_id}` : String(item.product_id)));
    return { ok: false, reason: 'unknown_product', message: `no plan for products ${ids.join(', ') || '(none)'}` };
  }
  const ended = mapped.status === 'canceled';
  return {
    ok: true,
    state: {
      source: 'woocommerce',
      externalId: String(subscription.id),
      customerId: subscription.customer_id ? String(subscription.customer_id) : null,
      planId: product.planId,
      interval: product.interval,
      ...mapped,
      currentPeriodStart: subscription.last_payment_date_gmt ?? subscription.start_date_gmt,
      // A renewing subscription's period ends at its next payment; a cancelling or ended one at its end date.
      currentPeriodEnd: subscription.next_payment_date_gmt ?? subscription.end_date_gmt,
      trialEnd: subscription.trial_end_date_gmt,
      canceledAt: subscription.cancelled_date_gmt ?? (ended ? (subscription.end_date_gmt ?? subscription.date_modified_gmt) : null),
      addons: {},
      sourceUpdatedAt: subscription.date_modified_gmt,
    },
  };
}
