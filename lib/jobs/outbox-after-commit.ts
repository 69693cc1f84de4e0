import { after } from 'next/server';
import { inTransaction } from '@/db/tenant';
import { getLogger } from '@/lib/observability/logger';
import { dispatchOutbox } from './outbox-dispatch';

type Kick = { running: Promise<void> | null; again: boolean };
const kickHolder = globalThis as unknown as { __tesseraOutboxKick?: Kick };

function kickState(): Kick {
  return (kickHolder.__tesseraOutboxKick ??= { running: null, again: false });
}

/**
 * Dispatches now, in the background. Never rejects, and kicks that arrive while a dispatch runs
 * fold into one more pass. If it fails, the periodic sweep (cron ticker or Inngest cron) still
 * delivers. Must be called outside any transaction, once the one that enqueued has committed.
 */
export function afterCommitDispatch(): Promise<void> {
  const kick = kickState();
  if (kick.running) {
    kick.again = true;
    return kick.running;
  }
  kick.running = (async () => {
    do {
      kick.again = false;
      try {
        await dispatchOutbox();
      } catch (error) {
        getLogger({ module: 'outbox' }).warn({ err: error }, 'outbox dispatch after commit failed; the sweep will retry');
      }
    } while (kick.again);
  })().finally(() => {
    kick.running = null;
  });
  return kick.running;
}

/** Resolves when the background dispatch running now (if any), and the passes folded into it, are done. */
export async function outboxDispatchSettled(): Promise<void> {
  const kick = kickState();
  while (kick.running) await kick.running;
}

export type DispatchScheduling = 'after-response' | 'now' | 'skipped-in-transaction';

/**
 * What the entry-point wrappers call once their transaction has committed, so no author has to
 * remember it. In a request (server action, route handler) the dispatch runs after the response
 * is sent, through Next's `after()`; outside one (scripts, tests, the cron ticker, workflow
 * runners) `after()` throws, and the dispatch is kicked at once instead. Never throws.
 *
 * Inside an open transaction it does nothing but log: the events are not committed yet, and
 * `after()` would carry the transaction's async context into the callback, where opening the
 * dispatch's own transaction is refused as nested. The sweep delivers them anyway.
 */
export function dispatchAfterResponse(): DispatchScheduling {
  if (inTransaction()) {
    getLogger({ module: 'outbox' }).warn('dispatchAfterResponse() called inside a transaction: call it once the transaction has committed; the sweep will deliver');
    return 'skipped-in-transaction';
  }
  try {
    after(() => afterCommitDispatch());
    return 'after-response';
  } catch {
    // Outside a request scope (Next: "`after` was called outside a request scope"), or waitUntil
    // is unavailable here: fire and forget.
  }
  void afterCommitDispatch();
  return 'now';
}
