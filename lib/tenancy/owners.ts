import { and, eq } from 'drizzle-orm';
import { memberships, users } from '@/db/schema';
import type { Tx } from '@/db/tenant';

/** The workspace's owners with their email addresses: whom billing, webhook and deletion notices go to. */
export function workspaceOwners(tx: Tx, tenantId: string): Promise<Array<{ email: string; name: string | null }>> {
  return tx
    .select({ email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'owner')));
}
