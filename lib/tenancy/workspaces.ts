import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx, WorkspaceRole } from '@/db/tenant';
import { memberships, users, workspaces } from '@/db/schema';

export type WorkspaceSummary = { id: string; slug: string; name: string; role: WorkspaceRole };

/** A user's workspaces across tenants: system work, called with a withSystem transaction. */
export async function listWorkspacesOfUser(tx: Tx, userId: string): Promise<WorkspaceSummary[]> {
  return tx
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
}

export async function findMembershipBySlug(tx: Tx, userId: string, slug: string) {
  const [row] = await tx
    .select({ workspace: workspaces, role: memberships.role })
    .from(workspaces)
    .innerJoin(memberships, and(eq(memberships.tenantId, workspaces.id), eq(memberships.userId, userId)))
    .where(eq(workspaces.slug, slug))
    .limit(1);
  return row ?? null;
}

export async function createWorkspace(
  tx: Tx,
  input: { slug: string; name: string; timezone?: string; currency?: (typeof workspaces.$inferInsert)['currency']; ownerId: string },
) {
  const [workspace] = await tx
    .insert(workspaces)
    .values({ slug: input.slug, name: input.name, timezone: input.timezone, currency: input.currency, createdBy: input.ownerId })
    .returning();
  await tx.insert(memberships).values({ tenantId: workspace!.id, userId: input.ownerId, role: 'owner' });
  return workspace!;
}

/** The switcher remembers the last workspace a user opened; a no-op when it hasn't changed. */
export async function rememberLastWorkspace(tx: Tx, userId: string, workspaceId: string): Promise<void> {
  await tx
    .update(users)
    .set({ lastWorkspaceId: workspaceId })
    .where(and(eq(users.id, userId), sql`${users.lastWorkspaceId} is distinct from ${workspaceId}`));
}

/** Where `/w` sends a user: the last workspace they opened if still a member, else the one they joined first. */
export async function defaultWorkspaceSlug(tx: Tx, userId: string): Promise<string | null> {
  const [user] = await tx.select({ last: users.lastWorkspaceId }).from(users).where(eq(users.id, userId)).limit(1);
  const all = await tx
    .select({ id: workspaces.id, slug: workspaces.slug })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
  return (all.find((w) => w.id === user?.last) ?? all[0])?.slug ?? null;
}
