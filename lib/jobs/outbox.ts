import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { outbox } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
import { getLogger } from '@/lib/observability/logger';
import { workflowBackend } from './backend';
import type { Workflow, WorkflowPayload } from './define-workflow';
import { errorText } from './errors';

export type OutboxRow = typeof outbox.$inferSelect;
/** Hands one event on; throwing leaves the row pending for a later attempt. */
export type OutboxSender = (row: OutboxRow) => Promise<void>;

const eventInput = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*\/[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'event names look like module/thing.happened'),
  data: z.record(z.string(), z.unknown()),
  tenantId: z.uuid().nullable(),
});

export type EventInput = z.input<typeof eventInput>;

/**
 * THE way app code emits an event: a row written in the caller's transaction, so the event exists
 * exactly when the change that caused it commits. Call afterCommitDispatch() once committed.
 * The tenant id rides in the data too (Inngest concurrency keys read `event.data.tenantId`).
 */
export async function enqueueEvent(tx: Tx, input: EventInput): Promise<string> {
  const { name, data, tenantId } = eventInput.parse(input);
  if (tenantId && data.tenantId !== undefined && data.tenantId !== tenantId) {
    throw new Error(`event ${name}: data.tenantId differs from tenantId`);
  }
  const [row] = await tx
    .insert(outbox)
    .values({ name, tenantId, data: tenantId ? { ...data, tenantId } : data })
    .returning({ id: outbox.id });
  return row!.id;
}

/** enqueueEvent for a workflow's own event, with its payload checked against the workflow's schema. */
export function enqueueWorkflow<P extends WorkflowPayload, E extends string>(
  tx: Tx,
  workflow: Workflow<P, unknown, E>,
  payload: P,
): Promise<string> {
  const data = workflow.schema.parse(payload);
  const tenantId = typeof data.tenantId === 'string' ? data.tenantId : null;
  return enqueueEvent(tx, { name: workflow.event, data, tenantId });
}

/** Pending rows are leased, not held locked, so no transaction stays open across a network send. */
const LEASE_MS = 60_000;
const BACKOFF_BASE_MS = 15_000;
const BACKOFF_MAX_MS = 3_600_000;

export function outboxBackoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

const later = (ms: number) => sql`clock_timestamp() + make_interval(secs => ${ms / 1000}::float8)`;

async function claim(limit: number, tenantId: string | undefined): Promise<OutboxRow[]> {
  return withSystem('workflows: outbox dispatch', async (tx) => {
    const due = tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          isNull(outbox.dispatchedAt),
          lte(outbox.availableAt, sql`clock_timestamp()`),
          tenantId ? eq(outbox.tenantId, tenantId) : undefined,
        ),
      )
      .orderBy(asc(outbox.availableAt), asc(outbox.createdAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    return tx.update(outbox).set({ availableAt: later(LEASE_MS) }).where(inArray(outbox.id, due)).returning();
  });
}

async function sendToInngest(row: OutboxRow): Promise<void> {
  const { inngest } = await import('./inngest-client');
  // The row id as event id: Inngest drops a resend of the same id (a lost acknowledgement).
  await inngest.send({ id: row.id, name: row.name, data: row.data });
}

async function sendInline(row: OutboxRow): Promise<void> {
  const [{ workflowsForEvent }, { runInline }] = await Promise.all([import('./catalog'), import('./inline-runner')]);
  for (const workflow of workflowsForEvent(row.name)) {
    // Failures are the run's business (retries, job_runs); handing over itself cannot fail.
    runInline(workflow, { id: row.id, data: row.data }).catch(() => undefined);
  }
}

export function defaultOutboxSender(): OutboxSender {
  return workflowBackend() === 'inline' ? sendInline : sendToInngest;
}

export type DispatchResult = { claimed: number; dispatched: number; failed: number };

/**
 * Claims due events (`for update skip locked`, so concurrent dispatchers never share a row),
 * sends each, and marks it dispatched; a failed send is retried later with exponential backoff.
 * Delivery is at least once: a crash between send and mark resends after the lease, and the
 * receivers dedupe by event id (Inngest by id, job_runs by idempotency key).
 */
export async function dispatchOutbox(
  options: {
    limit?: number;
    /** Only this workspace's events (the sweep takes all). */
    tenantId?: string;
    /** Defaults to the active backend's sender. */
    sender?: OutboxSender;
  } = {},
): Promise<DispatchResult> {
  const limit = Math.max(1, Math.min(500, options.limit ?? 50));
  const send = options.sender ?? defaultOutboxSender();
  const rows = await claim(limit, options.tenantId ? z.uuid().parse(options.tenantId) : undefined);
  if (!rows.length) return { claimed: 0, dispatched: 0, failed: 0 };

  const sent: string[] = [];
  const failures: Array<{ row: OutboxRow; error: string }> = [];
  for (const row of rows) {
    try {
      await send(row);
      sent.push(row.id);
    } catch (error) {
      failures.push({ row, error: errorText(error) });
    }
  }

  await withSystem('workflows: outbox dispatch result', async (tx) => {
    if (sent.length) {
      await tx.update(outbox).set({ dispatchedAt: sql`clock_timestamp()`, lastError: null }).where(inArray(outbox.id, sent));
    }
    for (const { row, error } of failures) {
      await tx
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error, availableAt: later(outboxBackoffMs(row.attempts + 1)) })
        .where(eq(outbox.id, row.id));
    }
  });
  if (failures.length) {
    getLogger({ module: 'outbox' }).warn({ failed: failures.length, first: failures[0]!.error }, 'outbox sends failed; will retry');
  }
  return { claimed: rows.length, dispatched: sent.length, failed: failures.length };
}

type Kick = { running: Promise<void> | null; again: boolean };
const kickHolder = globalThis as unknown as { __tesseraOutboxKick?: Kick };

/**
 * Call after the transaction that enqueued events has committed. Fire and forget: it never
 * rejects, and kicks that arrive while a dispatch runs fold into one more pass. If it fails, the
 * periodic sweep (cron ticker or Inngest cron) still delivers.
 */
export function afterCommitDispatch(): Promise<void> {
  const kick = (kickHolder.__tesseraOutboxKick ??= { running: null, again: false });
  if (kick.running) {
    kick.again = true;
    return kick.running;
  }
  kick.running = (async () => {
    do {
      kick.again = false;
      try {
        await dispatchOutbox({ limit: 100 });
      } catch (error) {
        getLogger({ module: 'outbox' }).warn({ err: error }, 'outbox dispatch after commit failed; the sweep will retry');
      }
    } while (kick.again);
  })().finally(() => {
    kick.running = null;
  });
  return kick.running;
}

/** Events a tenant has emitted that no runner has picked up yet: their runs are about to appear. */
export async function countPendingEvents(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenantId), isNull(outbox.dispatchedAt)));
  return row?.n ?? 0;
}
