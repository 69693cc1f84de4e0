import { eq, sql } from 'drizzle-orm';
import { workspaceSlugRedirects, workspaces } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { isUniqueViolation } from './db-errors';
import type { RequestMeta } from './request-meta';
import { slugTaken } from './slug-availability';
import { slugSchema } from './slugs';
import type { WorkspaceGeneralInput } from './workspace-fields';
import { getWorkspaceOrThrow } from './workspaces';

// The workspace's own settings, in the entry point's tenant transaction: its row and its old
// addresses are tenant data. The wrapper names the permission (workspace.update).

function auditBase(ctx: TenantContext, meta: RequestMeta) {
  return { actorUserId: ctx.userId, targetType: 'workspace', targetId: ctx.tenantId, ip: meta.ip, userAgent: meta.userAgent };
}

/** Name, time zone and currency; a rename and a settings change are separate audit events. */
export async function updateWorkspaceGeneral(tx: Tx, ctx: TenantContext, input: WorkspaceGeneralInput, meta: RequestMeta) {
  const current = await getWorkspaceOrThrow(tx, ctx.tenantId, { lock: true });
  const [updated] = await tx
    .update(workspaces)
    .set({ name: input.name, timezone: input.timezone, currency: input.currency, updatedAt: sql`now()` })
    .where(eq(workspaces.id, ctx.tenantId))
    .returning();
  if (current.name !== input.name) {
    await recordWorkspaceAudit(tx, ctx.tenantId, {
      ...auditBase(ctx, meta),
      action: 'workspace.renamed',
      metadata: { from: current.name, to: input.name },
    });
  }
  const changes: Record<string, { from: string; to: string }> = {};
  if (current.timezone !== input.timezone) changes.timezone = { from: current.timezone, to: input.timezone };
  if (current.currency !== input.currency) changes.currency = { from: current.currency, to: input.currency };
  if (Object.keys(changes).length) {
    await recordWorkspaceAudit(tx, ctx.tenantId, { ...auditBase(ctx, meta), action: 'workspace.updated', metadata: changes });
  }
  return updated!;
}

const SLUG_TAKEN = 'That address is taken. Choose another.';

/**
 * Moves the workspace to a new address and keeps the old one as a redirect. Whether the slug is
 * free across workspaces is the one cross-tenant question, asked through the `slug_taken`
 * security-definer function; the unique indexes still have the last word, and a violation (a
 * concurrent taker) becomes the same conflict message. A unique violation aborts the
 * transaction, so the caller's whole action fails with it.
 */
export async function changeWorkspaceSlug(tx: Tx, ctx: TenantContext, rawSlug: string, meta: RequestMeta): Promise<{ slug: string; previous: string }> {
  const parsed = slugSchema.safeParse(rawSlug);
  if (!parsed.success) {
    throw new AppError('validation_failed', parsed.error.issues[0]?.message ?? 'Invalid address.', { field: 'slug' });
  }
  const slug = parsed.data;
  const current = await getWorkspaceOrThrow(tx, ctx.tenantId, { lock: true });
  if (current.slug === slug) return { slug, previous: current.slug };
  if (await slugTaken(tx, slug, ctx.tenantId)) throw new AppError('conflict', SLUG_TAKEN, { field: 'slug' });
  try {
    // Returning to one of our own old addresses: it stops being a redirect (RLS: only ours).
    await tx.delete(workspaceSlugRedirects).where(eq(workspaceSlugRedirects.oldSlug, slug));
    await tx.insert(workspaceSlugRedirects).values({ oldSlug: current.slug, tenantId: ctx.tenantId });
    await tx.update(workspaces).set({ slug, updatedAt: sql`now()` }).where(eq(workspaces.id, ctx.tenantId));
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', SLUG_TAKEN, { field: 'slug' });
    throw error;
  }
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    ...auditBase(ctx, meta),
    action: 'workspace.slug_changed',
    metadata: { from: current.slug, to: slug },
  });
  return { slug, previous: current.slug };
}
