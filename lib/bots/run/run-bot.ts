import { eq, sql } from 'drizzle-orm';
import { bots } from '@/db/schema';
import { withTenant, type TenantContext, type Tx } from '@/db/tenant';
import { consumeQuota } from '@/lib/billing/gates';
import { AppError } from '@/lib/errors/app-error';
import { isExchangeError, type Exchange, type ExchangeFill } from '../exchange/types';
import type { Position } from '../engine/types';
import { clientOrderId } from './client-order-id';
import { closeOutPair } from './close-out';
import { decidePair, unrecordedFills } from './decide-pair';
import { exchangeForRun, type RunExchange } from './exchange-for-run';
import { loadRunPairs, lockRunBot, type RunBot, type RunPair } from './load-run';
import { readPairRunState } from './pair-state';
import { recordPair, type PairOutcome, type PlacedOrder } from './record-pair';
import { claimRunSlot, finishRunLog } from './run-log';

// One scheduled run of a bot (the `bot-run` workflow's body). A paper bot's run is one transaction
// from claim to record: its exchange is in memory, so the whole run commits or none of it does,
// and a concurrent duplicate waits on the bot's row lock and then finds its slot done. A bot on a
// real exchange can't hold a transaction across network calls: each order is recorded before it is
// sent (its client order id is unique), so a crash between the two can only lose an order, never
// send one twice — and the exchange refuses a repeated client order id as well.

export type RunResult =
  | { status: 'succeeded'; pairs: number; ordersPlaced: number; trades: number; durationMs: number }
  | { status: 'skipped'; reason: 'already_ran' | 'not_active' | 'no_pairs' };

export type RunOptions = {
  now?: Date;
  /** Tests inject an exchange; otherwise it follows the bot's settings. */
  exchange?: (bot: RunBot) => Promise<RunExchange>;
  /**
   * The close-out after "stop and close positions": no strategy, every resting order of the bot
   * cancelled and every position closed at market, whatever the bot's status now.
   */
  closeOut?: boolean;
};

type Io = { tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> };

export async function runBot(ctx: TenantContext, input: { botId: string; slot: string }, options: RunOptions = {}): Promise<RunResult> {
  // A paper run never leaves the transaction that found the bot; a live one runs outside it.
  const paperOrGone = await withTenant(ctx, async (tx): Promise<RunResult | null> => {
    const bot = await lockRunBot(tx, input.botId);
    if (!bot) return { status: 'skipped', reason: 'not_active' };
    return bot.exchange === 'paper' ? runWith({ tx: (fn) => fn(tx) }, ctx, input, options, bot) : null;
  });
  return paperOrGone ?? runWith({ tx: (fn) => withTenant(ctx, fn) }, ctx, input, options);
}

