import type Stripe from 'stripe';
import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import { billingAccounts, billingEvents, subscriptions } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
import { formatMoney, isCurrencyCode } from '@/lib/currency';
import { startEmailDelivery } from '@/lib/email';
import { env } from '@/lib/env';
import { errorBody } from '@/lib/errors/app-error';
import { safeError } from '@/lib/jobs/errors';
import { failJobRun, findJobRun, recordAttempt, startJobRun, succeedJobRun } from '@/lib/jobs/job-runs';
import { loggableError } from '@/lib/observability/error-chain';
import { getLogger } from '@/lib/observability/logger';
import { queueBillingNotice, workspaceFacts } from '../billing-notices';
import { PAST_DUE_GRACE_DAYS, PLANS } from '../plans';
import { applySubscriptionState, recordBillingEvent } from '../subscription-store';
import { stripeClient } from './client';
import { billingBackend, configuredPrices } from './config';
import { idOf, metadataWorkspaceId, subscriptionStateFrom } from './subscription-state';

/** The events this endpoint acts on; the endpoint in Stripe should send exactly these. */
export const HANDLED_STRIPE_EVENTS = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.trial_will_end',
  'invoice.paid',
  'invoice.payment_failed',
] as const;

/** job_runs.workflow of a delivery that failed to process: staff see it among failed runs. */
export const STRIPE_WEBHOOK_JOB = 'stripe-webhook';

export type StripeWebhookOutcome = 'applied' | 'duplicate' | 'ignored' | 'unmatched';
export type StripeWebhookResult = { status: number; body: unknown; outcome?: StripeWebhookOutcome };

const log = () => getLogger({ component: 'stripe-webhook' });

/**
 * POST /api/webhooks/stripe. Verifies the signature over the raw bytes (bad or missing: 400,
 * nothing read or written), then re-syncs the workspace's subscription FROM THE SUBSCRIPTION
 * OBJECT — the event's own for subscription events, retrieved for checkout and invoice events —
 * so duplicates and reordering converge (applySubscriptionState ignores an older state). The
 * delivery is recorded by event id in the same transaction as its effect and its emails: a
 * replay is acknowledged and ignored. A processing error answers 500 so Stripe retries, and is
 * recorded as a failed job run. `now` is injectable for grace-period tests.
 */
export async function handleStripeWebhook(
  input: { rawBody: Uint8Array | string; signature: string | null },
  options: { now?: Date } = {},
): Promise<StripeWebhookResult> {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (billingBackend() !== 'stripe' || !secret) {
    return { status: 404, body: errorBody('not_found', 'Stripe webhooks are not configured here.') };
  }
  let event: Stripe.Event;
  try {
    event = stripeClient().webhooks.constructEvent(input.rawBody, input.signature ?? '', secret);
  } catch {
    return { status: 400, body: errorBody('bad_request', 'The Stripe signature is missing or does not match.') };
  }
  if (!(HANDLED_STRIPE_EVENTS as readonly string[]).includes(event.type)) {
    return { status: 200, body: { received: true, ignored: true }, outcome: 'ignored' };
  }
  if (await alreadyRecorded(event.id)) return { status: 200, body: { received: true, duplicate: true }, outcome: 'duplicate' };

  const now = options.now ?? new Date();
  let tenantId: string | null = null;
  try {
    const source = await subscriptionOf(event, now);
    if (source) tenantId = await workspaceOf(source.subscription, source.hint);
    const outcome = await withSystem('webhooks: stripe', (tx) => apply(tx, event, source, tenantId, now));
    if (outcome === 'applied') startEmailDelivery();
    if (outcome === 'unmatched') log().warn({ eventId: event.id, type: event.type }, 'stripe event for no known workspace: recorded and ignored');
    return { status: 200, body: { received: true, ...(outcome === 'duplicate' ? { duplicate: true } : {}) }, outcome };
  } catch (error) {
    log().error({ eventId: event.id, type: event.type, tenantId, error: loggableError(error) }, 'stripe event failed to process');
    await recordFailure(event, tenantId, error).catch((recordError: unknown) =>
      log().error({ eventId: event.id, error: loggableError(recordError) }, 'could not record the failed stripe event'),
    );
    return { status: 500, body: errorBody('internal', 'The event could not be processed; Stripe will retry it.') };
  }
}

