import { and, desc, eq, lt, or } from 'drizzle-orm';
import { botTrades } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { pageLimit, pageOf, type Page, type TimeCursor } from './cursor';
import { decimalText, optionalDecimalText } from './decimal-text';

export type TradeAction = 'OPENED' | 'ADDED' | 'REDUCED' | 'CLOSED';

/** A fill told as what it did to the position (the original bot's words). */
export type TradeItem = {
  id: string;
  dealId: string | null;
  symbol: string;
  action: TradeAction;
  qty: string;
  price: string;
  fee: string;
  /** Realised on a reducing fill, before fees; null when the fill opened or added. */
  pnl: string | null;
  /** pnl ÷ the margin the fill released, as a fraction. */
  pnlPct: string | null;
  balanceAfter: string | null;
  positionValue: string | null;
  marginLevel: string | null;
  liquidation: boolean;
  executedAt: Date;
};

function toItem(row: typeof botTrades.$inferSelect): TradeItem {
  return {
    id: row.id,
    dealId: row.dealId,
    symbol: row.symbol,
    action: row.action as TradeAction,
    qty: decimalText(row.qty),
    price: decimalText(row.price),
    fee: decimalText(row.fee),
    pnl: optionalDecimalText(row.pnl),
    pnlPct: optionalDecimalText(row.pnlPct),
    balanceAfter: optionalDecimalText(row.balanceAfter),
    positionValue: optionalDecimalText(row.positionValue),
    marginLevel: optionalDecimalText(row.marginLevel),
    liquidation: row.liquidation,
    executedAt: row.executedAt,
  };
}

/** A bot's trades, newest first, keyset-paged on (executed_at, id). */
export async function listTrades(tx: Tx, botId: string, options: { limit: number; before?: TimeCursor }): Promise<Page<TradeItem>> {
  const limit = pageLimit(options.limit);
  const before = options.before;
  const rows = await tx
    .select()
    .from(botTrades)
    .where(
      and(
        eq(botTrades.botId, botId),
        before ? or(lt(botTrades.executedAt, new Date(before.at)), and(eq(botTrades.executedAt, new Date(before.at)), lt(botTrades.id, before.id))) : undefined,
      ),
    )
    .orderBy(desc(botTrades.executedAt), desc(botTrades.id))
    .limit(limit + 1);
  return pageOf(rows.map(toItem), limit, (trade) => trade.executedAt);
}
