import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { enqueueWorkflow } from '@/lib/jobs/outbox';
import { isUniqueViolation } from '@/lib/tenancy/db-errors';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { signedExportUrl } from './export-links';
import { failStaleExports, findActiveExport, findExport, insertQueuedExport, listExports, type PrivacyExport } from './export-rows';
import { privacyExportWorkflow } from './workflows';

export type { PrivacyExport } from './export-rows';

/** An export still queued or running after this long lost its run; it no longer blocks a new one. */
export const STALE_EXPORT_MS = 3 * 60 * 60 * 1000;

const requestMeta = z.object({ ip: z.string().max(64).nullable(), userAgent: z.string().nullable() });

/**
 * Queues an export of the whole workspace in the caller's transaction: the row, the audit entry
 * and the workflow's event commit together. One export at a time per workspace: a second request
 * while one is queued or running is a conflict. The caller's wrapper checks `privacy.export`.
 */
export async function requestWorkspaceExport(tx: Tx, ctx: TenantContext, meta: RequestMeta, now = new Date()): Promise<PrivacyExport> {
  const { ip, userAgent } = requestMeta.parse(meta);
  await failStaleExports(tx, ctx.tenantId, new Date(now.getTime() - STALE_EXPORT_MS));
  const active = await findActiveExport(tx, ctx.tenantId);
  if (active) throw new AppError('conflict', 'An export of this workspace is already being prepared.', { exportId: active.id });
  let row: PrivacyExport;
  try {
    row = await insertQueuedExport(tx, ctx.tenantId, ctx.userId);
  } catch (error) {
    // Two requests at once: the partial unique index lets one through.
    if (isUniqueViolation(error, 'privacy_exports_one_active_idx')) {
      throw new AppError('conflict', 'An export of this workspace is already being prepared.');
    }
    throw error;
  }
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'privacy.export_requested',
    actorUserId: ctx.userId,
    targetType: 'privacy_export',
    targetId: row.id,
    ip,
    userAgent,
    metadata: { kind: row.kind },
  });
  await enqueueWorkflow(tx, privacyExportWorkflow, { tenantId: ctx.tenantId, exportId: row.id });
  return row;
}

/** The workspace's exports, newest first (row-level security scopes them to the tenant of `tx`). */
export function listWorkspaceExports(tx: Tx, limit = 20): Promise<PrivacyExport[]> {
  return listExports(tx, z.number().int().min(1).max(100).parse(limit));
}

/** A download link for a ready export, valid seven days (or until the export expires, if sooner). */
export async function exportDownloadUrl(tx: Tx, exportId: string, now = new Date()): Promise<{ url: string; expiresAt: Date }> {
  const id = z.uuid().safeParse(exportId);
  const row = id.success ? await findExport(tx, id.data) : null;
  if (!row) throw new AppError('not_found', 'No such export.');
  const [workspace] = await tx.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, row.tenantId));
  return signedExportUrl(row, workspace?.slug ?? 'workspace', { now });
}
