import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { withSystem } from '@/db/tenant';
import { rowsOf } from '@/db/rows';
import { memberships, users, workspaces } from '@/db/schema';
import { openBillingAccount } from '@/lib/billing/accounts';
import type { WorkspaceRole } from '@/db/tenant';

export async function systemQuery<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return withSystem('test: test query', async (tx) => rowsOf<T>(await tx.execute(query)));
}

/** A user and a workspace they belong to, created the way a system job would. */
export async function createTenant(role: WorkspaceRole = 'owner') {
  const tag = randomUUID().slice(0, 8);
  return withSystem('test: test fixture', async (tx) => {
    const [user] = await tx.insert(users).values({ email: `user-${tag}@example.test`, name: `User ${tag}` }).returning();
    const [workspace] = await tx.insert(workspaces).values({ slug: `ws-${tag}`, name: `Workspace ${tag}`, createdBy: user!.id }).returning();
    await tx.insert(memberships).values({ tenantId: workspace!.id, userId: user!.id, role });
    // As createWorkspace does: a Pro trial, so a fixture workspace is not held to Free's one member.
    await openBillingAccount(tx, workspace!.id);
    // Not yet a member: rows that reference "some user" (a new membership) need one.
    const [outsider] = await tx.insert(users).values({ email: `outsider-${tag}@example.test` }).returning();
    return { user: user!, workspace: workspace!, outsider: outsider! };
  });
}
