import { and, eq, inArray, sql } from 'drizzle-orm';
import { botDeals, botOrders, botPairs, botTrades } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { decimal } from '@/lib/currency/decimal';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import type { EngineEvent, MarketRules, OrderIntent } from '../engine/types';
import type { ExchangeFill } from '../exchange/types';
import { orderKeyOf } from './client-order-id';
import { fillKey } from './decide-pair';
import { decimalText } from './decimal-text';
import type { RunBot, RunPair } from './load-run';
import { RECENT_FILL_KEYS, type PairRunState } from './pair-state';
import { tradeOfFill } from './trade-of-fill';

export type PlacedOrder = {
  intent: OrderIntent;
  clientOrderId: string;
  exchangeOrderId: string | null;
  status: 'open' | 'filled' | 'rejected';
  rejectReason: string | null;
};

export type PairOutcome = {
  pair: RunPair;
  state: PairRunState;
  strategyState: unknown;
  rules: MarketRules;
  cancelledAll: boolean;
  cancelled: readonly string[];
  placed: readonly PlacedOrder[];
  /** Every fill not recorded yet, in time order. */
  fills: readonly ExchangeFill[];
  /** Fills that arrived after the strategy decided: it sees them next run. */
  lateFills: readonly ExchangeFill[];
  events: readonly EngineEvent[];
  balanceAfter: number;
};

const text = (value: number) => decimalText(value, 10);

/** An order's filled quantity, quantity-weighted average price and status from its fills (none: nothing). */
function filledPart(fills: readonly ExchangeFill[]) {
  if (!fills.length) return {};
  const qty = fills.reduce((sum, fill) => sum.plus(text(fill.qty)), decimal('0'));
  const cost = fills.reduce((sum, fill) => sum.plus(decimal(text(fill.price)).times(text(fill.qty))), decimal('0'));
  return { filledQty: qty.toFixed(), averageFillPrice: qty.isZero() ? null : cost.div(qty).toDecimalPlaces(10).toFixed(), status: 'filled' as const };
}

/** Why a deal ended, from the order that ended it. */
function closeReason(fill: ExchangeFill, purposes: Map<string, string>): string {
  if (fill.liquidation) return 'liquidation';
  return purposes.get(fill.clientOrderId) ?? 'exchange';
}

/**
 * Writes one pair's run: its orders, the trades its fills make, the deal they belong to, and the
 * state it carries to the next run. Orders are inserted with ON CONFLICT DO NOTHING on the client
 * order id and trades on the fill key, so a retried run writes nothing twice.
 */
