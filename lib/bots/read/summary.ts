import { desc, eq, max, sql } from 'drizzle-orm';
import { botDeals, bots, botTrades } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { decimalText, optionalDecimalText } from './decimal-text';
import type { TradeAction } from './trades';

/** What the bots list shows beside each bot. */
export type BotListStats = {
  /** Realised PnL minus fees, decimal text. */
  netPnl: string;
  openDeals: number;
  closedDeals: number;
  lastTradeAt: Date | null;
};

export const EMPTY_BOT_STATS: BotListStats = { netPnl: '0', openDeals: 0, closedDeals: 0, lastTradeAt: null };

/** Per bot, in two grouped queries (not one per bot). Bots without trades or deals are absent: use EMPTY_BOT_STATS. */
export async function botListStats(tx: Tx): Promise<Map<string, BotListStats>> {
  const trades = await tx
    .select({
      botId: botTrades.botId,
      net: sql<string>`(coalesce(sum(${botTrades.pnl}), 0) - coalesce(sum(${botTrades.fee}), 0))::text`,
      lastAt: max(botTrades.executedAt),
    })
    .from(botTrades)
    .groupBy(botTrades.botId);
  const deals = await tx
    .select({
      botId: botDeals.botId,
      open: sql<number>`(count(*) filter (where ${botDeals.status} = 'open'))::int`,
      closed: sql<number>`(count(*) filter (where ${botDeals.status} <> 'open'))::int`,
    })
    .from(botDeals)
    .groupBy(botDeals.botId);
  const stats = new Map<string, BotListStats>();
  const entry = (botId: string) => stats.get(botId) ?? (stats.set(botId, { ...EMPTY_BOT_STATS }), stats.get(botId)!);
  for (const row of trades) Object.assign(entry(row.botId), { netPnl: decimalText(row.net), lastTradeAt: row.lastAt ?? null });
  for (const row of deals) Object.assign(entry(row.botId), { openDeals: row.open, closedDeals: row.closed });
  return stats;
}

export type RecentBotTrade = {
  id: string;
  botId: string;
  botName: string;
  symbol: string;
  action: TradeAction;
  pnl: string | null;
  executedAt: Date;
};

/** The workspace dashboard's Bots card. */
export type WorkspaceBotSummary = {
  total: number;
  active: number;
  paused: number;
  error: number;
  openDeals: number;
  /** Realised PnL minus fees over every bot, decimal text in USDT (every bot quotes in USDT). */
  netPnl: string;
  /** The soonest scheduled run of an active bot. */
  nextRunAt: Date | null;
  recentTrades: RecentBotTrade[];
};

export async function workspaceBotSummary(tx: Tx, options: { recent?: number } = {}): Promise<WorkspaceBotSummary> {
  const [counts] = await tx
    .select({
      total: sql<number>`count(*)::int`,
      active: sql<number>`(count(*) filter (where ${bots.status} = 'active'))::int`,
      paused: sql<number>`(count(*) filter (where ${bots.status} = 'paused'))::int`,
      error: sql<number>`(count(*) filter (where ${bots.status} = 'error'))::int`,
      nextRunAt: sql<string | null>`min(${bots.nextRunAt}) filter (where ${bots.status} = 'active')`,
    })
    .from(bots);
  const [money] = await tx.select({ net: sql<string>`(coalesce(sum(${botTrades.pnl}), 0) - coalesce(sum(${botTrades.fee}), 0))::text` }).from(botTrades);
  const [open] = await tx.select({ count: sql<number>`count(*)::int` }).from(botDeals).where(eq(botDeals.status, 'open'));
  const recent = await tx
    .select({
      id: botTrades.id,
      botId: botTrades.botId,
      botName: bots.name,
      symbol: botTrades.symbol,
      action: botTrades.action,
      pnl: botTrades.pnl,
      executedAt: botTrades.executedAt,
    })
    .from(botTrades)
    .innerJoin(bots, eq(bots.id, botTrades.botId))
    .orderBy(desc(botTrades.executedAt), desc(botTrades.id))
    .limit(Math.max(0, options.recent ?? 5));
  return {
    total: counts?.total ?? 0,
    active: counts?.active ?? 0,
    paused: counts?.paused ?? 0,
    error: counts?.error ?? 0,
    openDeals: open?.count ?? 0,
    netPnl: decimalText(money?.net),
    nextRunAt: counts?.nextRunAt ? new Date(counts.nextRunAt) : null,
    recentTrades: recent.map((row) => ({ ...row, action: row.action as TradeAction, pnl: optionalDecimalText(row.pnl) })),
  };
}