async function alreadyRecorded(eventId: string): Promise<boolean> {
  const rows = await withSystem('webhooks: stripe', (tx) =>
    tx
      .select({ id: billingEvents.id })
      .from(billingEvents)
      .where(and(eq(billingEvents.source, 'stripe'), eq(billingEvents.eventId, eventId)))
      .limit(1),
  );
  return rows.length > 0;
}

type SubscriptionSource = {
  subscription: Stripe.Subscription;
  /** The provider's time of this state: the event's for its own object, now for a fresh retrieve. */
  asOf: Date;
  /** A workspace named by the session (checkout), when the subscription carries none. */
  hint: string | null;
};

/** The subscription an event is about, or null when it concerns none (a one-off payment). Network: outside any transaction. */
async function subscriptionOf(event: Stripe.Event, now: Date): Promise<SubscriptionSource | null> {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      const id = session.mode === 'subscription' ? idOf(session.subscription) : null;
      if (!id) return null;
      const subscription = await stripeClient().subscriptions.retrieve(id);
      return { subscription, asOf: now, hint: metadataWorkspaceId(session.metadata) ?? metadataWorkspaceId({ workspace_id: session.client_reference_id ?? '' }) };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const legacy = invoice as unknown as { subscription?: string | { id: string } | null };
      const id = idOf(invoice.parent?.subscription_details?.subscription) ?? idOf(legacy.subscription);
      if (!id) return null;
      return { subscription: await stripeClient().subscriptions.retrieve(id), asOf: now, hint: null };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
    case 'customer.subscription.trial_will_end':
      return { subscription: event.data.object, asOf: new Date(event.created * 1000), hint: null };
    default:
      return null;
  }
}

/** metadata.workspace_id on the subscription, else the session's, else the workspace that owns the customer. */
async function workspaceOf(subscription: Stripe.Subscription, hint: string | null): Promise<string | null> {
  const named = metadataWorkspaceId(subscription.metadata) ?? hint;
  if (named) return named;
  const customerId = idOf(subscription.customer);
  if (!customerId) return null;
  const [row] = await withSystem('webhooks: stripe customer', (tx) =>
    tx.select({ tenantId: billingAccounts.tenantId }).from(billingAccounts).where(eq(billingAccounts.stripeCustomerId, customerId)).limit(1),
  );
  return row?.tenantId ?? null;
}