export async function recordPair(tx: Tx, bot: RunBot, outcome: PairOutcome, now: Date): Promise<PairRunState> {
  const { pair, rules } = outcome;
  const state: PairRunState = { ...outcome.state, strategy: outcome.strategyState };

  if (outcome.cancelledAll) {
    await tx.update(botOrders).set({ status: 'cancelled', updatedAt: now }).where(and(eq(botOrders.pairId, pair.id), eq(botOrders.status, 'open')));
  } else if (outcome.cancelled.length) {
    await tx
      .update(botOrders)
      .set({ status: 'cancelled', updatedAt: now })
      .where(and(eq(botOrders.pairId, pair.id), eq(botOrders.status, 'open'), inArray(botOrders.clientOrderId, [...outcome.cancelled])));
  }
  // An order placed and filled in this run is written filled; fills of earlier orders update them below.
  const prefilled = new Set<string>();
  if (outcome.placed.length) {
    const inserted = await tx
      .insert(botOrders)
      .values(
        outcome.placed.map((order) => ({
          tenantId: bot.tenantId,
          botId: bot.id,
          pairId: pair.id,
          dealId: state.openDealId,
          clientOrderId: order.clientOrderId,
          exchangeOrderId: order.exchangeOrderId,
          side: order.intent.side,
          type: order.intent.type,
          purpose: order.intent.purpose,
          price: order.intent.price === null ? null : text(order.intent.price),
          qty: text(order.intent.qty),
          reduceOnly: order.intent.reduceOnly,
          postOnly: order.intent.postOnly,
          status: order.status,
          rejectReason: order.rejectReason,
          createdAt: now,
          updatedAt: now,
          ...filledPart(outcome.fills.filter((fill) => fill.clientOrderId === order.clientOrderId)),
        })),
      )
      .onConflictDoNothing()
      .returning({ clientOrderId: botOrders.clientOrderId, filledQty: botOrders.filledQty });
    for (const row of inserted) if (Number(row.filledQty) > 0) prefilled.add(row.clientOrderId);
  }

  // Orders placed in this run are known here; only fills of earlier orders need their purpose read.
  const purposes = new Map<string, string>(outcome.placed.map((order) => [order.clientOrderId, order.intent.purpose]));
  const ids = [...new Set(outcome.fills.map((fill) => fill.clientOrderId))].filter((id) => !purposes.has(id));
  if (ids.length) {
    const rows = await tx.select({ clientOrderId: botOrders.clientOrderId, purpose: botOrders.purpose }).from(botOrders).where(inArray(botOrders.clientOrderId, ids));
    for (const row of rows) purposes.set(row.clientOrderId, row.purpose);
  }

  for (const fill of outcome.fills) {
    const key = fillKey(fill);
    const before = state.position;
    const trade = tradeOfFill(before, fill, pair.side, pair.leverage, rules.maintMarginRate);
    const executedAt = new Date(fill.time);
    if (trade.action === 'OPENED') {
      state.dealSeq += 1;
      const [deal] = await tx
        .insert(botDeals)
        .values({
          tenantId: bot.tenantId,
          botId: bot.id,
          pairId: pair.id,
          seq: state.dealSeq,
          symbol: pair.symbol,
          side: trade.after!.side,
          entryPrice: text(fill.price),
          averagePrice: text(fill.price),
          size: text(trade.after!.size),
          maxSize: text(trade.after!.size),
          fees: text(fill.fee),
          openedAt: executedAt,
        })
        .onConflictDoNothing()
        .returning({ id: botDeals.id });
      state.openDealId = deal?.id ?? state.openDealId;
      state.openDealSeq = state.dealSeq;
    }
    const dealId = state.openDealId;
    const [inserted] = await tx
      .insert(botTrades)
      .values({
        tenantId: bot.tenantId,
        botId: bot.id,
        pairId: pair.id,
        dealId,
        symbol: pair.symbol,
        action: trade.action,
        qty: text(trade.qty),
        price: text(fill.price),
        fee: text(fill.fee),
        pnl: trade.pnl === null ? null : text(trade.pnl),
        pnlPct: trade.pnlPct === null ? null : text(trade.pnlPct),
        balanceAfter: text(outcome.balanceAfter),
        positionValue: text(trade.positionValue),
        marginLevel: trade.marginLevel === null || !Number.isFinite(trade.marginLevel) ? null : text(trade.marginLevel),
        liquidation: trade.liquidation,
        fillKey: key,
        executedAt,
      })
      .onConflictDoNothing()
      .returning({ id: botTrades.id });
    state.position = trade.after;
    state.fillCursor = Math.max(state.fillCursor, fill.time);
    state.recentFillKeys = [...state.recentFillKeys, key].slice(-RECENT_FILL_KEYS);
    if (!inserted) continue;

    if (!prefilled.has(fill.clientOrderId)) {
      const qty = text(fill.qty);
      await tx
        .update(botOrders)
        .set({
          filledQty: sql`${botOrders.filledQty} + ${qty}`,
          // Weighted by quantity over every fill of the order, not the last fill's price.
          averageFillPrice: sql`(coalesce(${botOrders.averageFillPrice}, 0) * ${botOrders.filledQty} + ${text(fill.price)}::numeric * ${qty}) / (${botOrders.filledQty} + ${qty})`,
          status: 'filled',
          updatedAt: now,
        })
        .where(eq(botOrders.clientOrderId, fill.clientOrderId));
    }
    if (!dealId) continue;
    await updateDeal(tx, bot, pair, dealId, trade, fill, purposes, state);
  }

  state.unseenFills = outcome.lateFills.flatMap((fill) => {
    const key = orderKeyOf(bot.id, pair.id, fill.clientOrderId);
    return key ? [{ key, side: fill.side, price: fill.price, qty: fill.qty, fee: fill.fee, time: fill.time }] : [];
  });
  await tx.update(botPairs).set({ state, updatedAt: now }).where(eq(botPairs.id, pair.id));

  for (const event of outcome.events) {
    if (event.type === 'margin_warning') {
      const level = typeof event.data?.marginLevel === 'number' ? event.data.marginLevel : 0;
      await emitWebhookEvent(tx, bot.tenantId, 'bot.margin.warning', { bot_id: bot.id, symbol: pair.symbol, margin_level: level }, { now });
    }
  }
  return state;
}

