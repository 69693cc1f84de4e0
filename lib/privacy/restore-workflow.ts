import { z } from 'zod';
import { defineWorkflow } from '@/lib/jobs/define-workflow';

/** Runs one requested restore (lib/privacy/restore-request.ts); a restore is all or nothing, so it is not retried. */
export const privacyRestoreWorkflow = defineWorkflow(
  {
    id: 'privacy-restore',
    trigger: { event: 'privacy/restore.requested' },
    schema: z.object({ tenantId: z.uuid(), restoreId: z.uuid() }),
    concurrency: { limit: 1, key: 'tenantId' },
    idempotency: 'restoreId',
    retries: 0,
    timeout: '2h',
  },
  async ({ restoreId }, step, ctx) => {
    const { runRestore } = await import('./restore-request');
    return step.run('restore', () => runRestore(ctx.asTenant(), restoreId));
  },
);
