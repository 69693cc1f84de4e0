import { and, eq } from 'drizzle-orm';
import { billingAccounts, subscriptions } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { PAST_DUE_GRACE_DAYS, PLANS, type BillingInterval, type PlanId } from './plans';
import { applySubscriptionState, type SubscriptionState } from './subscription-store';

/**
 * The built-in test checkout (no STRIPE_SECRET_KEY, DESIGN.md §5): "paying" writes a `source:
 * 'test'` subscription through the same applySubscriptionState Stripe's webhook uses, so
 * entitlements, caching and the billing page behave exactly as they will with Stripe. No money
 * moves, so it is refused in production (where Stripe keys are required anyway). System work: the
 * caller holds a withSystem transaction.
 */

const testExternalId = (tenantId: string) => `test_${tenantId}`;

function addInterval(from: Date, interval: BillingInterval): Date {
  const next = new Date(from);
  if (interval === 'year') next.setUTCFullYear(next.getUTCFullYear() + 1);
  else next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

function assertTestBackend(): void {
  if (env().isProduction) throw new AppError('forbidden', 'The test checkout is not available in production.');
  if (env().STRIPE_SECRET_KEY) throw new AppError('conflict', 'Billing runs on Stripe here: use its checkout.');
}

async function currentTestSubscription(tx: Tx, tenantId: string) {
  const [row] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.source, 'test'), eq(subscriptions.externalId, testExternalId(tenantId))))
    .limit(1);
  return row ?? null;
}

function stateOf(row: typeof subscriptions.$inferSelect, changes: Partial<SubscriptionState>, now: Date): SubscriptionState {
  return {
    tenantId: row.tenantId,
    source: 'test',
    externalId: row.externalId,
    customerId: row.customerId,
    planId: row.planId as PlanId,
    interval: row.interval,
    status: row.status,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    currentPeriodStart: row.currentPeriodStart,
    currentPeriodEnd: row.currentPeriodEnd,
    trialEnd: row.trialEnd,
    canceledAt: row.canceledAt,
    addons: row.addons,
    sourceUpdatedAt: now,
    ...changes,
  };
}

/**
 * Subscribes the workspace to a self-serve plan, or changes the plan of its test subscription.
 * A running trial is respected as Stripe would: the subscription is `trialing` until the trial
 * ends, and its first period is the rest of the trial; otherwise it is active for a month or a
 * year from now. A plan change keeps the current period, as a prorated change in Stripe does.
 */
export async function testCheckout(tx: Tx, input: { tenantId: string; planId: PlanId; interval: BillingInterval }, options: { now?: Date } = {}): Promise<SubscriptionState> {
  assertTestBackend();
  const now = options.now ?? new Date();
  const plan = PLANS[input.planId];
  if (!plan.selfServe) throw new AppError('bad_request', `${plan.name} is not sold through checkout.`, { field: 'planId' });
  const existing = await currentTestSubscription(tx, input.tenantId);
  let state: SubscriptionState;
  if (existing && existing.status !== 'canceled' && existing.currentPeriodEnd && existing.currentPeriodEnd > now) {
    state = stateOf(existing, { planId: input.planId, interval: input.interval, cancelAtPeriodEnd: false }, now);
  } else {
    const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, input.tenantId)).limit(1);
    const trialEnd = account?.trialEndsAt && account.trialEndsAt > now ? account.trialEndsAt : null;
    state = {
      tenantId: input.tenantId,
      source: 'test',
      externalId: testExternalId(input.tenantId),
      customerId: null,
      planId: input.planId,
      interval: input.interval,
      status: trialEnd ? 'trialing' : 'active',
      cancelAtPeriodEnd: false,
      currentPeriodStart: now,
      currentPeriodEnd: trialEnd ?? addInterval(now, input.interval),
      trialEnd,
      canceledAt: null,
      addons: {},
      sourceUpdatedAt: now,
    };
  }
  await applySubscriptionState(tx, state, { graceDays: PAST_DUE_GRACE_DAYS, now });
  return state;
}

/** Cancel at period end (true) or resume (false): the plan stays until the period ends either way. */
export async function setTestCancelAtPeriodEnd(tx: Tx, tenantId: string, cancel: boolean, options: { now?: Date } = {}): Promise<SubscriptionState> {
  assertTestBackend();
  const now = options.now ?? new Date();
  const existing = await currentTestSubscription(tx, tenantId);
  if (!existing || existing.status === 'canceled') throw new AppError('conflict', 'There is no subscription to change: choose a plan first.');
  if (!cancel && existing.currentPeriodEnd && existing.currentPeriodEnd <= now) {
    throw new AppError('conflict', 'The subscription has already ended: choose a plan again.');
  }
  const state = stateOf(existing, { cancelAtPeriodEnd: cancel }, now);
  await applySubscriptionState(tx, state, { graceDays: PAST_DUE_GRACE_DAYS, now });
  return state;
}
