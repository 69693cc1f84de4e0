import { and, count, eq, isNull } from 'drizzle-orm';
import { invitations, memberships } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { loadEntitlements } from '@/lib/billing/entitlements';

/** How many members the workspace's plan allows (add-ons included); null = unlimited. */
export async function seatLimitFor(tx: Tx, tenantId: string): Promise<number | null> {
  return (await loadEntitlements(tx, tenantId)).limits.members;
}

/** The seats the plan's `members` limit counts: members plus open invitations. */
export async function seatsInUse(tx: Tx, tenantId: string): Promise<number> {
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tenantId));
  const [{ pending } = { pending: 0 }] = await tx
    .select({ pending: count() })
    .from(invitations)
    .where(and(eq(invitations.tenantId, tenantId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  return Number(n) + Number(pending);
}
