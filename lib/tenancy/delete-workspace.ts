import { and, eq, sql } from 'drizzle-orm';
import { memberships, workspaces } from '@/db/schema';
import { withSystem, type TenantContext } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { assertCan } from './permissions';
import type { RequestMeta } from './request-meta';

/**
 * Deletes the workspace and, through the foreign keys' cascade, every tenant row it owns.
 *
 * Interim: the privacy deletion workflow (export window, grace period, job-run fan-out) doesn't
 * exist yet, so this deletes at once. It runs as system work because app_user has no DELETE on
 * workspaces, and it sets app.audit_purge for this transaction only — the one exception the
 * append-only audit trigger allows — so the cascade can remove the workspace's audit chain. The
 * deletion itself is recorded on the actor's account chain, which outlives the workspace.
 */
export async function deleteWorkspace(ctx: TenantContext, confirmation: string, meta: RequestMeta): Promise<void> {
  assertCan(ctx, 'workspace.delete');
  if (!ctx.userId) throw new AppError('forbidden', 'Only a signed-in owner can delete a workspace.');
  const userId = ctx.userId;
  await withSystem('tenancy: delete workspace', async (tx) => {
    await tx.execute(sql`select set_config('app.audit_purge', 'on', true)`);
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, ctx.tenantId)).for('update');
    if (!workspace) throw new AppError('not_found', 'This workspace no longer exists.');
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
  });
}
