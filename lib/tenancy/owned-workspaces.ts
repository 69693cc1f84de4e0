import { and, asc, eq } from 'drizzle-orm';
import { memberships, workspaces } from '@/db/schema';
import { tenantContext, withSystem, type TenantContext } from '@/db/tenant';

export type OwnedWorkspace = { id: string; name: string; slug: string; ctx: TenantContext };

/**
 * The workspaces a person owns, each with a context to read it as that owner: what their account
 * export nests (lib/privacy/account-export-writer.ts) and their privacy page lists.
 */
export async function ownedWorkspaces(userId: string): Promise<OwnedWorkspace[]> {
  const rows = await withSystem('account: owned workspaces', (tx) =>
    tx
      .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.tenantId))
      .where(and(eq(memberships.userId, userId), eq(memberships.role, 'owner')))
      .orderBy(asc(workspaces.slug)),
  );
  return rows.map((row) => ({ ...row, ctx: tenantContext({ tenantId: row.id, userId, role: 'owner', via: 'workflow' }) }));
}
