import { and, desc, eq, lt, or } from 'drizzle-orm';
import { botOrders } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { pageLimit, pageOf, type Page, type TimeCursor } from './cursor';
import { decimalText, optionalDecimalText } from './decimal-text';

export type OrderStatus = 'open' | 'filled' | 'partially_filled' | 'cancelled' | 'rejected';

/** An order the bot placed, as it stands; prices and quantities are decimal text. */
export type OrderItem = {
  id: string;
  pairId: string;
  dealId: string | null;
  clientOrderId: string;
  exchangeOrderId: string | null;
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  /** What the strategy placed it for: open, add, safety, take_profit, stop_loss, … */
  purpose: string;
  /** Null for a market order. */
  price: string | null;
  qty: string;
  filledQty: string;
  averageFillPrice: string | null;
  reduceOnly: boolean;
  postOnly: boolean;
  status: OrderStatus;
  rejectReason: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function toItem(row: typeof botOrders.$inferSelect): OrderItem {
  return {
    id: row.id,
    pairId: row.pairId,
    dealId: row.dealId,
    clientOrderId: row.clientOrderId,
    exchangeOrderId: row.exchangeOrderId,
    side: row.side as OrderItem['side'],
    type: row.type as OrderItem['type'],
    purpose: row.purpose,
    price: optionalDecimalText(row.price),
    qty: decimalText(row.qty),
    filledQty: decimalText(row.filledQty),
    averageFillPrice: optionalDecimalText(row.averageFillPrice),
    reduceOnly: row.reduceOnly,
    postOnly: row.postOnly,
    status: row.status as OrderStatus,
    rejectReason: row.rejectReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A bot's orders, newest placed first, keyset-paged on (created_at, id). */
export async function listOrders(tx: Tx, botId: string, options: { limit: number; before?: TimeCursor }): Promise<Page<OrderItem>> {
  const limit = pageLimit(options.limit);
  const before = options.before;
  const rows = await tx
    .select()
    .from(botOrders)
    .where(
      and(
        eq(botOrders.botId, botId),
        before ? or(lt(botOrders.createdAt, new Date(before.at)), and(eq(botOrders.createdAt, new Date(before.at)), lt(botOrders.id, before.id))) : undefined,
      ),
    )
    .orderBy(desc(botOrders.createdAt), desc(botOrders.id))
    .limit(limit + 1);
  return pageOf(rows.map(toItem), limit, (order) => order.createdAt);
}
