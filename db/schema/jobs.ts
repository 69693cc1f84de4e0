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
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('job_runs_tenant_created_idx').on(t.tenantId, t.createdAt),
    uniqueIndex('job_runs_workflow_key_idx').on(t.workflow, t.idempotencyKey),
    index('job_runs_status_idx').on(t.status, t.createdAt),
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
  ],
  { tenant: 'optional' },
);
