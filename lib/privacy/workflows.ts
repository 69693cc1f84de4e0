import { z } from 'zod';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { getLogger } from '@/lib/observability/logger';
import { finishExport, failExport } from './export-finish';
import { writeWorkspaceExport } from './export-writer';
import { writeAccountExport } from './account-export-writer';
import { failAccountExport, finishAccountExport } from './account-export-finish';
import { BACKUP_CRON, pruneBackups, pruneExpiredExports, queueNightlyBackups } from './backups';

const RETRIES = 2;

/**
 * Writes the zip (one long step of many short transactions), then marks the export ready and
 * tells the workspace: the `export.ready` webhook and an email to whoever asked, both with a
 * seven-day link, committed with the status change. A failure past the last retry marks the
 * export failed with a safe message, so the next request isn't blocked.
 */
export const privacyExportWorkflow = defineWorkflow(
  {
    id: 'privacy-export',
    trigger: { event: 'privacy/export.requested' },
    schema: z.object({ tenantId: z.uuid(), exportId: z.uuid() }),
    concurrency: { limit: 1, key: 'tenantId' },
    idempotency: 'exportId',
    retries: RETRIES,
    backoff: { initial: '30s', max: '5m' },
    timeout: '2h',
  },
  async ({ exportId }, step, ctx) => {
    const tenant = ctx.asTenant();
    try {
      const written = await step.run('write-zip', async () => {
        const { storageKey, bytes, sha256, manifest } = await writeWorkspaceExport(tenant, exportId);
        const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
        return { storageKey, bytes, sha256, tables: manifest.tables.length, rows };
      });
      await step.progress(90, 'Written');
      await step.run('mark-ready', () => finishExport(tenant, exportId, written));
      return { exportId, ...written };
    } catch (error) {
      if (ctx.attempt >= RETRIES) {
        getLogger({ component: 'privacy-export' }).warn({ exportId, err: error }, 'privacy export failed');
        await failExport(tenant, exportId);
      }
      throw error;
    }
  },
);

/** Nightly: prune snapshots past their retention and expired export files, then queue one snapshot per workspace. */
export const privacyBackupsNightlyWorkflow = defineWorkflow(
  { id: 'privacy-backups-nightly', trigger: { cron: BACKUP_CRON }, retries: 2, timeout: '10m' },
  async (_payload, step) => {
    const pruned = await step.run('prune-expired-backups', () => pruneBackups());
    const exports = await step.run('prune-expired-exports', () => pruneExpiredExports());
    const queued = await step.run('queue-backups', () => queueNightlyBackups());
    return { backupsDeleted: pruned.deleted, exportFilesDeleted: exports.deleted, ...queued };
  },
);

export { privacyBackupWorkflow } from './backup-workflow';
export { privacyRestoreWorkflow } from './restore-workflow';

/** "Export my data": the account zip (lib/privacy/account-export-writer.ts), then ready and emailed. */
export const accountExportWorkflow = defineWorkflow(
  {
    id: 'account-export',
    trigger: { event: 'privacy/account-export.requested' },
    schema: z.object({ userId: z.uuid(), exportId: z.uuid() }),
    concurrency: { limit: 1, key: 'userId' },
    idempotency: 'exportId',
    retries: RETRIES,
    backoff: { initial: '30s', max: '5m' },
    timeout: '2h',
  },
  async ({ userId, exportId }, step, ctx) => {
    try {
      const written = await step.run('write-zip', async () => {
        const { storageKey, bytes, sha256, manifest } = await writeAccountExport(userId, exportId);
        return { storageKey, bytes, sha256, workspaces: manifest.workspaces.length };
      });
      await step.progress(90, 'Written');
      await step.run('mark-ready', () => finishAccountExport(userId, exportId, written));
      return { exportId, ...written };
    } catch (error) {
      if (ctx.attempt >= RETRIES) {
        getLogger({ component: 'account-export' }).warn({ exportId, err: error }, 'account export failed');
        await failAccountExport(exportId);
      }
      throw error;
    }
  },
);