async function updateDeal(
  tx: Tx,
  bot: RunBot,
  pair: RunPair,
  dealId: string,
  trade: ReturnType<typeof tradeOfFill>,
  fill: ExchangeFill,
  purposes: Map<string, string>,
  state: PairRunState,
): Promise<void> {
  const fee = text(fill.fee);
  if (trade.action === 'OPENED') {
    await emitWebhookEvent(tx, bot.tenantId, 'bot.deal.opened', { bot_id: bot.id, deal_id: dealId, symbol: pair.symbol, side: trade.after!.side, price: text(fill.price), qty: text(fill.qty) });
    return;
  }
  if (trade.action === 'ADDED') {
    const [deal] = await tx
      .update(botDeals)
      .set({
        averagePrice: text(trade.after!.entryPrice),
        size: text(trade.after!.size),
        maxSize: sql`greatest(${botDeals.maxSize}, ${text(trade.after!.size)})`,
        safetyOrdersFilled: sql`${botDeals.safetyOrdersFilled} + 1`,
        fees: sql`${botDeals.fees} + ${fee}`,
      })
      .where(eq(botDeals.id, dealId))
      .returning({ safetyOrdersFilled: botDeals.safetyOrdersFilled });
    await emitWebhookEvent(tx, bot.tenantId, 'bot.safety_order.filled', {
      bot_id: bot.id,
      deal_id: dealId,
      symbol: pair.symbol,
      price: text(fill.price),
      qty: text(fill.qty),
      safety_orders_filled: deal?.safetyOrdersFilled ?? 0,
    });
    return;
  }
  const pnl = text(trade.pnl ?? 0);
  if (trade.action === 'REDUCED') {
    await tx
      .update(botDeals)
      .set({ size: text(trade.after!.size), realisedPnl: sql`${botDeals.realisedPnl} + ${pnl}`, fees: sql`${botDeals.fees} + ${fee}` })
      .where(eq(botDeals.id, dealId));
    return;
  }
  const reason = closeReason(fill, purposes);
  const [closed] = await tx
    .update(botDeals)
    .set({
      status: fill.liquidation ? 'liquidated' : 'closed',
      size: '0',
      realisedPnl: sql`${botDeals.realisedPnl} + ${pnl}`,
      fees: sql`${botDeals.fees} + ${fee}`,
      closeReason: reason,
      closedAt: new Date(fill.time),
    })
    .where(eq(botDeals.id, dealId))
    .returning({ realisedPnl: botDeals.realisedPnl, fees: botDeals.fees });
  state.openDealId = null;
  await emitWebhookEvent(tx, bot.tenantId, 'bot.deal.closed', {
    bot_id: bot.id,
    deal_id: dealId,
    symbol: pair.symbol,
    side: pair.side,
    realised_pnl: closed?.realisedPnl ?? pnl,
    fees: closed?.fees ?? fee,
    reason,
  });
}
