import { withSystem } from '@/db/tenant';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { RETENTION_BATCH } from '@/lib/jobs/retention';
import { getLogger } from '@/lib/observability/logger';
import { deleteExpiredIdempotencyKeys } from './idempotency';

const BUDGET_MS = 60_000;

/** Deletes expired Idempotency-Key rows in short batches until none is left or the minute is up. */
export async function purgeExpiredIdempotencyKeys(options: { batch?: number; now?: Date } = {}): Promise<{ deleted: number }> {
  const batch = options.batch ?? RETENTION_BATCH;
  const deadline = Date.now() + BUDGET_MS;
  let deleted = 0;
  for (;;) {
    const n = await withSystem('retention: expired idempotency keys', (tx) => deleteExpiredIdempotencyKeys(tx, batch, options.now));
    deleted += n;
    if (n < batch || Date.now() > deadline) break;
  }
  getLogger({ component: 'retention' }).info({ idempotencyKeys: deleted }, 'api retention done');
  return { deleted };
}

/** Daily, beside the workflow retention (03:45 UTC). */
export const apiRetentionWorkflow = defineWorkflow(
  { id: 'api-retention', trigger: { cron: 'TZ=UTC 50 3 * * *' }, retries: 2, timeout: '5m' },
  async (_payload, step) => step.run('delete-expired-idempotency-keys', () => purgeExpiredIdempotencyKeys()),
);
