import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { botPairs, bots } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { checkLimit } from '@/lib/billing/gates';
import { AppError } from '@/lib/errors/app-error';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import type { ExchangeId } from './bot-input';
import { parseBotConfig, type ParsedBot } from './bot-config';
import { sealCredentials } from './credentials';
import { readNotify, storeNotify, type NotifyView } from './notify/settings';
import type { StrategyId } from './engine/types';

// Bot commands and queries take the entry point's tenant transaction (DESIGN.md §2); the
// permission (products.write) is named once by the action wrapper or the API scope.

export type BotStatus = 'inactive' | 'active' | 'paused' | 'error';

export type BotPairItem = {
  id: string;
  symbol: string;
  side: 'long' | 'short';
  leverage: number;
  automatic: boolean;
  params: Record<string, unknown>;
  filters: Record<string, unknown>;
  active: boolean;
};

export type BotItem = {
  id: string;
  name: string;
  exchange: ExchangeId;
  testnet: boolean;
  /** `abcd…wxyz`, or null for paper bots. The credentials themselves never leave the server. */
  credentialsHint: string | null;
  strategy: StrategyId;
  status: BotStatus;
  runIntervalMinutes: number;
  quoteCurrency: string;
  paperStartingBalance: string | null;
  errorReason: string | null;
  notify: NotifyView;
  consecutiveFailures: number;
  lastRunAt: Date | null;
  nextRunAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  pairs: BotPairItem[];
};

type BotRow = typeof bots.$inferSelect;
type PairRow = typeof botPairs.$inferSelect;

function toPair(row: PairRow): BotPairItem {
  return {
    id: row.id,
    symbol: row.symbol,
    side: row.side as BotPairItem['side'],
    leverage: row.leverage,
    automatic: row.automatic,
    params: row.params,
    filters: row.filters,
    active: row.active,
  };
}

function toItem(row: BotRow, pairs: PairRow[]): BotItem {
  return {
    id: row.id,
    name: row.name,
    exchange: row.exchange as ExchangeId,
    testnet: row.testnet,
    credentialsHint: row.credentialsHint,
    strategy: row.strategy as StrategyId,
    status: row.status as BotStatus,
    runIntervalMinutes: row.runIntervalMinutes,
    quoteCurrency: row.quoteCurrency,
    paperStartingBalance: row.paperStartingBalance,
    errorReason: row.errorReason,
    notify: readNotify(row.notify),
    consecutiveFailures: row.consecutiveFailures,
    lastRunAt: row.lastRunAt,
    nextRunAt: row.nextRunAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    pairs: pairs.map(toPair),
  };
}

/** A bot that trades real money: an exchange account off its testnet. */
export function isLive(bot: { exchange: string; testnet: boolean }): boolean {
  return bot.exchange !== 'paper' && !bot.testnet;
}

function auditOf(ctx: TenantContext, meta: RequestMeta, botId: string) {
  return { actorUserId: ctx.userId, targetType: 'bot', targetId: botId, ip: meta.ip, userAgent: meta.userAgent };
}

export async function listBots(tx: Tx): Promise<BotItem[]> {
  const rows = await tx.select().from(bots).orderBy(desc(bots.createdAt), desc(bots.id));
  const pairs = await tx.select().from(botPairs).orderBy(asc(botPairs.createdAt), asc(botPairs.symbol));
  return rows.map((row) => toItem(row, pairs.filter((pair) => pair.botId === row.id)));
}

export async function getBotOrThrow(tx: Tx, botId: string, options: { lock?: boolean } = {}): Promise<BotItem> {
  const query = tx.select().from(bots).where(eq(bots.id, botId)).limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'That bot does not exist.');
  const pairs = await tx.select().from(botPairs).where(eq(botPairs.botId, botId)).orderBy(asc(botPairs.createdAt), asc(botPairs.symbol));
  return toItem(row, pairs);
}

/** The plan's pairs-per-bot limit, counted as if the bot already had one pair fewer than asked. */
async function checkPairs(tx: Tx, tenantId: string, count: number): Promise<void> {
  await checkLimit(tx, tenantId, 'bots.pairs_per_bot', count - 1);
}

function notifyColumns(tenantId: string, config: ParsedBot, current: { notify: unknown; telegramTokenSealed: string | null } | null) {
  const stored = storeNotify(tenantId, config.notify, current);
  if ('missingToken' in stored) {
    const message = 'Paste the Telegram bot token, or leave Telegram off.';
    throw new AppError('validation_failed', message, { fields: { 'notify.telegram.botToken': [message] } });
  }
  return { notify: stored.notify, ...(stored.tokenSealed === undefined ? {} : { telegramTokenSealed: stored.tokenSealed }) };
}

function pairValues(tenantId: string, botId: string, config: ParsedBot, now: Date) {
  return config.pairs.map((pair) => ({
    tenantId,
    botId,
    symbol: pair.symbol,
    side: pair.side,
    leverage: pair.leverage,
    automatic: pair.automatic,
    params: pair.params,
    filters: pair.filters,
    createdAt: now,
    updatedAt: now,
  }));
}

