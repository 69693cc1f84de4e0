import { z } from 'zod';
import { defineWorkflow } from '@/lib/jobs/define-workflow';

/**
 * One workspace's nightly snapshot, as its own tenant work (queued by the nightly fan-out in
 * workflows.ts). Defined apart from backups.ts so the fan-out can enqueue it without a cycle.
 */
export const privacyBackupWorkflow = defineWorkflow(
  {
    id: 'privacy-backup',
    trigger: { event: 'privacy/backup.requested' },
    schema: z.object({ tenantId: z.uuid(), exportId: z.uuid() }),
    concurrency: { limit: 1, key: 'tenantId' },
    idempotency: 'exportId',
    retries: 0,
    timeout: '2h',
  },
  async ({ exportId }, step, ctx) => {
    const { runBackup } = await import('./backups');
    return step.run('write-snapshot', () => runBackup(ctx.asTenant(), exportId));
  },
);
