import { sql } from 'drizzle-orm';
import { withSystem } from '@/db/tenant';
import { rowsOf } from '@/db/rows';
import { enqueueEvents } from '@/lib/jobs/outbox';

export const BOT_RUN_EVENT = 'bots/run.requested';

/** The start of the run-interval slot that `at` falls in, counted from the epoch (UTC). */
export function slotStart(at: Date, intervalMinutes: number): Date {
  const ms = intervalMinutes * 60_000;
  return new Date(Math.floor(at.getTime() / ms) * ms);
}

/** When a bot that runs every `intervalMinutes` runs next after `at`: the start of the following slot. */
export function nextSlot(at: Date, intervalMinutes: number): Date {
  return new Date(slotStart(at, intervalMinutes).getTime() + intervalMinutes * 60_000);
}

export type QueuedRun = { tenantId: string; botId: string; slot: string };

/**
 * One scheduler tick: claims every active bot whose next run is due, moves its next run to the
 * following slot and writes one `bots/run.requested` event per bot — all in one transaction, so a
 * bot is queued exactly when its schedule moves on. The slot is the current slot of the bot's own
 * interval: a bot that missed runs (the scheduler was down) runs once, now, not once per missed
 * slot. The event's idempotency key is `botId:slot`, so a tick that runs twice (a retried cron, two
 * ticker processes) queues no second run. SKIP LOCKED lets two concurrent ticks split the work.
 */
export async function queueDueBotRuns(now = new Date(), options: { limit?: number; tenantIds?: readonly string[] } = {}): Promise<{ queued: number; runs: QueuedRun[] }> {
  const limit = options.limit ?? 50_000;
  // `tenantIds` narrows a tick to some workspaces (an operator re-running it for them; tests).
  const only = options.tenantIds ? sql`and tenant_id = any(${`{${options.tenantIds.join(',')}}`}::uuid[])` : sql``;
  // postgres-js takes a Date only where drizzle knows the column; in raw SQL it wants the text.
  const at = now.toISOString();
  return withSystem('bots: queue due runs', async (tx) => {
    const claimed = rowsOf<{ id: string; tenant_id: string; slot: Date | string }>(
      await tx.execute(sql`
        with due as (
          select id, tenant_id, run_interval_minutes * 60 as seconds
          from bots
          where status = 'active' and next_run_at <= ${at}::timestamptz ${only}
          order by next_run_at
          limit ${limit}
          for update skip locked
        ), slotted as (
          select id, tenant_id, seconds,
                 to_timestamp(floor(extract(epoch from ${at}::timestamptz) / seconds) * seconds) as slot
          from due
        )
        update bots b
        set next_run_at = slotted.slot + make_interval(secs => slotted.seconds)
        from slotted
        where b.tenant_id = slotted.tenant_id and b.id = slotted.id
        returning b.id, b.tenant_id, slotted.slot`),
    );
    const runs: QueuedRun[] = claimed.map((row) => ({ tenantId: row.tenant_id, botId: row.id, slot: new Date(row.slot).toISOString() }));
    await enqueueEvents(
      tx,
      runs.map((run) => ({ name: BOT_RUN_EVENT, tenantId: run.tenantId, data: { ...run } })),
    );
    return { queued: runs.length, runs };
  });
}
