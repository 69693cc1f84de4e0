import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { outbox } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { getLogger } from '@/lib/observability/logger';
import { errorText } from './errors';
import { batchRows, defaultOutboxSender, type OutboxEvent, type OutboxSender } from './outbox-senders';

/**
 * Pending rows are leased, not held locked, so no transaction stays open across a network send:
 * a claim moves `available_at` past the lease, and a dispatcher that dies mid-send leaves its rows
 * to be claimed again once the lease runs out.
 */
const LEASE_MS = 60_000;
const BACKOFF_BASE_MS = 15_000;
const BACKOFF_MAX_MS = 3_600_000;
/** Rows claimed per round trip; each claim is split into send batches within the sender's limits. */
const DEFAULT_CLAIM_SIZE = 2_000;
const MAX_CLAIM_SIZE = 5_000;
/**
 * A dispatch stops claiming after this long (the sender may ask for longer: the inline one does);
 * the sweep or the next kick takes the rest. Short enough for an after() callback or an Inngest step.
 */
export const DEFAULT_DISPATCH_BUDGET_MS = 5_000;
/** Send batches of one claim in flight at once. */
const SEND_CONCURRENCY = 4;

/** The delay before a row's `attempts`-th retry. The failure update computes the same in SQL. */
export function outboxBackoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

const later = (ms: number) => sql`clock_timestamp() + make_interval(secs => ${ms / 1000}::float8)`;

/**
 * Due means `available_at <= now()` (the claim's start, a stable value the partial index
 * `outbox_pending_idx` can serve, unlike clock_timestamp()), oldest first by that column alone so
 * the index order is the claim order. Returns only what a sender needs: no timestamps to parse.
 */
async function claim(limit: number, tenantId: string | undefined): Promise<OutboxEvent[]> {
  return withSystem('workflows: outbox dispatch', async (tx) => {
    const due = tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(isNull(outbox.dispatchedAt), lte(outbox.availableAt, sql`now()`), tenantId ? eq(outbox.tenantId, tenantId) : undefined))
      .orderBy(asc(outbox.availableAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    return tx
      .update(outbox)
      .set({ availableAt: later(LEASE_MS) })
      .where(inArray(outbox.id, due))
      .returning({ id: outbox.id, name: outbox.name, data: outbox.data, tenantId: outbox.tenantId, attempts: outbox.attempts });
  });
}

/** One array parameter instead of one parameter per id: a 2,000-id statement stays cheap to bind and plan. */
const idIn = (ids: readonly string[]) => sql`${outbox.id} = any(${`{${ids.join(',')}}`}::uuid[])`;

type BatchOutcome = { rows: OutboxEvent[]; error: string | null };

/** Runs `fn` over `items` with at most `limit` in flight; never rejects (fn's own outcome says). */
async function eachLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function sendBatches(rows: OutboxEvent[], sender: OutboxSender): Promise<BatchOutcome[]> {
  return eachLimited(batchRows(rows, sender), SEND_CONCURRENCY, async (batch) => {
    try {
      await sender.send(batch);
      return { rows: batch, error: null };
    } catch (error) {
      return { rows: batch, error: errorText(error) };
    }
  });
}

/** One transaction records a claim's outcome: sent rows dispatched, each failed batch backed off per row. */
async function record(outcomes: BatchOutcome[]): Promise<void> {
  const sent = outcomes.filter((o) => o.error === null).flatMap((o) => o.rows.map((row) => row.id));
  const failed = outcomes.filter((o) => o.error !== null);
  await withSystem('workflows: outbox dispatch result', async (tx) => {
    if (sent.length) {
      await tx.update(outbox).set({ dispatchedAt: sql`clock_timestamp()`, lastError: null }).where(idIn(sent));
    }
    for (const { rows, error } of failed) {
      // outboxBackoffMs(attempts + 1), from each row's own count (SET sees the row before the update).
      const backoff = sql`least(${BACKOFF_MAX_MS / 1000}::float8, ${BACKOFF_BASE_MS / 1000}::float8 * power(2, ${outbox.attempts}))`;
      await tx
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error, availableAt: sql`clock_timestamp() + make_interval(secs => ${backoff})` })
        .where(idIn(rows.map((row) => row.id)));
    }
  });
}

export type DispatchResult = {
  claimed: number;
  dispatched: number;
  failed: number;
  /** Send requests made (batches handed to the sender). */
  batches: number;
  /** True when the pass stopped because nothing due was left (not because of the budget or a failing receiver). */
  drained: boolean;
};

export type DispatchOptions = {
  /** Only this workspace's events (the sweep takes all). */
  tenantId?: string;
  /** Defaults to the active backend's sender (Inngest, or the inline runner). */
  sender?: OutboxSender;
  /** Stop claiming after this many milliseconds (default: the sender's passBudgetMs, else 5 s); a claim already made is finished. */
  budgetMs?: number;
  /** Rows claimed per round trip (default 2,000, at most 5,000). */
  claimSize?: number;
  /** Claim at most this many events in this call (default: no cap). */
  maxEvents?: number;
  /** @deprecated The claim size; a dispatch now loops until drained. Use `claimSize`. */
  limit?: number;
};

/**
 * Claims due events (`for update skip locked` plus a lease, so concurrent dispatchers never share
 * a row and no transaction spans a send), sends them in batches within the sender's limits, and
 * records the outcome; then claims again, until nothing is due, the time budget is spent, or every
 * batch of a claim failed (the receiver is down: the rest stays due for the next pass rather than
 * being pushed into backoff). A failed batch's rows are retried later with exponential backoff.
 * Delivery is at least once: a crash between send and record resends after the lease, and the
 * receivers dedupe by event id (Inngest by id, job_runs by idempotency key).
 */
export async function dispatchOutbox(options: DispatchOptions = {}): Promise<DispatchResult> {
  const started = performance.now();
  const sender = options.sender ?? defaultOutboxSender();
  const budgetMs = options.budgetMs ?? sender.passBudgetMs ?? DEFAULT_DISPATCH_BUDGET_MS;
  const claimSize = Math.max(1, Math.min(MAX_CLAIM_SIZE, options.claimSize ?? options.limit ?? DEFAULT_CLAIM_SIZE));
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  const tenantId = options.tenantId ? z.uuid().parse(options.tenantId) : undefined;
  const result: DispatchResult = { claimed: 0, dispatched: 0, failed: 0, batches: 0, drained: false };
  const errors: string[] = [];

  while (performance.now() - started < budgetMs && result.claimed < maxEvents) {
    const rows = await claim(Math.min(claimSize, maxEvents - result.claimed), tenantId);
    if (!rows.length) {
      result.drained = true;
      break;
    }
    const outcomes = await sendBatches(rows, sender);
    await record(outcomes);
    result.claimed += rows.length;
    result.batches += outcomes.length;
    for (const { rows: batch, error } of outcomes) {
      if (error === null) result.dispatched += batch.length;
      else {
        result.failed += batch.length;
        errors.push(error);
      }
    }
    if (outcomes.every((o) => o.error !== null)) break;
  }

  if (errors.length) {
    getLogger({ module: 'outbox' }).warn({ failed: result.failed, batches: errors.length, first: errors[0] }, 'outbox sends failed; will retry');
  }
  return result;
}
