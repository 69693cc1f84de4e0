import { and, desc, eq, gte, ne, sql, type SQL } from 'drizzle-orm';
import { jobRuns } from '@/db/schema';
import type { Tx } from '@/db/tenant';

export type JobRun = typeof jobRuns.$inferSelect;
export type JobStatus = JobRun['status'];

// clock_timestamp, not now(): now() is the transaction's start, and the finishing transaction may be short.
const elapsedMs = sql`greatest(0, round(extract(epoch from (clock_timestamp() - coalesce(${jobRuns.startedAt}, ${jobRuns.createdAt}))) * 1000))::int`;

/**
 * The run for (workflow, idempotency key), created on first sight. A redelivered event gets the
 * row it already has, whatever its status, so the caller decides between resuming and reporting.
 */
export async function startJobRun(
  tx: Tx,
  run: { workflow: string; idempotencyKey: string; tenantId: string | null; input: unknown },
): Promise<JobRun> {
  const [created] = await tx
    .insert(jobRuns)
    .values({ workflow: run.workflow, idempotencyKey: run.idempotencyKey, tenantId: run.tenantId, input: run.input ?? null })
    .onConflictDoNothing({ target: [jobRuns.workflow, jobRuns.idempotencyKey] })
    .returning();
  if (created) return created;
  const [existing] = await tx
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.workflow, run.workflow), eq(jobRuns.idempotencyKey, run.idempotencyKey)));
  if (!existing) throw new Error(`job run ${run.workflow}/${run.idempotencyKey} vanished while starting`);
  return existing;
}

/**
 * Marks the run running for attempt `attempt` (1-based). `greatest` makes it idempotent: Inngest
 * calls the handler once per step, each time reporting the same attempt.
 */
export async function recordAttempt(tx: Tx, id: string, attempt: number): Promise<JobRun | undefined> {
  const [row] = await tx
    .update(jobRuns)
    .set({
      status: 'running',
      attempts: sql`greatest(${jobRuns.attempts}, ${attempt})`,
      startedAt: sql`coalesce(${jobRuns.startedAt}, clock_timestamp())`,
      finishedAt: null,
      durationMs: null,
    })
    .where(and(eq(jobRuns.id, id), ne(jobRuns.status, 'succeeded')))
    .returning();
  return row;
}

/** The error of an attempt that will be retried: visible while the run is still going. */
export async function recordAttemptError(tx: Tx, id: string, error: string): Promise<void> {
  await tx.update(jobRuns).set({ error }).where(and(eq(jobRuns.id, id), eq(jobRuns.status, 'running')));
}

export async function recordProgress(tx: Tx, id: string, percent: number, message?: string): Promise<void> {
  const progress = Math.max(0, Math.min(100, Math.round(percent)));
  await tx
    .update(jobRuns)
    .set({ progress, progressMessage: message ?? null })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, 'running'), sql`${jobRuns.progress} <= ${progress}`));
}

export async function succeedJobRun(tx: Tx, id: string, output: unknown): Promise<JobRun | undefined> {
  const [row] = await tx
    .update(jobRuns)
    .set({
      status: 'succeeded',
      output: output ?? null,
      error: null,
      progress: 100,
      finishedAt: sql`clock_timestamp()`,
      durationMs: elapsedMs,
    })
    .where(and(eq(jobRuns.id, id), ne(jobRuns.status, 'succeeded')))
    .returning();
  return row;
}

/** Final failure. A late report (Inngest's onFailure after a success) cannot undo a success. */
export async function failJobRun(tx: Tx, id: string, error: string): Promise<JobRun | undefined> {
  const [row] = await tx
    .update(jobRuns)
    .set({ status: 'failed', error, finishedAt: sql`clock_timestamp()`, durationMs: elapsedMs })
    .where(and(eq(jobRuns.id, id), ne(jobRuns.status, 'succeeded')))
    .returning();
  return row;
}

export async function getJobRun(tx: Tx, id: string): Promise<JobRun | undefined> {
  const [row] = await tx.select().from(jobRuns).where(eq(jobRuns.id, id));
  return row;
}

export async function findJobRun(tx: Tx, workflow: string, idempotencyKey: string): Promise<JobRun | undefined> {
  const [row] = await tx
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.workflow, workflow), eq(jobRuns.idempotencyKey, idempotencyKey)));
  return row;
}

export type JobRunFilters = { workflow?: string; status?: JobStatus; limit?: number };

function clampLimit(limit: number | undefined): number {
  return Math.max(1, Math.min(200, Math.trunc(limit ?? 20)));
}

/**
 * A workspace's runs, newest first, for progress bars. The tenant filter is explicit as well as
 * enforced by RLS under withTenant, so a system caller cannot list every tenant by mistake.
 */
export async function listJobRuns(tx: Tx, tenantId: string, filters: JobRunFilters = {}): Promise<JobRun[]> {
  const where: SQL[] = [eq(jobRuns.tenantId, tenantId)];
  if (filters.workflow) where.push(eq(jobRuns.workflow, filters.workflow));
  if (filters.status) where.push(eq(jobRuns.status, filters.status));
  return tx
    .select()
    .from(jobRuns)
    .where(and(...where))
    .orderBy(desc(jobRuns.createdAt))
    .limit(clampLimit(filters.limit));
}

/** Failed runs across tenants for the admin console (call under withSystem). */
export async function listFailedJobRuns(
  tx: Tx,
  filters: { workflow?: string; since?: Date; limit?: number } = {},
): Promise<JobRun[]> {
  const where: SQL[] = [eq(jobRuns.status, 'failed')];
  if (filters.workflow) where.push(eq(jobRuns.workflow, filters.workflow));
  if (filters.since) where.push(gte(jobRuns.createdAt, filters.since));
  return tx
    .select()
    .from(jobRuns)
    .where(and(...where))
    .orderBy(desc(jobRuns.createdAt))
    .limit(clampLimit(filters.limit));
}
