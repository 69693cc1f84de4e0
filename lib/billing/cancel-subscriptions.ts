import { and, eq, notInArray } from 'drizzle-orm';
import Stripe from 'stripe';
import { subscriptions } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { env } from '@/lib/env';
import { stripeClient } from './stripe/client';

export type LiveSubscription = { source: 'stripe' | 'woocommerce' | 'test'; externalId: string };

/** What a purge did about one subscription: stopped at its source, already gone, or left (with why). */
export type CancelOutcome = LiveSubscription & { outcome: 'cancelled' | 'already_gone' | 'left'; reason?: string };

const ENDED = ['canceled', 'incomplete_expired'] as const;

/** The workspace's subscriptions that still bill (system work: read before the rows are deleted). */
export async function liveSubscriptions(tx: Tx, tenantId: string): Promise<LiveSubscription[]> {
  return tx
    .select({ source: subscriptions.source, externalId: subscriptions.externalId })
    .from(subscriptions)
    .where(and(eq(subscriptions.tenantId, tenantId), notInArray(subscriptions.status, [...ENDED])));
}

async function cancelAtStripe(id: string): Promise<CancelOutcome['outcome']> {
  try {
    await stripeClient().subscriptions.cancel(id, { prorate: false }, { idempotencyKey: `purge-cancel-${id}` });
    return 'cancelled';
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing') return 'already_gone';
    throw error;
  }
}

// WooCommerce Subscriptions' REST API: PUT /wp-json/wc/v3/subscriptions/<id> with status cancelled.
async function cancelAtWooCommerce(id: string): Promise<CancelOutcome['outcome']> {
  const { WOOCOMMERCE_STORE_URL, WOOCOMMERCE_CONSUMER_KEY, WOOCOMMERCE_CONSUMER_SECRET } = env();
  const url = new URL(`wp-json/wc/v3/subscriptions/${encodeURIComponent(id)}`, WOOCOMMERCE_STORE_URL!.endsWith('/') ? WOOCOMMERCE_STORE_URL : `${WOOCOMMERCE_STORE_URL}/`);
  const response = await fetch(url, {
    method: 'PUT',
    headers: {
      authorization: `Basic ${Buffer.from(`${WOOCOMMERCE_CONSUMER_KEY}:${WOOCOMMERCE_CONSUMER_SECRET}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ status: 'cancelled' }),
    signal: AbortSignal.timeout(20_000),
  });
  if (response.status === 404) return 'already_gone';
  if (!response.ok) throw new Error(`WooCommerce answered ${response.status} cancelling subscription ${id}: ${(await response.text()).slice(0, 200)}`);
  return 'cancelled';
}

/**
 * Stops every live subscription at its source, so a deleted workspace is never billed again. A
 * failure throws (the purge retries, nothing deleted yet); a source that can't be reached from
 * here (no Stripe key, no WooCommerce API credentials) is reported as `left` for the operator.
 */
export async function cancelSubscriptionsAtSource(live: readonly LiveSubscription[]): Promise<CancelOutcome[]> {
  const { STRIPE_SECRET_KEY, WOOCOMMERCE_STORE_URL, WOOCOMMERCE_CONSUMER_KEY, WOOCOMMERCE_CONSUMER_SECRET } = env();
  const outcomes: CancelOutcome[] = [];
  for (const subscription of live) {
    if (subscription.source === 'test') outcomes.push({ ...subscription, outcome: 'cancelled' });
    else if (subscription.source === 'stripe') {
      if (!STRIPE_SECRET_KEY) outcomes.push({ ...subscription, outcome: 'left', reason: 'STRIPE_SECRET_KEY is not set' });
      else outcomes.push({ ...subscription, outcome: await cancelAtStripe(subscription.externalId) });
    } else if (!WOOCOMMERCE_STORE_URL || !WOOCOMMERCE_CONSUMER_KEY || !WOOCOMMERCE_CONSUMER_SECRET) {
      outcomes.push({ ...subscription, outcome: 'left', reason: 'the WooCommerce REST API is not configured (WOOCOMMERCE_STORE_URL, _CONSUMER_KEY, _CONSUMER_SECRET)' });
    } else outcomes.push({ ...subscription, outcome: await cancelAtWooCommerce(subscription.externalId) });
  }
  return outcomes;
}
