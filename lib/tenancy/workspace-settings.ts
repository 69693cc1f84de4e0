import { eq, sql } from 'drizzle-orm';
import { workspaceSlugRedirects, workspaces } from '@/db/schema';
import { withSystem, withTenant, type TenantContext } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { isUniqueViolation } from './db-errors';
import { assertCan } from './permissions';
import type { RequestMeta } from './request-meta';
import { slugHeldByOther } from './slug-availability';
import { slugSchema } from './slugs';
import type { WorkspaceGeneralInput } from './workspace-fields';

function auditBase(ctx: TenantContext, meta: RequestMeta) {
  return { actorUserId: ctx.userId, targetType: 'workspace', targetId: ctx.tenantId, ip: meta.ip, userAgent: meta.userAgent };
}

/** Name, time zone and currency; a rename and a settings change are separate audit events. */
export async function updateWorkspaceGeneral(ctx: TenantContext, input: WorkspaceGeneralInput, meta: RequestMeta) {
  assertCan(ctx, 'workspace.update');
  return withTenant(ctx, async (tx) => {
    const [current] = await tx.select().from(workspaces).where(eq(workspaces.id, ctx.tenantId)).for('update');
    if (!current) throw new AppError('not_found', 'This workspace no longer exists.');
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
  });
}

/**
 * Moves the workspace to a new address and keeps the old one as a redirect. Runs as system work:
 * whether a slug is free is a question about every workspace, which RLS rightly hides from app_user.
 */
export async function changeWorkspaceSlug(ctx: TenantContext, rawSlug: string, meta: RequestMeta): Promise<{ slug: string; previous: string }> {
  assertCan(ctx, 'workspace.update');
  const parsed = slugSchema.safeParse(rawSlug);
  if (!parsed.success) {
    throw new AppError('validation_failed', parsed.error.issues[0]?.message ?? 'Invalid address.', { field: 'slug' });
  }
  const slug = parsed.data;
  try {
    return await withSystem('tenancy: change workspace slug', async (tx) => {
      const [current] = await tx
        .select({ slug: workspaces.slug })
        .from(workspaces)
        .where(eq(workspaces.id, ctx.tenantId))
        .for('update');
      if (!current) throw new AppError('not_found', 'This workspace no longer exists.');
      if (current.slug === slug) return { slug, previous: current.slug };
      if (await slugHeldByOther(tx, slug, ctx.tenantId)) {
        throw new AppError('conflict', 'That address is taken. Choose another.', { field: 'slug' });
      }
      // Returning to one of our own old addresses: it stops being a redirect.
      await tx.delete(workspaceSlugRedirects).where(eq(workspaceSlugRedirects.oldSlug, slug));
      await tx
        .insert(workspaceSlugRedirects)
        .values({ oldSlug: current.slug, tenantId: ctx.tenantId })
        .onConflictDoUpdate({ target: workspaceSlugRedirects.oldSlug, set: { tenantId: ctx.tenantId, createdAt: sql`now()` } });
      await tx.update(workspaces).set({ slug, updatedAt: sql`now()` }).where(eq(workspaces.id, ctx.tenantId));
      await recordWorkspaceAudit(tx, ctx.tenantId, {
        ...auditBase(ctx, meta),
        action: 'workspace.slug_changed',
        metadata: { from: current.slug, to: slug },
      });
      return { slug, previous: current.slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'That address is taken. Choose another.', { field: 'slug' });
    throw error;
  }
}
