import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { botDeals, botTrades } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { decimalText } from './decimal-text';

export type BotPerformance = {
  /** Every fill the bot recorded (opens, adds, reductions, closes). */
  totalTrades: number;
  openDeals: number;
  closedDeals: number;
  /** Closed deals whose realised PnL beat their fees. */
  winningDeals: number;
  /** winningDeals ÷ closedDeals, null before the first deal closes. */
  winRate: number | null;
  /** Realised on reducing fills, before fees (decimal text, quote currency). */
  realisedPnl: string;
  fees: string;
  /** realisedPnl − fees. */
  netPnl: string;
};

/** A bot's totals, summed in the database in numeric: no float ever touches the money. */
export async function botPerformance(tx: Tx, botId: string): Promise<BotPerformance> {
  const [trades] = await tx
    .select({
      count: sql<number>`count(*)::int`,
      pnl: sql<string | null>`sum(${botTrades.pnl})::text`,
      fees: sql<string | null>`sum(${botTrades.fee})::text`,
      net: sql<string | null>`(coalesce(sum(${botTrades.pnl}), 0) - coalesce(sum(${botTrades.fee}), 0))::text`,
    })
    .from(botTrades)
    .where(eq(botTrades.botId, botId));
  const [deals] = await tx
    .select({
      open: sql<number>`(count(*) filter (where ${botDeals.status} = 'open'))::int`,
      closed: sql<number>`(count(*) filter (where ${botDeals.status} <> 'open'))::int`,
      won: sql<number>`(count(*) filter (where ${botDeals.status} <> 'open' and ${botDeals.realisedPnl} - ${botDeals.fees} > 0))::int`,
    })
    .from(botDeals)
    .where(eq(botDeals.botId, botId));
  const closed = deals?.closed ?? 0;
  const won = deals?.won ?? 0;
  return {
    totalTrades: trades?.count ?? 0,
    openDeals: deals?.open ?? 0,
    closedDeals: closed,
    winningDeals: won,
    winRate: closed ? won / closed : null,
    realisedPnl: decimalText(trades?.pnl),
    fees: decimalText(trades?.fees),
    netPnl: decimalText(trades?.net),
  };
}

export type BalancePoint = { at: Date; balance: string };

export const BALANCE_SERIES_POINTS = 200;

/**
 * The wallet balance after each fill (bot_trades.balance_after), oldest first, thinned in the
 * database to about `maxPoints` evenly spaced fills — always keeping the first and the latest —
 * so a bot with years of fills still sends a small chart.
 */
export async function balanceSeries(tx: Tx, botId: string, options: { maxPoints?: number } = {}): Promise<BalancePoint[]> {
  const maxPoints = Math.max(2, Math.trunc(options.maxPoints ?? BALANCE_SERIES_POINTS));
  const numbered = tx
    .select({
      at: botTrades.executedAt,
      balance: sql<string>`${botTrades.balanceAfter}::text`.as('balance'),
      n: sql<number>`row_number() over (order by ${botTrades.executedAt}, ${botTrades.id})`.as('n'),
      total: sql<number>`count(*) over ()`.as('total'),
    })
    .from(botTrades)
    .where(and(eq(botTrades.botId, botId), isNotNull(botTrades.balanceAfter)))
    .as('numbered');
  const rows = await tx
    .select({ at: numbered.at, balance: numbered.balance })
    .from(numbered)
    .where(
      sql`${numbered.n} = ${numbered.total} or (${numbered.n} - 1) % greatest(1, ceil(${numbered.total}::numeric / ${maxPoints - 1}))::int = 0`,
    )
    .orderBy(asc(numbered.n));
  return rows.map((row) => ({ at: row.at, balance: decimalText(row.balance) }));
}
