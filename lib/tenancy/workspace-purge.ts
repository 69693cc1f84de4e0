import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit';
import { cancelSubscriptionsAtSource, liveSubscriptions, type CancelOutcome } from '@/lib/billing/cancel-subscriptions';
import { startEmailDelivery } from '@/lib/email';
import { queueTemplate } from '@/lib/email/templates';
import { getLogger } from '@/lib/observability/logger';
import { storage, tenantPrefix } from '@/lib/storage';
import { workspaceOwners } from './owners';

export type PurgeResult =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'purged'; workspaceId: string; subscriptions: CancelOutcome[]; objectsDeleted: number };

/** Workspaces whose grace period is over, oldest first (system work across tenants). */
export async function dueWorkspaceDeletions(now = new Date(), limit = 20): Promise<string[]> {
  const rows = await withSystem('tenancy: find workspaces due for deletion', (tx) =>
    tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(and(isNotNull(workspaces.deletionScheduledFor), lte(workspaces.deletionScheduledFor, now)))
      .orderBy(asc(workspaces.deletionScheduledFor))
      .limit(limit),
  );
  return rows.map((row) => row.id);
}

/**
 * Erases one workspace whose deletion is due. In order, each step safe to repeat if a later one
 * fails (the workflow retries): stop its subscriptions at their source, delete its files under the
 * tenant prefix, then in one transaction delete the workspace — every tenant row goes with it by
 * the foreign keys' cascade, its audit chain too (app.audit_purge, the one exception the
 * append-only trigger allows) — record the deletion on the requester's account chain, and email
 * the owners. A deletion cancelled in time is never due, and past its date it can't be cancelled
 * (cancelWorkspaceDeletion refuses), so a purge and a cancel can't cross.
 */
export async function purgeWorkspace(workspaceId: string, now = new Date()): Promise<PurgeResult> {
  const before = await withSystem('tenancy: read a workspace due for deletion', async (tx) => {
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId));
    if (!workspace?.deletionScheduledFor || workspace.deletionScheduledFor > now) return null;
    return { workspace, live: await liveSubscriptions(tx, workspaceId) };
  });
  if (!before) return { outcome: 'skipped', reason: 'not scheduled or not yet due' };

  const cancelled = await cancelSubscriptionsAtSource(before.live);
  const objectsDeleted = await storage().deletePrefix(tenantPrefix(workspaceId));

  await withSystem('tenancy: purge a workspace', async (tx) => {
    await tx.execute(sql`select set_config('app.audit_purge', 'on', true)`);
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
    if (!workspace) return;
    const owners = await workspaceOwners(tx, workspaceId);
    if (workspace.deletionRequestedBy) {
      await recordAccountAudit(tx, workspace.deletionRequestedBy, {
        action: 'workspace.deleted',
        actorUserId: workspace.deletionRequestedBy,
        targetType: 'workspace',
        targetId: workspace.id,
        metadata: {
          name: workspace.name,
          slug: workspace.slug,
          requestedAt: workspace.deletionRequestedAt?.toISOString() ?? null,
          subscriptions: cancelled.map((c) => ({ source: c.source, id: c.externalId, outcome: c.outcome })),
          objectsDeleted,
        },
      });
    }
    // Queued without the tenant: the outbox row must outlive the workspace it is about.
    for (const owner of owners) {
      await queueTemplate(tx, 'workspace-deletion', owner.email, {
        name: owner.name,
        workspaceName: workspace.name,
        stage: 'purged',
        when: now,
        requestedBy: null,
        settingsUrl: null,
        timeZone: workspace.timezone,
      });
    }
    await tx.delete(workspaces).where(eq(workspaces.id, workspaceId));
  });
  startEmailDelivery();
  const left = cancelled.filter((c) => c.outcome === 'left');
  if (left.length) getLogger({ component: 'workspace-purge' }).warn({ workspaceId, left }, 'purged workspace had subscriptions this installation could not cancel');
  return { outcome: 'purged', workspaceId, subscriptions: cancelled, objectsDeleted };
}