async function apply(tx: Tx, event: Stripe.Event, source: SubscriptionSource | null, tenantId: string | null, now: Date): Promise<StripeWebhookOutcome> {
  const facts = tenantId ? await workspaceFacts(tx, tenantId) : null;
  const fresh = await recordBillingEvent(tx, { source: 'stripe', eventId: event.id, type: event.type, payload: event, workspaceId: facts ? tenantId : null });
  if (!fresh) return 'duplicate';
  await settleEarlierFailure(tx, event.id);
  if (!source) return 'ignored';
  if (!facts || !tenantId) {
    await tx
      .update(billingEvents)
      .set({ error: 'No workspace matches this subscription (metadata.workspace_id or a known customer).' })
      .where(and(eq(billingEvents.source, 'stripe'), eq(billingEvents.eventId, event.id)));
    return 'unmatched';
  }

  const state = subscriptionStateFrom(source.subscription, configuredPrices().byPriceId, { tenantId, sourceUpdatedAt: source.asOf });
  if (state.customerId) await rememberCustomer(tx, tenantId, state.customerId);
  await applySubscriptionState(tx, state, { graceDays: PAST_DUE_GRACE_DAYS, now });

  const planName = PLANS[state.planId].name;
  const base = { workspaceName: facts.name, url: facts.billingUrl };
  switch (event.type) {
    case 'invoice.payment_failed': {
      // Dunning day 0, once per invoice: Stripe's own retries fail the same invoice again.
      if ((event.data.object.attempt_count ?? 1) > 1) break;
      const [row] = await tx
        .select({ graceUntil: subscriptions.graceUntil })
        .from(subscriptions)
        .where(and(eq(subscriptions.source, 'stripe'), eq(subscriptions.externalId, state.externalId)));
      await queueBillingNotice(tx, tenantId, 'billing-payment-failed', (owner) => ({ ...base, name: owner.name, planName, graceUntil: row?.graceUntil ?? null, day: 0 }));
      break;
    }
    case 'invoice.paid': {
      const invoice = event.data.object;
      const currency = invoice.currency.toUpperCase();
      if (invoice.amount_paid <= 0 || !isCurrencyCode(currency)) break;
      const amount = formatMoney(BigInt(invoice.amount_paid), currency);
      const paidAt = new Date((invoice.status_transitions?.paid_at ?? event.created) * 1000);
      await queueBillingNotice(tx, tenantId, 'billing-receipt', (owner) => ({
        ...base,
        name: owner.name,
        amount,
        number: invoice.number,
        paidAt,
        url: invoice.hosted_invoice_url ?? invoice.invoice_pdf ?? facts.billingUrl,
      }));
      break;
    }
    case 'customer.subscription.deleted':
      await queueBillingNotice(tx, tenantId, 'billing-subscription-canceled', (owner) => ({ ...base, name: owner.name, planName }));
      break;
    case 'customer.subscription.trial_will_end':
      if (state.trialEnd && state.trialEnd > now) {
        const endsAt = state.trialEnd;
        await queueBillingNotice(tx, tenantId, 'billing-trial-ending', (owner) => ({ ...base, name: owner.name, planName, endsAt }));
      }
      break;
    default:
      break;
  }
  return 'applied';
}

/**
 * The workspace's Stripe customer, for the next checkout and for events without metadata: set
 * once, and never taken from another workspace that already holds it.
 */
async function rememberCustomer(tx: Tx, tenantId: string, customerId: string): Promise<void> {
  const other = tx.select({ one: sql`1` }).from(billingAccounts).where(eq(billingAccounts.stripeCustomerId, customerId));
  await tx
    .update(billingAccounts)
    .set({ stripeCustomerId: customerId, updatedAt: new Date() })
    .where(and(eq(billingAccounts.tenantId, tenantId), isNull(billingAccounts.stripeCustomerId), notExists(other)));
}

/** A delivery that failed before and now went through: its failed run shows as recovered. */
async function settleEarlierFailure(tx: Tx, eventId: string): Promise<void> {
  const run = await findJobRun(tx, STRIPE_WEBHOOK_JOB, eventId);
  if (run && run.status !== 'succeeded') await succeedJobRun(tx, run.id, { recovered: true });
}

async function recordFailure(event: Stripe.Event, tenantId: string | null, error: unknown): Promise<void> {
  await withSystem('webhooks: stripe failure', async (tx) => {
    // Metadata can name a workspace that doesn't exist: the run is then the platform's.
    const known = tenantId ? await workspaceFacts(tx, tenantId) : null;
    const started = await startJobRun(tx, {
      workflow: STRIPE_WEBHOOK_JOB,
      idempotencyKey: event.id,
      tenantId: known ? tenantId : null,
      input: { eventId: event.id, type: event.type },
      attempt: 1,
    });
    if (!started.run) return;
    if (!started.created) await recordAttempt(tx, started.run.id, started.run.attempts + 1);
    await failJobRun(tx, started.run.id, safeError(error));
  });
}
