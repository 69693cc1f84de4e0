import { and, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { jobRuns, outbox } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { envSchema } from '@/lib/env/schema';
import { getLogger } from '@/lib/observability/logger';
import { defineWorkflow } from './define-workflow';

/** Rows deleted per statement: short transactions, no long lock on a busy table. */
export const RETENTION_BATCH = 1_000;
/** One sweep stops after this long and leaves the rest for tomorrow (or the next run). */
const RETENTION_BUDGET_MS = 60_000;

export type RetentionPolicy = { outboxDays: number; jobRunDays: number };
export type RetentionResult = { outbox: number; jobRuns: number; batches: number };

const retentionEnv = envSchema.pick({ OUTBOX_RETENTION_DAYS: true, JOB_RUN_RETENTION_DAYS: true });

/** From OUTBOX_RETENTION_DAYS (default 7) and JOB_RUN_RETENTION_DAYS (default 30). */
export function retentionPolicy(source: NodeJS.ProcessEnv = process.env): RetentionPolicy {
  const parsed = retentionEnv.parse(source);
  return { outboxDays: parsed.OUTBOX_RETENTION_DAYS, jobRunDays: parsed.JOB_RUN_RETENTION_DAYS };
}

const olderThan = (days: number) => sql`now() - make_interval(days => ${days})`;

async function deleteInBatches(what: string, deleteBatch: () => Promise<number>, deadline: number, batch: number) {
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const n = await deleteBatch();
    deleted += n;
    batches++;
    if (n < batch || Date.now() > deadline) break;
  }
  return { deleted, batches, what };
}

/**
 * Deletes dispatched outbox rows and finished job runs past their age, `batch` rows per
 * transaction (each served by a partial index: outbox_dispatched_idx, job_runs_finished_idx).
 * Pending events and queued or running runs are never touched, however old.
 */
export async function deleteExpiredWorkflowRows(
  policy: RetentionPolicy = retentionPolicy(),
  options: { batch?: number; budgetMs?: number } = {},
): Promise<RetentionResult> {
  const batch = options.batch ?? RETENTION_BATCH;
  const deadline = Date.now() + (options.budgetMs ?? RETENTION_BUDGET_MS);
  const sent = await deleteInBatches(
    'outbox',
    () =>
      withSystem('retention: dispatched outbox rows', async (tx) => {
        const due = tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(and(isNotNull(outbox.dispatchedAt), lt(outbox.dispatchedAt, olderThan(policy.outboxDays))))
          .limit(batch);
        const rows = await tx.delete(outbox).where(inArray(outbox.id, due)).returning({ id: outbox.id });
        return rows.length;
      }),
    deadline,
    batch,
  );
  const finished = await deleteInBatches(
    'job_runs',
    () =>
      withSystem('retention: finished job runs', async (tx) => {
        const due = tx
          .select({ id: jobRuns.id })
          .from(jobRuns)
          .where(
            and(
              inArray(jobRuns.status, ['succeeded', 'failed', 'cancelled']),
              lt(jobRuns.finishedAt, olderThan(policy.jobRunDays)),
            ),
          )
          .limit(batch);
        const rows = await tx.delete(jobRuns).where(inArray(jobRuns.id, due)).returning({ id: jobRuns.id });
        return rows.length;
      }),
    deadline,
    batch,
  );
  const result = { outbox: sent.deleted, jobRuns: finished.deleted, batches: sent.batches + finished.batches };
  getLogger({ component: 'retention' }).info(result, 'workflow retention done');
  return result;
}

/** Daily at a quiet hour. */
export const retentionWorkflow = defineWorkflow(
  { id: 'workflow-retention', trigger: { cron: 'TZ=UTC 45 3 * * *' }, retries: 2, timeout: '15m' },
  async (_payload, step) => step.run('delete-expired-rows', () => deleteExpiredWorkflowRows()),
);