/** `locked`: the bot, when the caller's transaction (the one `io` runs in) already holds its lock. */
async function runWith(io: Io, ctx: TenantContext, input: { botId: string; slot: string }, options: RunOptions, locked?: RunBot): Promise<RunResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const slot = new Date(input.slot);
  const loaded = await io.tx(async (tx) => {
    const claim = await claimRunSlot(tx, ctx.tenantId, input.botId, slot);
    if (claim.alreadySucceeded) return { skip: 'already_ran' as const };
    const bot = locked ?? (await lockRunBot(tx, input.botId));
    if (!bot) throw new AppError('not_found', 'That bot does not exist.');
    if (bot.status !== 'active' && !options.closeOut) {
      await finishRunLog(tx, claim.logId, { status: 'skipped', message: `Skipped: the bot is ${bot.status}.`, durationMs: performance.now() - started });
      return { skip: 'not_active' as const };
    }
    const pairs = await loadRunPairs(tx, input.botId);
    if (!pairs.length) {
      await finishRunLog(tx, claim.logId, { status: 'skipped', message: 'Skipped: the bot has no active pairs.', durationMs: performance.now() - started });
      return { skip: 'no_pairs' as const };
    }
    return { skip: null, claim, bot, pairs };
  });
  if (loaded.skip) return { status: 'skipped', reason: loaded.skip };
  const { bot, pairs, claim } = loaded;

  const venue = await (options.exchange ?? ((b: RunBot) => exchangeForRun(b, now)))(bot);
  const exchange = venue.exchange;
  const balance = await exchange.balance();
  const positions = await exchange.positions();
  const positionOf = (symbol: string): Position | null => {
    const found = positions.find((p) => p.symbol === symbol);
    return found ? { side: found.side, size: found.size, entryPrice: found.entryPrice, margin: found.margin, leverage: found.leverage } : null;
  };
  const withPositions = new Set(positions.map((p) => p.symbol));

  const outcomes: PairOutcome[] = [];
  for (const pair of pairs) {
    const state = readPairRunState(pair.state);
    const position = positionOf(pair.symbol);
    const activePairs = pairs.filter((p) => p.id !== pair.id && withPositions.has(p.symbol)).length + 1;
    const decision = options.closeOut
      ? await closeOutPair(exchange, pair, position, now)
      : await decidePair(exchange, bot, pair, state, { now, balance: balance.wallet, position, activePairs });
    const cancelled = await cancelOrders(exchange, bot, pair, decision.cancel);
    const placed: PlacedOrder[] = [];
    // A new position opens at the pair's leverage (an open one keeps the leverage it has).
    if (!position && decision.place.some((intent) => !intent.reduceOnly)) await exchange.setLeverage(pair.symbol, pair.leverage);
    for (const intent of decision.place) {
      const id = clientOrderId(bot.id, pair.id, intent.key);
      if (!venue.paper) {
        const fresh = await io.tx((tx) => reserveOrder(tx, bot, pair, id, intent, now));
        if (!fresh) continue;
      }
      placed.push(await placeOrder(exchange, pair.symbol, id, intent));
    }
    const seen = { ...state, recentFillKeys: [...state.recentFillKeys, ...decision.newFills.map((f) => `${f.clientOrderId}:${f.time}:${f.qty}`)] };
    const lateFills = await unrecordedFills(exchange, pair.symbol, seen);
    const after = await exchange.balance();
    outcomes.push({
      pair,
      state,
      strategyState: decision.strategyState,
      rules: decision.rules,
      cancelledAll: decision.cancel === 'all',
      cancelled,
      placed,
      fills: sortByTime([...decision.newFills, ...lateFills]),
      lateFills,
      events: decision.events,
      balanceAfter: after.wallet,
    });
  }

  return io.tx(async (tx) => {
    let trades = 0;
    for (const outcome of outcomes) {
      await recordPair(tx, bot, outcome, now);
      trades += outcome.fills.length;
    }
    const paperAccount = venue.paper ? venue.save() : undefined;
    await tx
      .update(bots)
      .set({
        lastRunAt: now,
        ...(options.closeOut ? {} : { consecutiveFailures: 0, errorReason: null }),
        updatedAt: sql`${bots.updatedAt}`,
        ...(paperAccount !== undefined ? { paperAccount } : {}),
      })
      .where(eq(bots.id, bot.id));
    const durationMs = performance.now() - started;
    const ordersPlaced = outcomes.reduce((n, o) => n + o.placed.filter((p) => p.status !== 'rejected').length, 0);
    await finishRunLog(tx, claim.logId, {
      status: 'succeeded',
      message: runMessage(outcomes, ordersPlaced, trades),
      durationMs,
      details: {
        pairs: outcomes.map((o) => ({
          symbol: o.pair.symbol,
          events: o.events.map((e) => ({ type: e.type, message: e.message })),
          placed: o.placed.map((p) => ({ key: p.intent.key, purpose: p.intent.purpose, side: p.intent.side, qty: p.intent.qty, price: p.intent.price, status: p.status, reason: p.rejectReason })),
          fills: o.fills.length,
        })),
      },
    });
    if (!options.closeOut) await consumeQuota(tx, ctx.tenantId, 'bot.runs', 1, `bot-run:${bot.id}:${input.slot}`);
    return { status: 'succeeded' as const, pairs: outcomes.length, ordersPlaced, trades, durationMs };
  });
}

