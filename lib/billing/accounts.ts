import { sql } from 'drizzle-orm';
import { billingAccounts } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { TRIAL } from './plans';

const DAY_MS = 86_400_000;

/**
 * The billing account every workspace gets when it is created: a Pro trial of TRIAL.days without
 * a card. System work, in the transaction that creates the workspace.
 */
export async function openBillingAccount(tx: Tx, tenantId: string, now = new Date()): Promise<void> {
  await tx
    .insert(billingAccounts)
    .values({ tenantId, trialPlanId: TRIAL.planId, trialEndsAt: new Date(now.getTime() + TRIAL.days * DAY_MS) })
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
