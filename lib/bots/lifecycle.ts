import { and, eq, ne } from 'drizzle-orm';
import { bots } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { assertFeature, checkLimit } from '@/lib/billing/gates';
import { AppError } from '@/lib/errors/app-error';
import { enqueueWorkflow } from '@/lib/jobs/outbox';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { getBotOrThrow, isLive, type BotItem, type BotStatus } from './bots';
import { botRunWorkflow } from './workflows';

// Start, pause, resume and stop. Every change is audited; the scheduler only ever looks at active
// bots, so pausing or stopping takes effect before the next tick.

type Transition = 'start' | 'pause' | 'resume' | 'stop';

const ALLOWED: Record<Transition, readonly BotStatus[]> = {
  start: ['inactive', 'error'],
  pause: ['active'],
  resume: ['paused'],
  stop: ['active', 'paused', 'error'],
};

const REFUSED: Record<Transition, string> = {
  start: 'This bot is already running. Pause or stop it instead.',
  pause: 'Only a running bot can be paused.',
  resume: 'Only a paused bot can be resumed.',
  stop: 'This bot is not running.',
};

async function transition(tx: Tx, ctx: TenantContext, botId: string, move: Transition, meta: RequestMeta, set: Partial<typeof bots.$inferInsert>, metadata: Record<string, unknown> = {}): Promise<BotItem> {
  const bot = await getBotOrThrow(tx, botId, { lock: true });
  if (!ALLOWED[move].includes(bot.status)) throw new AppError('conflict', REFUSED[move], { status: bot.status });
  await tx.update(bots).set({ ...set, updatedAt: new Date() }).where(eq(bots.id, botId));
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    actorUserId: ctx.userId,
    targetType: 'bot',
    targetId: botId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    action: `bot.${move === 'start' ? 'started' : move === 'pause' ? 'paused' : move === 'resume' ? 'resumed' : 'stopped'}`,
    metadata: { name: bot.name, from: bot.status, ...metadata },
  });
  return getBotOrThrow(tx, botId);
}

/**
 * Counts against the plan when a bot starts (a bot you design or backtest costs nothing): live bots
 * need the plan's live trading and count against `bots.live`; paper and testnet bots against
 * `bots.paper`. The first run is due at once.
 */
export async function startBot(tx: Tx, ctx: TenantContext, botId: string, meta: RequestMeta, now = new Date()): Promise<BotItem> {
  const bot = await getBotOrThrow(tx, botId, { lock: true });
  const live = isLive(bot);
  if (live) await assertFeature(tx, ctx.tenantId, 'bots.live');
  if (bot.exchange !== 'paper' && !bot.credentialsHint) throw new AppError('validation_failed', 'Add the exchange API key and secret before starting this bot.', { field: 'credentials.apiKey' });
  const active = await tx.select({ exchange: bots.exchange, testnet: bots.testnet }).from(bots).where(and(eq(bots.status, 'active'), ne(bots.id, botId)));
  const sameKind = active.filter((other) => isLive(other) === live).length;
  await checkLimit(tx, ctx.tenantId, live ? 'bots.live' : 'bots.paper', sameKind);
  return transition(tx, ctx, botId, 'start', meta, { status: 'active', nextRunAt: now, consecutiveFailures: 0, errorReason: null });
}

export function pauseBot(tx: Tx, ctx: TenantContext, botId: string, meta: RequestMeta): Promise<BotItem> {
  return transition(tx, ctx, botId, 'pause', meta, { status: 'paused', nextRunAt: null });
}

export function resumeBot(tx: Tx, ctx: TenantContext, botId: string, meta: RequestMeta, now = new Date()): Promise<BotItem> {
  return transition(tx, ctx, botId, 'resume', meta, { status: 'active', nextRunAt: now });
}

/**
 * Stops scheduling. With `closePositions` a close-out run is queued in the same transaction: it
 * cancels the bot's resting orders and closes its positions at market (run/close-out.ts).
 */
export async function stopBot(tx: Tx, ctx: TenantContext, botId: string, meta: RequestMeta, options: { closePositions?: boolean; now?: Date } = {}): Promise<BotItem> {
  const closePositions = options.closePositions ?? false;
  const stopped = await transition(tx, ctx, botId, 'stop', meta, { status: 'inactive', nextRunAt: null }, { closePositions });
  if (closePositions) await enqueueWorkflow(tx, botRunWorkflow, { tenantId: ctx.tenantId, botId, slot: (options.now ?? new Date()).toISOString(), closeOut: true });
  return stopped;
}
