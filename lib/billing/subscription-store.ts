import { and, eq, sql } from 'drizzle-orm';
import { billingEvents, subscriptions, type SubscriptionAddons } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { bumpEntitlementsVersion } from './accounts';
import type { BillingInterval, PlanId } from './plans';

type SubscriptionSource = (typeof subscriptions.$inferInsert)['source'];
type SubscriptionStatus = (typeof subscriptions.$inferInsert)['status'];

/** A subscription as its provider states it now: what every source's sync hands to `applySubscriptionState`. */
export type SubscriptionState = {
  tenantId: string;
  source: SubscriptionSource;
  externalId: string;
  customerId: string | null;
  planId: PlanId;
  interval: BillingInterval;
  status: SubscriptionStatus;
  cancelAtPeriodEnd: boolean;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  trialEnd: Date | null;
  canceledAt: Date | null;
  addons: SubscriptionAddons;
  /** The provider's time for this state; an older one never overwrites a newer one. */
  sourceUpdatedAt: Date;
};

/**
 * Writes a provider's subscription state — the one way any source (Stripe, WooCommerce, the test
 * checkout) changes what a workspace may do. Converges under duplicates and reordering: a state
 * older than the stored one is ignored. Moves the entitlements version in the same transaction.
 * past_due starts a grace period (`graceDays` from the first time it is seen), kept while it stays
 * past_due and cleared when it isn't. System work. Returns whether the row changed.
 */
export async function applySubscriptionState(tx: Tx, state: SubscriptionState, options: { graceDays: number; now?: Date }): Promise<boolean> {
  const now = options.now ?? new Date();
  const [existing] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.source, state.source), eq(subscriptions.externalId, state.externalId)))
    .for('update');
  if (existing && existing.sourceUpdatedAt > state.sourceUpdatedAt) return false;
  const graceUntil =
    state.status === 'past_due' ? (existing?.status === 'past_due' && existing.graceUntil ? existing.graceUntil : new Date(now.getTime() + options.graceDays * 86_400_000)) : null;
  const values = { ...state, graceUntil, updatedAt: now };
  if (existing) await tx.update(subscriptions).set(values).where(eq(subscriptions.id, existing.id));
  else await tx.insert(subscriptions).values(values);
  if (existing && existing.tenantId !== state.tenantId) await bumpEntitlementsVersion(tx, existing.tenantId);
  await bumpEntitlementsVersion(tx, state.tenantId);
  if (!existing || noticeablyChanged(existing, state)) {
    await emitWebhookEvent(tx, state.tenantId, 'billing.subscription.updated', {
      plan: state.planId,
      status: state.status,
      interval: state.interval,
      current_period_end: state.currentPeriodEnd?.toISOString() ?? null,
      cancel_at_period_end: state.cancelAtPeriodEnd,
    });
  }
  return true;
}

/** What a receiver of billing.subscription.updated sees; a provider's bookkeeping-only update sends nothing. */
function noticeablyChanged(before: typeof subscriptions.$inferSelect, after: SubscriptionState): boolean {
  return (
    before.tenantId !== after.tenantId ||
    before.planId !== after.planId ||
    before.status !== after.status ||
    before.interval !== after.interval ||
    before.cancelAtPeriodEnd !== after.cancelAtPeriodEnd ||
    (before.currentPeriodEnd?.getTime() ?? null) !== (after.currentPeriodEnd?.getTime() ?? null)
  );
}

/**
 * Records a webhook delivery by the provider's id, once: false when it was already recorded (a
 * duplicate to acknowledge and ignore). In the transaction that applies it, so a delivery that
 * fails to apply is not recorded and the provider's retry is processed. A delivery kept without
 * being applied (nothing to apply it to yet) is recorded with `processed: false` and why in `error`.
 */
export async function recordBillingEvent(
  tx: Tx,
  event: { source: SubscriptionSource; eventId: string; type: string; payload: unknown; workspaceId?: string | null },
  outcome: { processed?: boolean; error?: string } = {},
): Promise<boolean> {
  const inserted = await tx
    .insert(billingEvents)
    .values({
      source: event.source,
      eventId: event.eventId,
      type: event.type,
      payload: event.payload,
      workspaceId: event.workspaceId ?? null,
      processedAt: outcome.processed === false ? null : sql`now()`,
      error: outcome.error ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: billingEvents.id });
  return inserted.length > 0;
}