const sortByTime = (fills: ExchangeFill[]) => fills.sort((a, b) => a.time - b.time);

async function cancelOrders(exchange: Exchange, bot: RunBot, pair: RunPair, cancel: 'all' | readonly string[]): Promise<string[]> {
  if (cancel === 'all') {
    await exchange.cancelAllOrders(pair.symbol);
    return [];
  }
  const ids: string[] = [];
  for (const key of cancel) {
    const id = clientOrderId(bot.id, pair.id, key);
    try {
      await exchange.cancelOrder(pair.symbol, id);
    } catch (error) {
      // Filled or cancelled in between: nothing left to cancel.
      if (!isExchangeError(error, 'not_found')) throw error;
    }
    ids.push(id);
  }
  return ids;
}

async function placeOrder(exchange: Exchange, symbol: string, id: string, intent: PlacedOrder['intent']): Promise<PlacedOrder> {
  try {
    const order = await exchange.createOrder({
      symbol,
      clientOrderId: id,
      side: intent.side,
      type: intent.type,
      price: intent.price,
      qty: intent.qty,
      reduceOnly: intent.reduceOnly,
      postOnly: intent.postOnly,
    });
    return { intent, clientOrderId: id, exchangeOrderId: order.id, status: order.status === 'filled' ? 'filled' : 'open', rejectReason: null };
  } catch (error) {
    // The exchange already has it: an earlier attempt sent it. That is the one copy.
    if (isExchangeError(error, 'duplicate_client_order_id')) return { intent, clientOrderId: id, exchangeOrderId: null, status: 'open', rejectReason: null };
    if (isExchangeError(error) && ['insufficient_balance', 'invalid_order', 'post_only_rejected'].includes(error.code)) {
      return { intent, clientOrderId: id, exchangeOrderId: null, status: 'rejected', rejectReason: error.message };
    }
    throw error;
  }
}

/** A real exchange's order, recorded before it is sent; false when an earlier attempt recorded it. */
async function reserveOrder(tx: Tx, bot: RunBot, pair: RunPair, id: string, intent: PlacedOrder['intent'], now: Date): Promise<boolean> {
  const rows = await tx.execute(sql`
    insert into bot_orders (tenant_id, bot_id, pair_id, client_order_id, side, type, purpose, price, qty, reduce_only, post_only, status, created_at, updated_at)
    values (${bot.tenantId}, ${bot.id}, ${pair.id}, ${id}, ${intent.side}, ${intent.type}, ${intent.purpose}, ${intent.price === null ? null : String(intent.price)}, ${String(intent.qty)}, ${intent.reduceOnly}, ${intent.postOnly}, 'open', ${now.toISOString()}, ${now.toISOString()})
    on conflict (tenant_id, client_order_id) do nothing
    returning id`);
  return (Array.isArray(rows) ? rows.length : ((rows as { rows?: unknown[] }).rows?.length ?? 0)) > 0;
}

function runMessage(outcomes: readonly PairOutcome[], ordersPlaced: number, trades: number): string {
  const paused = outcomes.flatMap((o) => o.events.filter((e) => e.type === 'paused').map((e) => `${o.pair.symbol}: ${e.message}`));
  const parts = [`${outcomes.length} pair${outcomes.length === 1 ? '' : 's'} checked`, `${ordersPlaced} order${ordersPlaced === 1 ? '' : 's'} placed`, `${trades} fill${trades === 1 ? '' : 's'} recorded`];
  return [parts.join(', ') + '.', ...paused].join(' ');
}
