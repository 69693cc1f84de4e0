import type { Tx } from '@/db/tenant';

/**
 * The billing hooks every wrapper calls (DESIGN.md §3: entitlement and quota are checked by the
 * wrapper, not by hand in a handler). They run inside the action's own transaction, so a quota
 * consumed by an action that then fails is rolled back with it.
 *
 * Today there are no plans yet: every workspace has every feature and no quota is metered. The
 * billing issue fills these in from `entitlements(workspace)` (lib/billing/plans.ts), and refuses
 * with `AppError('payment_required', …)`, which the wrappers turn into a form message or a 402.
 */

/** What a plan can switch on or off. Products add theirs here as they land. */
export const FEATURES = ['members.invite', 'jobs.run', 'audit.read', 'api.keys', 'bots.live', 'journal.import', 'money.import', 'pricing.optimise'] as const;
export type Feature = (typeof FEATURES)[number];

/** What a plan meters per month. */
export const QUOTAS = ['seats', 'jobs.runs', 'api.requests', 'bots.runs', 'imports.rows', 'emails.sent'] as const;
export type Quota = (typeof QUOTAS)[number];

/** Throws AppError('payment_required') when the workspace's plan lacks the feature. Today: every plan has every feature. */
export async function assertFeature(tx: Tx, tenantId: string, feature: Feature): Promise<void> {
  void tx;
  void tenantId;
  void feature;
}

/**
 * Counts `amount` against the workspace's quota for this period, or throws
 * AppError('payment_required') when it would exceed it. Today: no quotas are metered.
 */
export async function consumeQuota(tx: Tx, tenantId: string, quota: Quota, amount = 1): Promise<void> {
  void tx;
  void tenantId;
  void quota;
  void amount;
}
