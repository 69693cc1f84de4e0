import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { billingEvents } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
import { startEmailDelivery } from '@/lib/email';
import { appUrl, queueTemplate } from '@/lib/email/templates';
import { env } from '@/lib/env';
import type { AppErrorCode } from '@/lib/errors/app-error';
import { getLogger } from '@/lib/observability/logger';
import { isPlanId, PAST_DUE_GRACE_DAYS, PLANS } from '../plans';
import { applySubscriptionState, recordBillingEvent, type SubscriptionState } from '../subscription-store';
import { hasValidSignature, isWooCommercePing } from './signature';
import { toSubscriptionState, wooDeletedSchema, wooSubscriptionSchema, type WooSubscription } from './subscription';
import { findWooWorkspace, storedWooSubscription } from './workspace';

export const WOO_TOPICS = ['subscription.created', 'subscription.updated', 'subscription.deleted', 'subscription.switched'] as const;
export type WooTopic = (typeof WOO_TOPICS)[number];

export const NO_WORKSPACE_ERROR = 'no workspace for billing email';
export const UNVERIFIED_ERROR = 'billing email not verified';

export type WooDelivery = { headers: Headers; rawBody: Uint8Array; now?: Date };

export type WooOutcome =
  | { kind: 'error'; status: number; code: AppErrorCode; message: string }
  | { kind: 'ok'; body: { received: true; ping?: true; ignored?: true; duplicate?: true; applied?: boolean; reason?: string } };

const log = () => getLogger({ module: 'billing', source: 'woocommerce' });

const refuse = (status: number, code: AppErrorCode, message: string): WooOutcome => ({ kind: 'error', status, code, message });
const ok = (body: Omit<Extract<WooOutcome, { kind: 'ok' }>['body'], 'received'>): WooOutcome => ({ kind: 'ok', body: { received: true, ...body } });

/**
 * One WooCommerce webhook delivery: signature, topic, then the subscription synced into the
 * unified subscriptions table. Whatever can be decided is answered 200, applied or not: WooCommerce
 * never retries a delivery, and disables a webhook after a few non-2xx answers, so a delivery that
 * can't be applied yet is kept in billing_events (processed_at null, with why) instead of refused.
 */
export async function handleWooCommerceDelivery({ headers, rawBody, now = new Date() }: WooDelivery): Promise<WooOutcome> {
  if (isWooCommercePing(headers, rawBody)) return ok({ ping: true });
  const { WOOCOMMERCE_WEBHOOK_SECRET: secret, WOOCOMMERCE_PLAN_PRODUCTS: products } = env();
  if (!secret) return refuse(401, 'unauthorized', 'WooCommerce webhooks are not configured.');
  if (!hasValidSignature(rawBody, headers.get('x-wc-webhook-signature'), secret)) return refuse(401, 'unauthorized', 'Invalid webhook signature.');

  const topic = headers.get('x-wc-webhook-topic') ?? '';
  if (!(WOO_TOPICS as readonly string[]).includes(topic)) {
    log().info({ topic }, 'woocommerce delivery for a topic we do not handle; ignored');
    return ok({ ignored: true });
  }
  const deliveryId = headers.get('x-wc-webhook-delivery-id')?.trim();
  if (!deliveryId || deliveryId.length > 200) return refuse(400, 'bad_request', 'X-WC-Webhook-Delivery-ID is required.');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(rawBody).toString('utf8'));
  } catch {
    return refuse(400, 'bad_request', 'The body is not JSON.');
  }

  const event = { source: 'woocommerce' as const, eventId: eventIdFor(deliveryId, rawBody), type: topic, payload };
  const result = await withSystem('webhooks: woocommerce', (tx) => syncDelivery(tx, topic as WooTopic, event, products, now));
  if (result.emailQueued) startEmailDelivery();
  return ok(result.body);
}

/**
 * WooCommerce's delivery id is a hash of the webhook id and the current second
 * (WC_Webhook::get_new_delivery_id), so two deliveries of one webhook in the same second share it.
 * A hash of the body goes with it: a replayed delivery is still the same event, two different ones
 * are not mistaken for a duplicate.
 */
export function eventIdFor(deliveryId: string, rawBody: Uint8Array): string {
  return `${deliveryId}:${createHash('sha256').update(rawBody).digest('hex').slice(0, 32)}`;
}

type RecordedEvent = { source: 'woocommerce'; eventId: string; type: string; payload: unknown };
type SyncResult = { body: Omit<Extract<WooOutcome, { kind: 'ok' }>['body'], 'received'>; emailQueued: boolean };

