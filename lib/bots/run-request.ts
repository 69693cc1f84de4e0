import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { enqueueWorkflow } from '@/lib/jobs/outbox';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { getBotOrThrow } from './bots';
import { botRunWorkflow } from './workflows';

/**
 * "Run now": one run of an active bot outside its schedule. Its slot is this instant, so it has a
 * run log of its own and its idempotency key (botId:slot) differs from the scheduled ones; the
 * workflow's per-bot concurrency of one keeps it from overlapping a scheduled run.
 */
export async function requestBotRun(tx: Tx, ctx: TenantContext, botId: string, meta: RequestMeta, now = new Date()): Promise<{ slot: string }> {
  const bot = await getBotOrThrow(tx, botId);
  if (bot.status !== 'active') throw new AppError('conflict', 'Start the bot first: only a running bot runs.', { status: bot.status });
  const slot = now.toISOString();
  await enqueueWorkflow(tx, botRunWorkflow, { tenantId: ctx.tenantId, botId, slot });
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'bot.run_requested',
    actorUserId: ctx.userId,
    targetType: 'bot',
    targetId: botId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { name: bot.name, slot },
  });
  return { slot };
}