/** Creates a bot, inactive: starting it is a separate, plan-checked step. */
export async function createBot(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta, now = new Date()): Promise<BotItem> {
  const config = parseBotConfig(raw);
  await checkPairs(tx, ctx.tenantId, config.pairs.length);
  const credentials = config.credentials ? sealCredentials(ctx.tenantId, config.credentials) : null;
  const [row] = await tx
    .insert(bots)
    .values({
      tenantId: ctx.tenantId,
      name: config.name,
      exchange: config.exchange,
      testnet: config.exchange === 'paper' ? true : config.testnet,
      credentialsSealed: config.exchange === 'paper' ? null : credentials?.sealed ?? null,
      credentialsHint: config.exchange === 'paper' ? null : credentials?.hint ?? null,
      strategy: config.strategy,
      runIntervalMinutes: config.runIntervalMinutes,
      paperStartingBalance: config.exchange === 'paper' ? config.paperStartingBalance : null,
      ...notifyColumns(ctx.tenantId, config, null),
      createdBy: ctx.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await tx.insert(botPairs).values(pairValues(ctx.tenantId, row!.id, config, now));
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    ...auditOf(ctx, meta, row!.id),
    action: 'bot.created',
    metadata: { name: config.name, exchange: config.exchange, testnet: row!.testnet, strategy: config.strategy, pairs: config.pairs.map((p) => p.symbol) },
  });
  return getBotOrThrow(tx, row!.id);
}

/**
 * Replaces a bot's configuration; the next run uses it. Pairs keep their strategy state when
 * their symbol stays (an open deal carries on under the new parameters); removed pairs go.
 * Switching exchange or strategy needs a bot that isn't running.
 */
export async function updateBot(tx: Tx, ctx: TenantContext, botId: string, raw: unknown, meta: RequestMeta, now = new Date()): Promise<BotItem> {
  const current = await getBotOrThrow(tx, botId, { lock: true });
  const config = parseBotConfig(raw, { credentialsOnFile: current.credentialsHint !== null });
  const [notifyOnFile = null] = await tx.select({ notify: bots.notify, telegramTokenSealed: bots.telegramTokenSealed }).from(bots).where(eq(bots.id, botId));
  const running = current.status === 'active' || current.status === 'paused';
  if (running && (config.exchange !== current.exchange || config.strategy !== current.strategy || config.testnet !== current.testnet)) {
    throw new AppError('conflict', 'Stop the bot before changing its exchange, network or strategy.', { field: 'exchange' });
  }
  if (running && isLive(config) && !isLive(current)) throw new AppError('conflict', 'Stop the bot before switching it to live trading.');
  await checkPairs(tx, ctx.tenantId, config.pairs.length);
  const credentials = config.credentials ? sealCredentials(ctx.tenantId, config.credentials) : null;
  await tx
    .update(bots)
    .set({
      name: config.name,
      exchange: config.exchange,
      testnet: config.exchange === 'paper' ? true : config.testnet,
      ...(config.exchange === 'paper'
        ? { credentialsSealed: null, credentialsHint: null }
        : credentials
          ? { credentialsSealed: credentials.sealed, credentialsHint: credentials.hint }
          : {}),
      strategy: config.strategy,
      runIntervalMinutes: config.runIntervalMinutes,
      paperStartingBalance: config.exchange === 'paper' ? config.paperStartingBalance : null,
      ...notifyColumns(ctx.tenantId, config, notifyOnFile),
      version: sql`${bots.version} + 1`,
      updatedAt: now,
    })
    .where(eq(bots.id, botId));
  const kept = new Set(config.pairs.map((pair) => pair.symbol));
  for (const pair of current.pairs) if (!kept.has(pair.symbol)) await tx.delete(botPairs).where(eq(botPairs.id, pair.id));
  for (const values of pairValues(ctx.tenantId, botId, config, now)) {
    await tx
      .insert(botPairs)
      .values(values)
      .onConflictDoUpdate({
        target: [botPairs.tenantId, botPairs.botId, botPairs.symbol],
        set: { side: values.side, leverage: values.leverage, automatic: values.automatic, params: values.params, filters: values.filters, updatedAt: now },
      });
  }
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    ...auditOf(ctx, meta, botId),
    action: 'bot.updated',
    metadata: { name: config.name, strategy: config.strategy, pairs: config.pairs.map((p) => p.symbol), credentialsChanged: credentials !== null },
  });
  return getBotOrThrow(tx, botId);
}

export async function deleteBot(tx: Tx, ctx: TenantContext, botId: string, meta: RequestMeta): Promise<void> {
  const current = await getBotOrThrow(tx, botId, { lock: true });
  if (current.status === 'active' && isLive(current)) {
    throw new AppError('conflict', 'Stop this live bot first, so its orders and positions are dealt with before it goes.');
  }
  await tx.delete(bots).where(and(eq(bots.id, botId)));
  await recordWorkspaceAudit(tx, ctx.tenantId, { ...auditOf(ctx, meta, botId), action: 'bot.deleted', metadata: { name: current.name } });
}