async function syncDelivery(
  tx: Tx,
  topic: WooTopic,
  event: RecordedEvent,
  products: Parameters<typeof toSubscriptionState>[1],
  now: Date,
): Promise<SyncResult> {
  // Held: recorded with why, nothing applied; a duplicate of a recorded delivery changes nothing.
  const hold = async (error: string, workspaceId: string | null = null): Promise<SyncResult> => {
    const recorded = await recordBillingEvent(tx, { ...event, workspaceId }, { processed: false, error });
    return recorded ? { body: { applied: false, reason: error }, emailQueued: false } : { body: { duplicate: true }, emailQueued: false };
  };

  const parsed = parseSubscription(topic, event.payload);
  if (!parsed.ok) return hold(parsed.error);

  if (parsed.kind === 'deleted') {
    // Only the id came: the stored row is what there is to end.
    const stored = await storedWooSubscription(tx, String(parsed.id));
    if (!(await recordBillingEvent(tx, { ...event, workspaceId: stored?.tenantId ?? null }))) return { body: { duplicate: true }, emailQueued: false };
    if (!stored) return { body: { applied: false, reason: 'unknown subscription' }, emailQueued: false };
    const state: SubscriptionState = {
      tenantId: stored.tenantId,
      source: 'woocommerce',
      externalId: stored.externalId,
      customerId: stored.customerId,
      planId: isPlanId(stored.planId) ? stored.planId : 'free',
      interval: stored.interval,
      status: stored.status,
      cancelAtPeriodEnd: stored.cancelAtPeriodEnd,
      currentPeriodStart: stored.currentPeriodStart,
      currentPeriodEnd: stored.currentPeriodEnd,
      trialEnd: stored.trialEnd,
      canceledAt: stored.canceledAt,
      addons: stored.addons,
      sourceUpdatedAt: stored.sourceUpdatedAt,
    };
    const applied = await applySubscriptionState(tx, endedState(state, now), { graceDays: PAST_DUE_GRACE_DAYS, now });
    return { body: { applied }, emailQueued: false };
  }

  const subscription = parsed.subscription;
  const mapped = toSubscriptionState(subscription, products);
  if (!mapped.ok) {
    if (mapped.reason === 'unknown_product') log().warn({ subscription: subscription.id, topic }, `woocommerce ${mapped.message}; recorded, nothing applied`);
    const stored = await storedWooSubscription(tx, String(subscription.id));
    return hold(mapped.message, stored?.tenantId ?? null);
  }

  const workspace = await findWooWorkspace(tx, String(subscription.id), subscription.billing?.email);
  if (!workspace.found) {
    if (workspace.reason !== 'no_user') return hold(HELD_REASONS[workspace.reason]);
    const email = subscription.billing!.email!;
    const invitedRecently = await invitedToday(tx, email);
    const held = await hold(NO_WORKSPACE_ERROR);
    // The store's address is not ours to trust: one that isn't a deliverable address gets no email.
    if (held.body.duplicate || invitedRecently || !z.email().max(320).safeParse(email).success) return held;
    await queueTemplate(tx, 'store-sign-up', email, { name: null, planName: PLANS[mapped.state.planId].name, email, url: appUrl('/sign-up', { email }) });
    log().info({ subscription: subscription.id }, 'woocommerce subscription for an email with no account; held, sign-up invitation queued');
    return { ...held, emailQueued: true };
  }

  if (!(await recordBillingEvent(tx, { ...event, workspaceId: workspace.tenantId }))) return { body: { duplicate: true }, emailQueued: false };
  const state: SubscriptionState = { ...mapped.state, tenantId: workspace.tenantId };
  const applied = await applySubscriptionState(tx, topic === 'subscription.deleted' ? endedState(state, now) : state, { graceDays: PAST_DUE_GRACE_DAYS, now });
  return { body: { applied }, emailQueued: false };
}

const HELD_REASONS = {
  no_email: 'no billing email',
  unverified: UNVERIFIED_ERROR,
  no_workspace: 'billing email owns no workspace',
} as const;

type Parsed =
  | { ok: true; kind: 'subscription'; subscription: WooSubscription }
  | { ok: true; kind: 'deleted'; id: number }
  | { ok: false; error: string };

function parseSubscription(topic: WooTopic, payload: unknown): Parsed {
  const full = wooSubscriptionSchema.safeParse(payload);
  if (full.success) return { ok: true, kind: 'subscription', subscription: full.data };
  if (topic === 'subscription.deleted') {
    const stub = wooDeletedSchema.safeParse(payload);
    if (stub.success) return { ok: true, kind: 'deleted', id: stub.data.id };
  }
  const issue = full.error.issues[0];
  return { ok: false, error: `unreadable subscription: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'}` };
}

/**
 * A deleted subscription has ended whatever status its last copy states. Dated at receipt: the
 * body's own date is its last edit, and an update sent before the deletion must not revive it.
 */
export function endedState(state: SubscriptionState, now: Date): SubscriptionState {
  return { ...state, status: 'canceled', cancelAtPeriodEnd: false, canceledAt: state.canceledAt ?? now, sourceUpdatedAt: now > state.sourceUpdatedAt ? now : state.sourceUpdatedAt };
}

/**
 * Whether this address was already invited to sign up in the last day: a new subscription arrives
 * as several deliveries (created, then updated on payment), and one email is enough. Checked
 * before this delivery is recorded.
 */
async function invitedToday(tx: Tx, email: string): Promise<boolean> {
  const [earlier] = await tx
    .select({ id: billingEvents.id })
    .from(billingEvents)
    .where(
      and(
        eq(billingEvents.source, 'woocommerce'),
        isNull(billingEvents.processedAt),
        eq(billingEvents.error, NO_WORKSPACE_ERROR),
        gt(billingEvents.receivedAt, sql`now() - interval '1 day'`),
        sql`lower(${billingEvents.payload}->'billing'->>'email') = ${email.toLowerCase()}`,
      ),
    )
    .limit(1);
  return earlier !== undefined;
}
