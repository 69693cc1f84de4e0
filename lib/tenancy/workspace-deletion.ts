import { and, eq } from 'drizzle-orm';
import { memberships, users, workspaces } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { appUrl, queueTemplate } from '@/lib/email/templates';
import { AppError } from '@/lib/errors/app-error';
import { formatInZone } from '@/lib/time';
import type { RequestMeta } from './request-meta';
import { getWorkspaceOrThrow } from './workspaces';
import { workspaceOwners } from './owners';

/** How long a workspace waits, read-only, between the owner's request and the purge. */
export const DELETION_GRACE_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The message a change gets while a deletion is scheduled (workspaceAction and apiRoute refuse
 * writes with it): reading and exporting still work, and an owner can cancel.
 */
export function readOnlyMessage(scheduledFor: Date | string, timeZone = 'UTC'): string {
  return `This workspace is scheduled for deletion on ${formatInZone(new Date(scheduledFor), timeZone, 'date')} and is read-only until then. An owner can cancel the deletion in Settings → General.`;
}

export function assertNotScheduledForDeletion(workspace: { deletionScheduledFor: Date | string | null; timezone?: string }): void {
  if (workspace.deletionScheduledFor) {
    throw new AppError('workspace_read_only', readOnlyMessage(workspace.deletionScheduledFor, workspace.timezone), {
      deletionScheduledFor: new Date(workspace.deletionScheduledFor).toISOString(),
    });
  }
}

/** For entry points without the membership read (the public API's writes): asks in their transaction. */
export async function assertWorkspaceWritable(tx: Tx, tenantId: string): Promise<void> {
  const [row] = await tx.select({ deletionScheduledFor: workspaces.deletionScheduledFor, timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, tenantId));
  if (row) assertNotScheduledForDeletion(row);
}

// The role in ctx was read before this transaction; an owner demoted since then must not act.
async function assertStillOwner(tx: Tx, ctx: TenantContext): Promise<string> {
  if (!ctx.userId) throw new AppError('forbidden', 'Only a signed-in owner can do this.');
  const [self] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.tenantId, ctx.tenantId), eq(memberships.userId, ctx.userId)));
  if (self?.role !== 'owner') throw new AppError('forbidden', 'Only an owner can delete this workspace or cancel its deletion.');
  return ctx.userId;
}

async function mailOwners(tx: Tx, tenantId: string, stage: 'scheduled' | 'cancelled', when: Date, requestedBy: string | null): Promise<void> {
  const workspace = await getWorkspaceOrThrow(tx, tenantId);
  const owners = await workspaceOwners(tx, tenantId);
  for (const owner of owners) {
    await queueTemplate(
      tx,
      'workspace-deletion',
      owner.email,
      { name: owner.name, workspaceName: workspace.name, stage, when, requestedBy, settingsUrl: appUrl(`/w/${workspace.slug}/settings`), timeZone: workspace.timezone },
      { tenantId },
    );
  }
}

/**
 * Schedules the purge DELETION_GRACE_DAYS from now, after the owner typed the workspace's name.
 * From here the workspace is read-only; every owner is emailed; the purge workflow
 * (workspace-purge.ts) does the rest unless an owner cancels first.
 */
export async function scheduleWorkspaceDeletion(tx: Tx, ctx: TenantContext, confirmation: string, meta: RequestMeta, now = new Date()): Promise<{ scheduledFor: Date }> {
  const userId = await assertStillOwner(tx, ctx);
  const workspace = await getWorkspaceOrThrow(tx, ctx.tenantId, { lock: true });
  if (confirmation.trim() !== workspace.name) {
    throw new AppError('validation_failed', 'Type the workspace name exactly as shown to confirm.', { field: 'confirmation' });
  }
  if (workspace.deletionScheduledFor) return { scheduledFor: workspace.deletionScheduledFor };
  const scheduledFor = new Date(now.getTime() + DELETION_GRACE_DAYS * DAY_MS);
  await tx
    .update(workspaces)
    .set({ deletionScheduledFor: scheduledFor, deletionRequestedAt: now, deletionRequestedBy: userId, updatedAt: now })
    .where(eq(workspaces.id, workspace.id));
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'workspace.deletion_scheduled',
    actorUserId: userId,
    targetType: 'workspace',
    targetId: workspace.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { scheduledFor: scheduledFor.toISOString() },
  });
  const [requester] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  await mailOwners(tx, ctx.tenantId, 'scheduled', scheduledFor, requester ? (requester.name ?? requester.email) : null);
  return { scheduledFor };
}

/** Any owner may stop a scheduled deletion until the purge has run; the workspace is writable again. */
export async function cancelWorkspaceDeletion(tx: Tx, ctx: TenantContext, meta: RequestMeta, now = new Date()): Promise<{ cancelled: boolean }> {
  const userId = await assertStillOwner(tx, ctx);
  const workspace = await getWorkspaceOrThrow(tx, ctx.tenantId, { lock: true });
  if (!workspace.deletionScheduledFor) return { cancelled: false };
  if (workspace.deletionScheduledFor <= now) throw new AppError('conflict', 'The deletion is already under way and can no longer be cancelled.');
  await tx
    .update(workspaces)
    .set({ deletionScheduledFor: null, deletionRequestedAt: null, deletionRequestedBy: null, updatedAt: now })
    .where(eq(workspaces.id, workspace.id));
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'workspace.deletion_cancelled',
    actorUserId: userId,
    targetType: 'workspace',
    targetId: workspace.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { wasScheduledFor: workspace.deletionScheduledFor.toISOString() },
  });
  await mailOwners(tx, ctx.tenantId, 'cancelled', now, null);
  return { cancelled: true };
}
