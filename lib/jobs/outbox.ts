import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { outbox } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import type { Workflow, WorkflowPayload } from './define-workflow';

export { afterCommitDispatch, dispatchAfterResponse, outboxDispatchSettled, type DispatchScheduling } from './outbox-after-commit';
export { DEFAULT_DISPATCH_BUDGET_MS, dispatchOutbox, outboxBackoffMs, type DispatchOptions, type DispatchResult } from './outbox-dispatch';
export {
  defaultOutboxSender,
  INNGEST_MAX_EVENTS_PER_REQUEST,
  INNGEST_MAX_REQUEST_BYTES,
  inlineSender,
  inngestSender,
  type OutboxRow,
  type OutboxSender,
} from './outbox-senders';

/**
 * The largest event data accepted: Inngest's smallest per-event (and per-request) limit. A bigger
 * event could never be sent and would retry forever; put large payloads in a table and send the id.
 */
export const MAX_EVENT_DATA_BYTES = 250 * 1024;

const eventInput = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*\/[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'event names look like module/thing.happened'),
  data: z.record(z.string(), z.unknown()),
  tenantId: z.uuid().nullable(),
});

export type EventInput = z.input<typeof eventInput>;

type OutboxInsert = typeof outbox.$inferInsert;

function eventRow(input: EventInput): OutboxInsert & { id: string } {
  const { name, data, tenantId } = eventInput.parse(input);
  if (tenantId && data.tenantId !== undefined && data.tenantId !== tenantId) {
    throw new Error(`event ${name}: data.tenantId differs from tenantId`);
  }
  const withTenant = tenantId ? { ...data, tenantId } : data;
  const bytes = Buffer.byteLength(JSON.stringify(withTenant));
  if (bytes > MAX_EVENT_DATA_BYTES) {
    throw new Error(`event ${name}: data is ${bytes} bytes, over ${MAX_EVENT_DATA_BYTES}; store it in a table and send its id`);
  }
  // The id is made here, not by the database, so a multi-row insert can return ids in input order.
  return { id: randomUUID(), name, tenantId, data: withTenant };
}

/** Rows per INSERT statement: 4 bound parameters a row, well under Postgres' 65,535. */
const INSERT_CHUNK = 5_000;

/**
 * Many events in the caller's transaction, as multi-row inserts (one per 5,000 events). Every
 * input is validated before anything is written. Returns the event ids in input order.
 * Call dispatchAfterResponse() (the wrappers do) once the transaction has committed.
 */
export async function enqueueEvents(tx: Tx, inputs: readonly EventInput[]): Promise<string[]> {
  const rows = inputs.map(eventRow);
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.insert(outbox).values(rows.slice(i, i + INSERT_CHUNK));
  }
  return rows.map((row) => row.id);
}

/**
 * THE way app code emits an event: a row written in the caller's transaction, so the event exists
 * exactly when the change that caused it commits. The tenant id rides in the data too (Inngest
 * concurrency keys read `event.data.tenantId`).
 */
export async function enqueueEvent(tx: Tx, input: EventInput): Promise<string> {
  const [id] = await enqueueEvents(tx, [input]);
  return id!;
}

/** enqueueEvent for a workflow's own event, with its payload checked against the workflow's schema. */
export function enqueueWorkflow<P extends WorkflowPayload, E extends string>(
  tx: Tx,
  workflow: Workflow<P, unknown, E>,
  payload: P,
): Promise<string> {
  if (workflow.event === null) throw new Error(`workflow ${workflow.id} runs on cron; it has no event to enqueue`);
  const data = workflow.schema.parse(payload);
  const tenantId = typeof data.tenantId === 'string' ? data.tenantId : null;
  return enqueueEvent(tx, { name: workflow.event, data, tenantId });
}

/** Events a tenant has emitted that no runner has picked up yet: their runs are about to appear. */
export async function countPendingEvents(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenantId), isNull(outbox.dispatchedAt)));
  return row?.n ?? 0;
}
