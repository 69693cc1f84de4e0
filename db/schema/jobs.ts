import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant-table';

// The workflow layer's tables (lib/jobs): runs and the transactional outbox. tenant_id is
// optional: platform workflows (cron, sweeps) run for no workspace.

export const jobStatusEnum = pgEnum('job_status', ['queued', 'running', 'succeeded', 'failed', 'cancelled']);

export const jobRuns = tenantTable(
  'job_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workflow: text('workflow').notNull(),
    // One run per logical event: a redelivered event finds its earlier run instead of starting another.
    idempotencyKey: text('idempotency_key').notNull(),
    status: jobStatusEnum('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    progress: integer('progress').notNull().default(0),
    progressMessage: text('progress_message'),
    input: jsonb('input').$type<unknown>(),
    output: jsonb('output').$type<unknown>(),
    // Safe for workspace members to read (an AppError's message or a generic one); the raw error
    // goes to the log only. error_code says which: an AppError code, 'timeout', 'internal'…
    error: text('error'),
    errorCode: text('error_code'),
    // The run that started this one with step.invoke: its progress combines its children's.
    parentRunId: uuid('parent_run_id'),
    // The workflow's idempotency key evaluated over the payload: a second run with the same key
    // within 24 h is not started.
    dedupeKey: text('dedupe_key'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('job_runs_tenant_created_idx').on(t.tenantId, t.createdAt),
    uniqueIndex('job_runs_workflow_key_idx').on(t.workflow, t.idempotencyKey),
    index('job_runs_status_idx').on(t.status, t.createdAt),
    index('job_runs_dedupe_idx').on(t.workflow, t.dedupeKey, t.createdAt).where(sql`dedupe_key is not null`),
    index('job_runs_parent_idx').on(t.parentRunId).where(sql`parent_run_id is not null`),
    // Retention: finished runs by age, without scanning the running and queued ones.
    index('job_runs_finished_idx').on(t.finishedAt).where(sql`status in ('succeeded', 'failed', 'cancelled')`),
  ],
  { tenant: 'optional' },
);

/** Transactional outbox: events committed with the change that caused them, dispatched after. */
export const outbox = tenantTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('outbox_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('outbox_pending_idx').on(t.availableAt).where(sql`dispatched_at is null`),
    // Retention: dispatched rows by age.
    index('outbox_dispatched_idx').on(t.dispatchedAt).where(sql`dispatched_at is not null`),
  ],
  { tenant: 'optional' },
);
