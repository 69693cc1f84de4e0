import { and, desc, eq, gte, ne, sql, type SQL } from 'drizzle-orm';
import { jobRuns } from '@/db/schema';
import type { Tx } from '@/db/tenant';

export type JobRun = typeof jobRuns.$inferSelect;
export type JobStatus = JobRun['status'];

// clock_timestamp, not now(): now() is the transaction's start, and the finishing transaction may be short.
const elapsedMs = sql`greatest(0, round(extract(epoch from (clock_timestamp() - coalesce(${jobRuns.startedAt}, ${jobRuns.createdAt}))) * 1000))::int`;

/** How long an idempotency key holds: Inngest's window, honoured by the inline runner too. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

export type StartedJobRun =
  /** This event's run: `created` when new (and then already running its first attempt, if one was given). */
  | { run: JobRun; created: boolean; duplicateOf?: undefined }
  /** Another event with the same idempotency key ran within the window: no run for this one. */
  | { run?: undefined; duplicateOf: JobRun };

/**
 * The run for (workflow, event id), created on first sight. A redelivered event gets the row it
 * already has, whatever its status, so the caller decides between resuming and reporting. With a
 * dedupe key (the workflow's idempotency key over the payload), a different event carrying the
 * same key within 24 h gets no row: the advisory lock makes two such events racing each other
 * agree on one run.
 */
export async function startJobRun(
  tx: Tx,
  run: {
    workflow: string;
    idempotencyKey: string;
    tenantId: string | null;
    input: unknown;
    dedupeKey?: string | null;
    parentRunId?: string | null;
    /** Create a new row already running this (1-based) attempt: saves the runner a round trip. */
    attempt?: number;
  },
): Promise<StartedJobRun> {
  const byEvent = () =>
    tx
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.workflow, run.workflow), eq(jobRuns.idempotencyKey, run.idempotencyKey)));
  const dedupeKey = run.dedupeKey ?? null;
  if (dedupeKey !== null) {
    const [known] = await byEvent();
    if (known) return { run: known, created: false };
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`job_runs:${run.workflow}:${dedupeKey}`}, 0))`);
    const [earlier] = await tx
      .select()
      .from(jobRuns)
      .where(
        and(
          eq(jobRuns.workflow, run.workflow),
          eq(jobRuns.dedupeKey, dedupeKey),
          gte(jobRuns.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`),
        ),
      )
      .orderBy(desc(jobRuns.createdAt))
      .limit(1);
    if (earlier && earlier.idempotencyKey !== run.idempotencyKey) return { duplicateOf: earlier };
  }
  const [created] = await tx
    .insert(jobRuns)
    .values({
      workflow: run.workflow,
      idempotencyKey: run.idempotencyKey,
      tenantId: run.tenantId,
      input: run.input ?? null,
      dedupeKey,
      parentRunId: run.parentRunId ?? null,
      ...(run.attempt === undefined ? {} : { status: 'running' as const, attempts: run.attempt, startedAt: sql`clock_timestamp()` }),
    })
    .onConflictDoNothing({ target: [jobRuns.workflow, jobRuns.idempotencyKey] })
    .returning();
  if (created) return { run: created, created: true };
  const [existing] = await byEvent();
  if (!existing) throw new Error(`job run ${run.workflow}/${run.idempotencyKey} vanished while starting`);
  return { run: existing, created: false };
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

export type RunError = { code: string; message: string };

/** The (safe) error of an attempt that will be retried: visible while the run is still going. */
export async function recordAttemptError(tx: Tx, id: string, error: RunError): Promise<void> {
  await tx
    .update(jobRuns)
    .set({ error: error.message, errorCode: error.code })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, 'running')));
}

export async function recordProgress(tx: Tx, id: string, percent: number, message?: string): Promise<void> {
  const progress = Math.max(0, Math.min(100, Math.round(percent)));
  const [row] = await tx
    .update(jobRuns)
    .set({ progress, progressMessage: message ?? null })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, 'running'), sql`${jobRuns.progress} <= ${progress}`))
    .returning({ parentRunId: jobRuns.parentRunId });
  if (row?.parentRunId) await rollUpProgress(tx, row.parentRunId);
}

/**
 * A parent's progress follows its children's average (never backwards, and short of 100 until
 * the parent itself finishes).
 */
async function rollUpProgress(tx: Tx, parentRunId: string): Promise<void> {
  const children = sql`(select floor(avg(c.progress))::int from job_runs c where c.parent_run_id = ${parentRunId})`;
  await tx
    .update(jobRuns)
    .set({ progress: sql`least(99, greatest(${jobRuns.progress}, coalesce(${children}, 0)))` })
    .where(and(eq(jobRuns.id, parentRunId), eq(jobRuns.status, 'running')));
}

export async function succeedJobRun(tx: Tx, id: string, output: unknown): Promise<JobRun | undefined> {
  const [row] = await tx
    .update(jobRuns)
    .set({
      status: 'succeeded',
      output: output ?? null,
      error: null,
      errorCode: null,
      progress: 100,
      finishedAt: sql`clock_timestamp()`,
      durationMs: elapsedMs,
    })
    .where(and(eq(jobRuns.id, id), ne(jobRuns.status, 'succeeded')))
    .returning();
  if (row?.parentRunId) await rollUpProgress(tx, row.parentRunId);
  return row;
}

/** Final failure. A late report (Inngest's onFailure after a success) cannot undo a success. */
export async function failJobRun(tx: Tx, id: string, error: RunError): Promise<JobRun | undefined> {
  const [row] = await tx
    .update(jobRuns)
    .set({ status: 'failed', error: error.message, errorCode: error.code, finishedAt: sql`clock_timestamp()`, durationMs: elapsedMs })
    .where(and(eq(jobRuns.id, id), ne(jobRuns.status, 'succeeded')))
    .returning();
  return row;
}

/** Cancelled from outside (Inngest: cancelOn, bulk cancel). Like a failure, it cannot undo a success. */
export async function cancelJobRun(tx: Tx, id: string, error: RunError): Promise<JobRun | undefined> {
  const [row] = await tx
    .update(jobRuns)
    .set({ status: 'cancelled', error: error.message, errorCode: error.code, finishedAt: sql`clock_timestamp()`, durationMs: elapsedMs })
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
