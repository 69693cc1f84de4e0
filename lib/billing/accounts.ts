import { sql } from 'drizzle-orm';
import { billingAccounts } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { TRIAL, type BillingInterval, type TrialPlanId } from './plans';

const DAY_MS = 86_400_000;

/**
 * The billing account every workspace gets when it is created: a trial of TRIAL.days without a
 * card — of Pro, or of the plan a person picked on the pricing page (`/sign-up?plan=team`).
 * System work, in the transaction that creates the workspace.
 */
export async function openBillingAccount(tx: Tx, tenantId: string, options: { trialPlanId?: TrialPlanId; preferredInterval?: BillingInterval; now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  await tx
    .insert(billingAccounts)
    .values({
      tenantId,
      trialPlanId: options.trialPlanId ?? TRIAL.planId,
      trialEndsAt: new Date(now.getTime() + TRIAL.days * DAY_MS),
      preferredInterval: options.preferredInterval ?? null,
    })
    .onConflictDoNothing();
}

/**
 * Moves the workspace's entitlements version on: call it in every transaction that changes what
 * the workspace may do (a subscription synced, an override set), so a cached copy computed at the
 * old version is ignored from the commit on.
 */
export async function bumpEntitlementsVersion(tx: Tx, tenantId: string): Promise<void> {
  await tx
    .insert(billingAccounts)
    .values({ tenantId })
    .onConflictDoUpdate({ target: billingAccounts.tenantId, set: { version: sql`${billingAccounts.version} + 1`, updatedAt: new Date() } });
}
