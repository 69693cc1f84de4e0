import { and, eq, sql } from 'drizzle-orm';
import { memberships, workspaces } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import type { RequestMeta } from './request-meta';
import { getWorkspaceOrThrow } from './workspaces';

/**
 * Deletes the workspace and, through the foreign keys' cascade, every tenant row it owns.
 *
 * Interim: the privacy deletion workflow (export window, grace period, job-run fan-out) doesn't
 * exist yet, so this deletes at once. It needs a system transaction — app_user has no DELETE on
 * workspaces — which the action opens (`workspaceAction({ system: 'tenancy: delete workspace' })`)
 * instead of a tenant one. It sets app.audit_purge for this transaction only — the one exception
 * the append-only audit trigger allows — so the cascade can remove the workspace's audit chain.
 * The deletion itself is recorded on the actor's account chain, which outlives the workspace.
 */
export async function deleteWorkspace(tx: Tx, ctx: TenantContext, confirmation: string, meta: RequestMeta): Promise<void> {
  if (!ctx.userId) throw new AppError('forbidden', 'Only a signed-in owner can delete a workspace.');
  const userId = ctx.userId;
  await tx.execute(sql`select set_config('app.audit_purge', 'on', true)`);
  const workspace = await getWorkspaceOrThrow(tx, ctx.tenantId, { lock: true });
  // The role in ctx was read before this transaction; an owner demoted since then must not delete.
  const [self] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.tenantId, ctx.tenantId), eq(memberships.userId, userId)));
  if (self?.role !== 'owner') throw new AppError('forbidden', 'Only an owner can delete this workspace.');
  if (confirmation.trim() !== workspace.name) {
    throw new AppError('validation_failed', 'Type the workspace name exactly as shown to confirm.', { field: 'confirmation' });
  }
  await recordAccountAudit(tx, userId, {
    action: 'workspace.deleted',
    actorUserId: userId,
    targetType: 'workspace',
    targetId: workspace.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { name: workspace.name, slug: workspace.slug },
  });
  await tx.delete(workspaces).where(eq(workspaces.id, workspace.id));
}
