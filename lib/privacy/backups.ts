import { and, eq, inArray, isNotNull, lt, or } from 'drizzle-orm';
import { privacyExports, workspaces } from '@/db/schema';
import { withSystem, withTenant, type TenantContext, type Tx } from '@/db/tenant';
import { env } from '@/lib/env';
import { enqueueWorkflow } from '@/lib/jobs/outbox';
import { storage } from '@/lib/storage';
import { insertQueuedExport, listExports, markFailed, markReady, type PrivacyExport } from './export-rows';
import { writeWorkspaceExport } from './export-writer';
import { privacyBackupWorkflow } from './backup-workflow';

const DAY_MS = 86_400_000;
/** The nightly snapshot runs at 02:30 UTC (the cron in lib/privacy/workflows.ts says the same). */
export const BACKUP_CRON = 'TZ=UTC 30 2 * * *';
const BACKUP_HOUR = 2;
const BACKUP_MINUTE = 30;

export function backupRetentionDays(): number {
  return env().BACKUP_RETENTION_DAYS;
}

/** When the next nightly snapshot starts after `now`. */
export function nextBackupAt(now = new Date()): Date {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), BACKUP_HOUR, BACKUP_MINUTE));
  return today > now ? today : new Date(today.getTime() + DAY_MS);
}

/** The workspace's snapshots, newest first (under RLS: the tenant of `tx`). */
export function listBackups(tx: Tx, limit = 30): Promise<PrivacyExport[]> {
  return listExports(tx, limit, 'backup');
}

/**
 * The nightly fan-out, one system transaction: a queued backup row and its workflow event per
 * workspace that has none running, so each snapshot runs (and retries) as that tenant's own work.
 */
export async function queueNightlyBackups(options: { tenantIds?: readonly string[] } = {}): Promise<{ queued: number }> {
  return withSystem('privacy: queue nightly backups', async (tx) => {
    // `tenantIds` narrows the night to some workspaces (an operator re-running it for them).
    const all = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(options.tenantIds ? inArray(workspaces.id, [...options.tenantIds]) : undefined);
    const busy = new Set(
      (await tx.select({ tenantId: privacyExports.tenantId }).from(privacyExports).where(and(eq(privacyExports.kind, 'backup'), inArray(privacyExports.status, ['queued', 'running'])))).map(
        (row) => row.tenantId,
      ),
    );
    let queued = 0;
    for (const { id } of all) {
      if (busy.has(id)) continue;
      const row = await insertQueuedExport(tx, id, null, 'backup');
      await enqueueWorkflow(tx, privacyBackupWorkflow, { tenantId: id, exportId: row.id });
      queued++;
    }
    return { queued };
  });
}

/** Writes one snapshot; it stays downloadable for the retention period. */
export async function runBackup(ctx: TenantContext, exportId: string, now = new Date()): Promise<{ bytes: number }> {
  try {
    const written = await writeWorkspaceExport(ctx, exportId, { now });
    const expiresAt = new Date(now.getTime() + backupRetentionDays() * DAY_MS);
    await withTenant(ctx, (tx) => markReady(tx, exportId, { storageKey: written.storageKey, bytes: BigInt(written.bytes), sha256: written.sha256, expiresAt, finishedAt: new Date() }));
    return { bytes: written.bytes };
  } catch (error) {
    await withTenant(ctx, (tx) => markFailed(tx, exportId, 'The snapshot could not be written; the next night tries again.'));
    throw error;
  }
}

/**
 * Requested exports past their seven days: the zip is deleted and the row kept (the page then
 * says it expired), so the history of who exported what stays with the audit trail.
 */
export async function pruneExpiredExports(now = new Date()): Promise<{ deleted: number }> {
  const expired = await withSystem('privacy: find expired exports', (tx) =>
    tx
      .select({ id: privacyExports.id, storageKey: privacyExports.storageKey })
      .from(privacyExports)
      .where(and(eq(privacyExports.kind, 'workspace'), isNotNull(privacyExports.storageKey), lt(privacyExports.expiresAt, now))),
  );
  for (const row of expired) await storage().delete(row.storageKey!);
  if (expired.length) {
    await withSystem('privacy: forget expired export files', (tx) =>
      tx.update(privacyExports).set({ storageKey: null }).where(inArray(privacyExports.id, expired.map((row) => row.id))),
    );
  }
  return { deleted: expired.length };
}

/** Deletes snapshots past their retention (and failed ones as old), objects first, across workspaces. */
export async function pruneBackups(now = new Date()): Promise<{ deleted: number }> {
  const cutoff = new Date(now.getTime() - backupRetentionDays() * DAY_MS);
  const expired = await withSystem('privacy: find expired backups', (tx) =>
    tx
      .select({ id: privacyExports.id, storageKey: privacyExports.storageKey })
      .from(privacyExports)
      .where(and(eq(privacyExports.kind, 'backup'), or(lt(privacyExports.expiresAt, now), and(eq(privacyExports.status, 'failed'), lt(privacyExports.createdAt, cutoff))))),
  );
  for (const row of expired) if (row.storageKey) await storage().delete(row.storageKey);
  if (expired.length) {
    await withSystem('privacy: delete expired backups', (tx) => tx.delete(privacyExports).where(inArray(privacyExports.id, expired.map((row) => row.id))));
  }
  return { deleted: expired.length };
}
