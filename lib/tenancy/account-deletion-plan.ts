import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, users, workspaces } from '@/db/schema';
import type { Tx, WorkspaceRole } from '@/db/tenant';
import { ROLE_ORDER } from './members';

/** A workspace the person is the only owner of: it must be handed over or deleted with the account. */
export type LastOwnedWorkspace = {
  id: string;
  name: string;
  slug: string;
  deletionScheduledFor: Date | null;
  /** Everyone else in it, who could take it over (admins first, then by when they joined). */
  others: Array<{ userId: string; name: string | null; email: string; role: WorkspaceRole }>;
};

export type AccountDeletionPlan = {
  email: string;
  name: string | null;
  timezone: string;
  hasPassword: boolean;
  twoFactor: boolean;
  deletionScheduledFor: Date | null;
  /** Workspaces with another owner: the person simply leaves them. */
  shared: Array<{ id: string; name: string; slug: string; role: WorkspaceRole }>;
  lastOwned: LastOwnedWorkspace[];
};

/** One decision per last-owned workspace that has other members: `<workspaceId>:delete` or `<workspaceId>:transfer:<userId>`. */
export const decisionSchema = z
  .string()
  .regex(/^[0-9a-f-]{36}:(delete|transfer:[0-9a-f-]{36})$/, 'Choose what happens to each workspace.')
  .transform((value) => {
    const [workspaceId, kind, userId] = value.split(':') as [string, 'delete' | 'transfer', string | undefined];
    return kind === 'delete' ? { workspaceId, action: 'delete' as const } : { workspaceId, action: 'transfer' as const, userId: userId! };
  });

export type Decision = z.output<typeof decisionSchema>;

/** What deleting this account would do, read in the caller's (system) transaction. */
export async function readAccountDeletionPlan(tx: Tx, userId: string): Promise<AccountDeletionPlan | null> {
  const [user] = await tx
    .select({
      email: users.email,
      name: users.name,
      timezone: users.timezone,
      passwordHash: users.passwordHash,
      totpEnabledAt: users.totpEnabledAt,
      deletionScheduledFor: users.deletionScheduledFor,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const mine = await tx
    .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug, role: memberships.role, deletionScheduledFor: workspaces.deletionScheduledFor })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
  const ids = mine.map((w) => w.id);
  const others = ids.length
    ? await tx
        .select({ tenantId: memberships.tenantId, userId: memberships.userId, role: memberships.role, name: users.name, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(inArray(memberships.tenantId, ids), ne(memberships.userId, userId)))
        .orderBy(ROLE_ORDER, asc(memberships.createdAt))
    : [];

  const shared: AccountDeletionPlan['shared'] = [];
  const lastOwned: LastOwnedWorkspace[] = [];
  for (const workspace of mine) {
    const rest = others.filter((o) => o.tenantId === workspace.id);
    const anotherOwner = rest.some((o) => o.role === 'owner');
    if (workspace.role !== 'owner' || anotherOwner) {
      shared.push({ id: workspace.id, name: workspace.name, slug: workspace.slug, role: workspace.role });
      continue;
    }
    lastOwned.push({
      id: workspace.id,
      name: workspace.name,
      slug: workspace.slug,
      deletionScheduledFor: workspace.deletionScheduledFor,
      others: rest.map(({ userId, name, email, role }) => ({ userId, name, email, role })),
    });
  }
  return {
    email: user.email,
    name: user.name,
    timezone: user.timezone,
    hasPassword: Boolean(user.passwordHash),
    twoFactor: Boolean(user.totpEnabledAt),
    deletionScheduledFor: user.deletionScheduledFor,
    shared,
    lastOwned,
  };
}

export type ResolvedDecision = { workspace: LastOwnedWorkspace; action: 'delete' } | { workspace: LastOwnedWorkspace; action: 'transfer'; to: LastOwnedWorkspace['others'][number] };

/**
 * Every last-owned workspace gets exactly one decision: a workspace with nobody else in it is
 * deleted without asking; one with other members needs the person's choice, and a transfer must
 * name someone who is in it now. Null plus a message when a choice is missing or stale.
 */
export function resolveDecisions(plan: AccountDeletionPlan, decisions: Decision[]): { ok: true; resolved: ResolvedDecision[] } | { ok: false; message: string } {
  const resolved: ResolvedDecision[] = [];
  for (const workspace of plan.lastOwned) {
    if (workspace.deletionScheduledFor) {
      resolved.push({ workspace, action: 'delete' });
      continue;
    }
    if (!workspace.others.length) {
      resolved.push({ workspace, action: 'delete' });
      continue;
    }
    const choice = decisions.find((d) => d.workspaceId === workspace.id);
    if (!choice) return { ok: false, message: `Choose what happens to ${workspace.name}: hand it to another member or delete it.` };
    if (choice.action === 'delete') {
      resolved.push({ workspace, action: 'delete' });
      continue;
    }
    const to = workspace.others.find((o) => o.userId === choice.userId);
    if (!to) return { ok: false, message: `That person is no longer a member of ${workspace.name}. Choose again.` };
    resolved.push({ workspace, action: 'transfer', to });
  }
  return { ok: true, resolved };
}

/** The line the emails and the audit entry use for each decision. */
export function describeDecision(decision: ResolvedDecision): string {
  return decision.action === 'delete' ? `${decision.workspace.name}: deleted` : `${decision.workspace.name}: handed to ${decision.to.name ?? decision.to.email}`;
}
