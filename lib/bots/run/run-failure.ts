import { eq, ne, sql } from 'drizzle-orm';
import { botRunLogs, bots } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { isExchangeError } from '../exchange/types';
import { notifyBot } from '../notify/notify';

/** Failed runs in a row (each after its retries) that turn a bot to `error`. */
export const MAX_CONSECUTIVE_FAILURES = 3;

/** A reason fit for the run log and the owner's email: ours and the exchange's words, never a stack or a secret. */
export function failureReason(error: unknown): string {
  if (isExchangeError(error)) return `The exchange refused: ${error.message}`.slice(0, 500);
  if (error instanceof AppError) return error.message.slice(0, 500);
  return 'The run failed unexpectedly; it is logged for the operators.';
}

/**
 * After a run's last attempt failed: the slot's log says why, the bot counts one more failure in
 * a row, and the third stops it (status `error`, audited, `bot.error` webhook, the owners told).
 * A successful run resets the count (run-bot.ts).
 */
export async function recordRunFailure(ctx: TenantContext, input: { botId: string; slot: string }, error: unknown, now = new Date()): Promise<{ failures: number; stopped: boolean }> {
  const reason = failureReason(error);
  return withTenant(ctx, async (tx) => {
    const [bot] = await tx
      .update(bots)
      .set({ consecutiveFailures: sql`${bots.consecutiveFailures} + 1`, errorReason: reason })
      .where(eq(bots.id, input.botId))
      .returning({ name: bots.name, status: bots.status, failures: bots.consecutiveFailures });
    if (!bot) return { failures: 0, stopped: false };
    // A paper run's claim rolled back with the run, so the slot may have no log row yet.
    await tx
      .insert(botRunLogs)
      .values({ tenantId: ctx.tenantId, botId: input.botId, slot: new Date(input.slot), status: 'failed', message: reason, attempts: 1 })
      .onConflictDoUpdate({
        target: [botRunLogs.tenantId, botRunLogs.botId, botRunLogs.slot],
        set: { status: 'failed', message: reason },
        setWhere: ne(botRunLogs.status, 'succeeded'),
      });
    if (bot.failures < MAX_CONSECUTIVE_FAILURES || bot.status !== 'active') return { failures: bot.failures, stopped: false };
    await tx.update(bots).set({ status: 'error', updatedAt: now }).where(eq(bots.id, input.botId));
    await recordWorkspaceAudit(tx, ctx.tenantId, {
      action: 'bot.failed',
      actorUserId: null,
      targetType: 'bot',
      targetId: input.botId,
      metadata: { name: bot.name, failures: bot.failures, reason },
    });
    await emitWebhookEvent(tx, ctx.tenantId, 'bot.error', { bot_id: input.botId, name: bot.name, reason }, { now });
    await notifyBot(tx, ctx.tenantId, input.botId, {
      event: 'error',
      headline: `stopped after ${bot.failures} failed runs`,
      message: `${bot.name} failed ${bot.failures} runs in a row, so Tessera stopped it. Fix the cause, then start it again.`,
      rows: [['Last error', reason]],
    });
    return { failures: bot.failures, stopped: true };
  });
}
