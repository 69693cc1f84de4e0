import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx, WorkspaceRole } from '@/db/tenant';
import { memberships, users, workspaces } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { openBillingAccount } from '@/lib/billing/accounts';
import type { BillingInterval, TrialPlanId } from '@/lib/billing/plans';

export type WorkspaceRow = typeof workspaces.$inferSelect;

export type WorkspaceSummary = {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  role: WorkspaceRole;
  /** ISO-8601 UTC when a deletion is scheduled (the workspace is read-only), else null. A string: it rides in a forwarded header. */
  deletionScheduledFor: string | null;
};

const SUMMARY_COLUMNS = {
  id: workspaces.id,
  slug: workspaces.slug,
  name: workspaces.name,
  timezone: workspaces.timezone,
  currency: workspaces.currency,
  role: memberships.role,
  deletionScheduledFor: sql<string | null>`to_char(${workspaces.deletionScheduledFor} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

/** A user's workspaces across tenants, by name: system work (a withSystem transaction). */
export async function listWorkspacesOfUser(tx: Tx, userId: string): Promise<WorkspaceSummary[]> {
  return tx
    .select(SUMMARY_COLUMNS)
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
}

/** A workspace of the user's with what required two-factor needs to know: the setting and the user's own state. */
export type MembershipRow = WorkspaceSummary & { requireTwoFactor: boolean; userTwoFactor: boolean };

/**
 * listWorkspacesOfUser plus each workspace's require_two_factor setting and whether the user has
 * two-factor on, in the same one query (the user's row joined in): the request gate asks it on
 * every workspace page. System work.
 */
export async function listMembershipsOfUser(tx: Tx, userId: string): Promise<MembershipRow[]> {
  return tx
    .select({
      ...SUMMARY_COLUMNS,
      requireTwoFactor: workspaces.requireTwoFactor,
      userTwoFactor: sql<boolean>`${users.totpEnabledAt} is not null`,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.tenantId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
}

/** The user's membership in the workspace at `slug`, or null; system work. */
export async function findMembershipBySlug(tx: Tx, userId: string, slug: string) {
  const [row] = await tx
    .select({ workspace: workspaces, role: memberships.role })
    .from(workspaces)
    .innerJoin(memberships, and(eq(memberships.tenantId, workspaces.id), eq(memberships.userId, userId)))
    .where(eq(workspaces.slug, slug))
    .limit(1);
  return row ?? null;
}

/**
 * The workspace row, or AppError('not_found'). In a tenant transaction RLS shows only the
 * tenant's own row; `lock` holds it `for update` until commit.
 */
export async function getWorkspaceOrThrow(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<WorkspaceRow> {
  const query = tx.select().from(workspaces).where(eq(workspaces.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'This workspace no longer exists.');
  return row;
}

/**
 * Inserts a workspace, its owner's membership and its billing account (a Pro trial); system work
 * (app_user may not insert workspaces).
 */
export async function createWorkspace(
  tx: Tx,
  input: { slug: string; name: string; timezone?: string; currency?: (typeof workspaces.$inferInsert)['currency']; ownerId: string; trialPlanId?: TrialPlanId; preferredInterval?: BillingInterval },
) {
  const [workspace] = await tx
    .insert(workspaces)
    .values({ slug: input.slug, name: input.name, timezone: input.timezone, currency: input.currency, createdBy: input.ownerId })
    .returning();
  await tx.insert(memberships).values({ tenantId: workspace!.id, userId: input.ownerId, role: 'owner' });
  await openBillingAccount(tx, workspace!.id, { trialPlanId: input.trialPlanId, preferredInterval: input.preferredInterval });
  return workspace!;
}

/**
 * Where `/w` sends a user: the workspace they opened last (its slug comes from the
 * `tessera_last_workspace` cookie, see last-workspace.ts) if they are still a member, else the
 * one they joined first; null without any. System work.
 */
export async function defaultWorkspaceSlug(tx: Tx, userId: string, lastSlug?: string | null): Promise<string | null> {
  const all = await tx
    .select({ slug: workspaces.slug })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(workspaces.name));
  return (all.find((w) => lastSlug && w.slug === lastSlug) ?? all[0])?.slug ?? null;
}
