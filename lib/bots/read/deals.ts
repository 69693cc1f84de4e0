import { and, desc, eq, lt, or } from 'drizzle-orm';
import { botDeals } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { pageLimit, pageOf, type Page, type TimeCursor } from './cursor';
import { decimalText, optionalDecimalText } from './decimal-text';

export type DealStatus = 'open' | 'closed' | 'liquidated';

/** A deal as the bot page shows it; amounts are decimal text in the bot's quote currency. */
export type DealItem = {
  id: string;
  pairId: string;
  seq: number;
  symbol: string;
  side: 'long' | 'short';
  status: DealStatus;
  entryPrice: string | null;
  averagePrice: string | null;
  size: string;
  maxSize: string;
  safetyOrdersFilled: number;
  /** Before fees. */
  realisedPnl: string;
  fees: string;
  closeReason: string | null;
  openedAt: Date;
  closedAt: Date | null;
};

function toItem(row: typeof botDeals.$inferSelect): DealItem {
  return {
    id: row.id,
    pairId: row.pairId,
    seq: row.seq,
    symbol: row.symbol,
    side: row.side as DealItem['side'],
    status: row.status as DealStatus,
    entryPrice: optionalDecimalText(row.entryPrice),
    averagePrice: optionalDecimalText(row.averagePrice),
    size: decimalText(row.size),
    maxSize: decimalText(row.maxSize),
    safetyOrdersFilled: row.safetyOrdersFilled,
    realisedPnl: decimalText(row.realisedPnl),
    fees: decimalText(row.fees),
    closeReason: row.closeReason,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
  };
}

/** A bot's deals, newest opened first, keyset-paged on (opened_at, id). */
export async function listDeals(tx: Tx, botId: string, options: { limit: number; before?: TimeCursor }): Promise<Page<DealItem>> {
  const limit = pageLimit(options.limit);
  const before = options.before;
  const rows = await tx
    .select()
    .from(botDeals)
    .where(
      and(
        eq(botDeals.botId, botId),
        before ? or(lt(botDeals.openedAt, new Date(before.at)), and(eq(botDeals.openedAt, new Date(before.at)), lt(botDeals.id, before.id))) : undefined,
      ),
    )
    .orderBy(desc(botDeals.openedAt), desc(botDeals.id))
    .limit(limit + 1);
  return pageOf(rows.map(toItem), limit, (deal) => deal.openedAt);
}
