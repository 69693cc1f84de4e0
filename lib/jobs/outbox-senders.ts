import type { Inngest } from 'inngest';
import type { outbox } from '@/db/schema';
import { workflowBackend } from './backend';
import type { AnyWorkflow } from './define-workflow';

export type OutboxRow = typeof outbox.$inferSelect;
/** What a dispatcher claims and hands to a sender: the event, plus the row's attempt count. */
export type OutboxEvent = Pick<OutboxRow, 'id' | 'name' | 'data' | 'tenantId' | 'attempts'>;

/**
 * Hands a batch of events on. Resolving means every event in the batch was accepted; throwing
 * means none is taken as sent: the batch's rows stay pending and are retried with backoff (a
 * receiver that did take some gets them again under the same event ids and drops the repeats).
 * `maxEvents`/`maxBytes` are the receiver's per-request limits: the dispatcher splits claimed rows
 * into batches within them.
 */
export type OutboxSender = {
  send(batch: readonly OutboxEvent[]): Promise<void>;
  maxEvents?: number;
  maxBytes?: number;
  /** How long a dispatch pass through this sender may run when the caller sets no budget. */
  passBudgetMs?: number;
};

/**
 * The inline runner's pass budget. Its handover is instant, but the dispatcher's next claim and
 * record queue behind the transactions of the runs just started (PGlite has one connection, the
 * pool is FIFO): 10,000 events with a trivial workflow drain in ~22 s on Postgres here. That
 * backpressure is useful (a recorded batch means its runs' first writes have committed), and an
 * in-process pass has no request or step to finish, so it may run until drained — under the
 * sweep's one-minute interval.
 */
export const INLINE_PASS_BUDGET_MS = 50_000;

/**
 * Inngest's event API per request: at most 5,000 events; the body limit is 256 KiB on the free
 * plan (more on paid plans and on request). Counted on the JSON we send, with room for the SDK's
 * envelope (`ts`, defaults).
 */
export const INNGEST_MAX_EVENTS_PER_REQUEST = 5_000;
export const INNGEST_MAX_REQUEST_BYTES = 256 * 1024;
/** What the SDK adds around each event (`"ts":1764619200000,` and separators), generously. */
const ENVELOPE_BYTES = 64;
const REQUEST_MARGIN_BYTES = 1_024;

/** Events without an explicit limit are handed over this many at a time (inline: no receiver limit). */
const DEFAULT_BATCH_EVENTS = 1_000;

/** The bytes an event takes in a send request: the JSON the event API receives for it. */
export function eventBytes(row: Pick<OutboxEvent, 'id' | 'name' | 'data'>): number {
  return Buffer.byteLength(JSON.stringify({ id: row.id, name: row.name, data: row.data })) + ENVELOPE_BYTES;
}

/**
 * Splits rows into batches of at most `maxEvents` events and `maxBytes` bytes each, in order. An
 * event larger than `maxBytes` on its own goes alone (the receiver refuses it, and it backs off);
 * enqueueEvent keeps that from happening.
 */
export function batchRows<R extends Pick<OutboxEvent, 'id' | 'name' | 'data'>>(rows: readonly R[], sender: Pick<OutboxSender, 'maxEvents' | 'maxBytes'>): R[][] {
  const maxEvents = Math.max(1, sender.maxEvents ?? DEFAULT_BATCH_EVENTS);
  const maxBytes = sender.maxBytes === undefined ? Number.POSITIVE_INFINITY : Math.max(1, sender.maxBytes - REQUEST_MARGIN_BYTES);
  const batches: R[][] = [];
  let current: R[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Number.isFinite(maxBytes) ? eventBytes(row) : 0;
    if (current.length && (current.length >= maxEvents || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}

type EventSink = Pick<Inngest.Any, 'send'>;

/**
 * Sends each batch in one `inngest.send([...])` request, the row id as the event id: Inngest
 * drops a resend of an id it has seen (a lost acknowledgement, a lease that ran out mid-send).
 * The SDK itself retries a failed request a few times (100 ms base, exponential) before throwing.
 */
export function inngestSender(
  options: { client?: EventSink; maxEvents?: number; maxBytes?: number } = {},
): OutboxSender {
  return {
    maxEvents: Math.min(INNGEST_MAX_EVENTS_PER_REQUEST, options.maxEvents ?? INNGEST_MAX_EVENTS_PER_REQUEST),
    maxBytes: options.maxBytes ?? INNGEST_MAX_REQUEST_BYTES,
    async send(batch) {
      const client = options.client ?? (await import('./inngest-client')).inngest;
      await client.send(batch.map((row) => ({ id: row.id, name: row.name, data: row.data })));
    },
  };
}

/**
 * Zero-config: hands each event to the inline runner without waiting for the runs. Failures are
 * the runs' business (retries, job_runs); handing over itself cannot fail. The two modules are
 * imported lazily, once per batch, so workflow modules that import lib/jobs form no cycle.
 * `workflowsFor` replaces the catalog lookup (tests and bench/ use workflows outside the list).
 */
export function inlineSender(options: { workflowsFor?: (name: string) => readonly AnyWorkflow[] } = {}): OutboxSender {
  return {
    passBudgetMs: INLINE_PASS_BUDGET_MS,
    async send(batch) {
      const [{ workflowsForEvent }, { runInline }] = await Promise.all([import('./catalog'), import('./inline-runner')]);
      const lookup = options.workflowsFor ?? workflowsForEvent;
      for (const row of batch) {
        for (const workflow of lookup(row.name)) {
          runInline(workflow, { id: row.id, data: row.data }).catch(() => undefined);
        }
      }
    },
  };
}

export function defaultOutboxSender(): OutboxSender {
  return workflowBackend() === 'inline' ? inlineSender() : inngestSender();
}
