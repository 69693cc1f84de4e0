import { randomUUID } from 'node:crypto';
import type { Tx } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { hasFeature, loadEntitlements, type Entitlements } from './entitlements';
import { meter, type ConsumeResult } from './meter';
import { PLAN_IDS, PLANS, type Feature, type Limit, type Metric } from './plans';

export type { Feature } from './plans';

/**
 * The billing hooks every wrapper calls (DESIGN.md §3: entitlement and quota are checked by the
 * wrapper, not by hand in a handler). They run inside the action's own transaction, so a quota
 * consumed by an action that then fails is rolled back with it. A refusal is
 * `AppError('payment_required', …)` (a quota: QuotaExceeded, `quota_exceeded`), which the wrappers
 * turn into a form message or a 402.
 */

/** What a wrapper's `quota` option names: a metered metric of the catalog. */
export type Quota = Metric;

/** The cheapest plan that has a feature, for "upgrade to …" messages. */
export function cheapestPlanWith(feature: Feature) {
  return PLAN_IDS.map((id) => PLANS[id]).find((p) => p.features.includes(feature)) ?? null;
}

/**
 * Throws AppError('payment_required') when these entitlements lack the feature. `what` names the
 * thing refused in the message ("The API"); without it the message says "This".
 */
export function requireFeatureIn(entitlements: Entitlements, feature: Feature, what?: string): void {
  if (hasFeature(entitlements, feature)) return;
  const upgrade = cheapestPlanWith(feature);
  throw new AppError(
    'payment_required',
    upgrade ? `${what ?? 'This'} is part of the ${upgrade.name} plan. Upgrade in Settings → Billing to use it.` : 'Your plan does not include this.',
    { feature, plan: entitlements.planId, ...(upgrade ? { upgradeTo: upgrade.id } : {}) },
  );
}

/** Throws AppError('payment_required') when the workspace's plan lacks the feature. */
export async function assertFeature(tx: Tx, tenantId: string, feature: Feature): Promise<void> {
  requireFeatureIn(await loadEntitlements(tx, tenantId), feature);
}

/**
 * Counts `amount` against the workspace's quota for this month through the meter, or throws
 * QuotaExceeded (code quota_exceeded, HTTP 402). The wrappers call it inside the action's
 * transaction, which is the operation: without a natural id of its own (an import's file hash, a
 * job run id) each call gets a fresh one, since a retried form submit re-does the effect and must
 * pay again, while a rolled-back one pays nothing. Callers with a natural id pass it, and a repeat
 * of it is then counted once. A caller already holding this request's entitlements passes them
 * (the meter then reads the quota from them rather than loading them again).
 */
export async function consumeQuota(
  tx: Tx,
  tenantId: string,
  quota: Quota,
  amount = 1,
  operationId: string = `op:${randomUUID()}`,
  entitlements?: Entitlements,
): Promise<ConsumeResult> {
  return meter.consume(tx, quota, amount, operationId, { tenantId, entitlements });
}

/** The cheapest plan whose limit is above `count` (null when none is). */
export function planLiftingLimit(limit: Limit, count: number) {
  return PLAN_IDS.map((id) => PLANS[id]).find((p) => p.limits[limit] === null || p.limits[limit]! > count) ?? null;
}

const LIMIT_LABELS: Record<Limit, string> = {
  members: 'members (including open invitations)',
  'bots.paper': 'paper bots',
  'bots.live': 'live bots',
  'bots.pairs_per_bot': 'pairs per bot',
  'backtests.per_day': 'backtests a day',
  'journal.journals': 'journals',
  'money.bank_accounts': 'bank accounts',
  'money.rules': 'rules',
  'pricing.stores': 'stores',
  'pricing.tracked_products': 'tracked products',
};

export function limitLabel(limit: Limit): string {
  return LIMIT_LABELS[limit];
}

/**
 * Before creating one more of something the plan counts (a member, a live bot): throws
 * AppError('payment_required') naming the limit and the plan that lifts it when `currentCount`
 * already reaches the workspace's limit (add-ons included). The caller counts in the same
 * transaction that creates, so the check and the insert see the same rows.
 */
export async function checkLimit(tx: Tx, tenantId: string, limit: Limit, currentCount: number): Promise<void> {
  const entitlements = await loadEntitlements(tx, tenantId);
  const allowed = entitlements.limits[limit];
  if (allowed === null || currentCount < allowed) return;
  const upgrade = planLiftingLimit(limit, currentCount);
  const upgradeHint = upgrade && upgrade.rank > PLANS[entitlements.planId].rank;
  throw new AppError(
    'payment_required',
    `The ${entitlements.planName} plan allows ${allowed} ${LIMIT_LABELS[limit]}, and this workspace has ${currentCount}.` +
      (upgradeHint ? ` Upgrade to ${upgrade.name} in Settings → Billing for more.` : ' Remove one to add another.'),
    { limit, allowed, current: currentCount, plan: entitlements.planId, ...(upgradeHint ? { upgradeTo: upgrade.id } : {}) },
  );
}
