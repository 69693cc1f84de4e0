import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, workspaceRestores } from '@/db/schema';
import { withSystem, withTenant, type TenantContext, type Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { enqueueWorkflow } from '@/lib/jobs/outbox';
import { getLogger } from '@/lib/observability/logger';
import { confirmUpload, storage, tenantKey, tenantPrefix, type FileStorage, type UploadTarget } from '@/lib/storage';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { findExport } from './export-rows';
import { restoreIntoNewWorkspace } from './restore';
import type { RestoreReport } from './restore-report';
import { findRestore, insertQueuedRestore, markRestoreFinished, markRestoreRunning, type WorkspaceRestore } from './restore-rows';
import { privacyRestoreWorkflow } from './restore-workflow';

export type { WorkspaceRestore } from './restore-rows';

/** The largest export zip an owner may upload to restore (2 GiB). */
export const MAX_RESTORE_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const UPLOAD_CONTENT_TYPE = 'application/zip';

const requestMeta = z.object({ ip: z.string().max(64).nullable(), userAgent: z.string().nullable() });

async function queue(tx: Tx, ctx: TenantContext, meta: RequestMeta, fields: { source: 'export' | 'upload'; sourceExportId: string | null; storageKey: string }) {
  const { ip, userAgent } = requestMeta.parse(meta);
  if (!ctx.userId) throw new AppError('forbidden', 'Only a signed-in owner can restore.');
  const row = await insertQueuedRestore(tx, { tenantId: ctx.tenantId, requestedBy: ctx.userId, ...fields });
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'privacy.restore_requested',
    actorUserId: ctx.userId,
    targetType: 'workspace_restore',
    targetId: row.id,
    ip,
    userAgent,
    metadata: { source: fields.source, sourceExportId: fields.sourceExportId },
  });
  await enqueueWorkflow(tx, privacyRestoreWorkflow, { tenantId: ctx.tenantId, restoreId: row.id });
  return row;
}

/**
 * Restores one of this workspace's ready exports or snapshots into a new workspace. Row-level
 * security finds only this workspace's exports, so no other tenant's zip can be named. The
 * caller's wrapper checks `privacy.export` (owners).
 */
export async function requestRestoreFromExport(tx: Tx, ctx: TenantContext, meta: RequestMeta, exportId: string): Promise<WorkspaceRestore> {
  const id = z.uuid().safeParse(exportId);
  const row = id.success ? await findExport(tx, id.data) : null;
  if (!row) throw new AppError('not_found', 'No such export or snapshot.');
  if (row.status !== 'ready' || !row.storageKey) throw new AppError('conflict', 'Only a ready export or snapshot can be restored.');
  return queue(tx, ctx, meta, { source: 'export', sourceExportId: row.id, storageKey: row.storageKey });
}

/** Where the browser uploads an export zip to restore: a fresh key under this workspace's own prefix. */
export async function restoreUploadTarget(ctx: TenantContext, size: number, store: FileStorage = storage()): Promise<{ key: string; target: UploadTarget }> {
  const bytes = z.number().int().min(1).max(MAX_RESTORE_UPLOAD_BYTES).parse(size);
  const key = tenantKey(ctx.tenantId, 'uploads', `restore-${randomUUID()}.zip`);
  const target = await store.signedUploadTarget(key, { expiresInSeconds: 3600, contentType: UPLOAD_CONTENT_TYPE, maxBytes: MAX_RESTORE_UPLOAD_BYTES, size: bytes });
  return { key, target };
}

/** The uploaded zip's key must be one restoreUploadTarget made for this workspace. */
export function isOwnRestoreUpload(tenantId: string, key: string): boolean {
  return key.startsWith(`${tenantPrefix(tenantId)}uploads/restore-`) && /^[0-9a-f-]{36}\/uploads\/restore-[0-9a-f-]{36}\.zip$/.test(key);
}

/** After the upload: checks the object (size, type) and queues its restore. */
export async function requestRestoreFromUpload(tx: Tx, ctx: TenantContext, meta: RequestMeta, key: string, store: FileStorage = storage()): Promise<WorkspaceRestore> {
  if (!isOwnRestoreUpload(ctx.tenantId, key)) throw new AppError('not_found', 'No such upload.');
  const object = await confirmUpload(store, key, { maxBytes: MAX_RESTORE_UPLOAD_BYTES, contentType: UPLOAD_CONTENT_TYPE });
  if (!object) throw new AppError('bad_request', 'The upload did not arrive, or it is not a zip file. Please upload it again.');
  return queue(tx, ctx, meta, { source: 'upload', sourceExportId: null, storageKey: key });
}

/**
 * The workflow's work: checks the requester is still an owner, restores, and records the report.
 * A successful restore marks the row done inside the restore's own transaction; a refusal marks
 * it failed afterwards (nothing else was written).
 */
export async function runRestore(ctx: TenantContext, restoreId: string, store: FileStorage = storage()): Promise<{ ok: boolean; workspaceId: string | null }> {
  const row = await withTenant(ctx, async (tx) => ((await markRestoreRunning(tx, restoreId)) ? findRestore(tx, restoreId) : null));
  if (!row) return { ok: false, workspaceId: null };
  const finishFailed = async (report: RestoreReport) => {
    await withTenant(ctx, (tx) => markRestoreFinished(tx, restoreId, report));
    return { ok: false, workspaceId: null };
  };
  const owner = row.requestedBy
    ? await withSystem('privacy: restore checks the requester', (tx) =>
        tx
          .select({ role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.tenantId, ctx.tenantId), eq(memberships.userId, row.requestedBy!))),
      )
    : [];
  if (owner[0]?.role !== 'owner') {
    return finishFailed({ ok: false, problems: [{ problem: 'not_permitted', message: 'Whoever asked for this restore is no longer an owner of the workspace.' }] });
  }
  let report: RestoreReport;
  try {
    report = await restoreIntoNewWorkspace({
      storageKey: row.storageKey,
      userId: row.requestedBy!,
      store,
      beforeCommit: async (tx, done) => {
        await tx.update(workspaceRestores).set({ status: 'done', report: done, restoredWorkspaceId: done.workspace.id, finishedAt: new Date() }).where(eq(workspaceRestores.id, restoreId));
      },
    });
  } catch (error) {
    getLogger({ component: 'privacy-restore' }).warn({ restoreId, err: error }, 'privacy restore failed');
    report = { ok: false, problems: [{ problem: 'insert_failed', message: 'The restore failed unexpectedly; nothing was restored. Please try again.' }] };
  }
  if (!report.ok) return finishFailed(report);
  return { ok: true, workspaceId: report.workspace.id };
}
