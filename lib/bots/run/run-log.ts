import { and, eq, sql } from 'drizzle-orm';
import { botRunLogs } from '@/db/schema';
import type { Tx } from '@/db/tenant';

// One run log row per bot and slot: the first attempt creates it, a retry or a duplicated event
// finds it. A slot that already succeeded is never run again.

export type RunClaim = { logId: string; alreadySucceeded: boolean; attempts: number };

export async function claimRunSlot(tx: Tx, tenantId: string, botId: string, slot: Date): Promise<RunClaim> {
  const [row] = await tx
    .insert(botRunLogs)
    .values({ tenantId, botId, slot, status: 'running', attempts: 1 })
    .onConflictDoUpdate({
      target: [botRunLogs.tenantId, botRunLogs.botId, botRunLogs.slot],
      // A finished slot keeps its outcome; anything else counts one more attempt.
      set: {
        attempts: sql`case when ${botRunLogs.status} = 'succeeded' then ${botRunLogs.attempts} else ${botRunLogs.attempts} + 1 end`,
        status: sql`case when ${botRunLogs.status} = 'succeeded' then ${botRunLogs.status} else 'running' end`,
      },
    })
    .returning({ id: botRunLogs.id, status: botRunLogs.status, attempts: botRunLogs.attempts });
  return { logId: row!.id, alreadySucceeded: row!.status === 'succeeded', attempts: row!.attempts };
}

export async function finishRunLog(
  tx: Tx,
  logId: string,
  outcome: { status: 'succeeded' | 'failed' | 'skipped'; message: string; durationMs: number; details?: Record<string, unknown> },
): Promise<void> {
  await tx
    .update(botRunLogs)
    .set({ status: outcome.status, message: outcome.message, durationMs: Math.round(outcome.durationMs), details: outcome.details ?? {} })
    .where(and(eq(botRunLogs.id, logId)));
}
