import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { memberships, subscriptions, users, workspaces } from '@/db/schema';
import type { Tx } from '@/db/tenant';

export type WooWorkspace =
  | { found: true; tenantId: string; via: 'subscription' | 'billing_email' }
  | { found: false; reason: 'no_email' | 'no_user' | 'unverified' | 'no_workspace' };

/** The stored WooCommerce subscription with this id, if any (system work). */
export async function storedWooSubscription(tx: Tx, externalId: string) {
  const [row] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.source, 'woocommerce'), eq(subscriptions.externalId, externalId)))
    .limit(1);
  return row ?? null;
}

/**
 * Which workspace a WooCommerce subscription pays for: the one it was stored under before, else
 * the oldest workspace owned by the user whose email is the billing email (case-insensitive).
 * Only a verified email counts: anyone can sign up with an address they don't hold, and a store
 * purchase must not land in a stranger's workspace.
 */
export async function findWooWorkspace(tx: Tx, externalId: string, billingEmail: string | null | undefined): Promise<WooWorkspace> {
  const stored = await storedWooSubscription(tx, externalId);
  if (stored) return { found: true, tenantId: stored.tenantId, via: 'subscription' };
  const email = billingEmail?.trim().toLowerCase();
  if (!email) return { found: false, reason: 'no_email' };
  const [user] = await tx
    .select({ id: users.id, verified: isNotNull(users.emailVerified) })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  if (!user) return { found: false, reason: 'no_user' };
  if (!user.verified) return { found: false, reason: 'unverified' };
  const [owned] = await tx
    .select({ id: workspaces.id })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.tenantId))
    .where(and(eq(memberships.userId, user.id), eq(memberships.role, 'owner')))
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id))
    .limit(1);
  return owned ? { found: true, tenantId: owned.id, via: 'billing_email' } : { found: false, reason: 'no_workspace' };
}
