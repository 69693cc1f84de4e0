import { z } from 'zod';
import type { BacktestItem } from '@/lib/bots/backtest/backtests';
import type { BotItem } from '@/lib/bots/bots';
import { decodeTimeCursor, encodeTimeCursor, type Page, type TimeCursor } from '@/lib/bots/read/cursor';
import type { DealItem } from '@/lib/bots/read/deals';
import type { OrderItem } from '@/lib/bots/read/orders';
import type { RunLogItem } from '@/lib/bots/read/run-logs';
import type { TradeItem } from '@/lib/bots/read/trades';
import { AppError } from '@/lib/errors/app-error';
import { pageOf, pageQuery } from './pagination';

// The public API's view of bots and backtests (snake_case, ISO-8601 UTC, amounts as decimal
// strings). The commands are lib/bots'; the routes under app/api/v1/bots only map to and from these.

export const botParams = z.object({ id: z.uuid().meta({ description: 'The bot id.' }) });
export const backtestParams = z.object({ id: z.uuid().meta({ description: 'The backtest id.' }) });

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const amount = (description?: string) => z.string().meta({ description: description ?? 'Decimal string in the quote currency.' });

/**
 * A bot's configuration as sent to create or replace one. The top-level fields are named here (an
 * unknown one is refused); lib/bots checks the values whole, with 422 field errors keyed by path
 * (`pairs.0.params.takeProfit`).
 */
export const botConfigBody = z
  .object({
    name: z.unknown().meta({ description: 'At most 80 characters.' }),
    exchange: z.unknown().meta({ description: '`paper`, `bybit`, `phemex` or `binance` (USDT perpetuals).' }),
    testnet: z.unknown().optional().meta({ description: 'Default true: the exchange’s testnet. Live trading needs a plan that includes it.' }),
    credentials: z.unknown().optional().meta({ description: '`{ apiKey, apiSecret }`, write-only (stored encrypted). Leave out of a replace to keep those on file.' }),
    strategy: z.unknown().meta({ description: '`dca_ladder` or `balance_martingale`.' }),
    runIntervalMinutes: z.unknown().optional().meta({ description: '1–1440, default 5.' }),
    paperStartingBalance: z.unknown().optional().meta({ description: 'Decimal string, default "10000".' }),
    notify: z.unknown().optional().meta({ description: '`{ email, events: [deal_opened|deal_closed|safety_order_filled|error|margin_warning], telegram: { chatId, botToken } | null }`.' }),
    pairs: z.unknown().meta({ description: '`[{ symbol, side, leverage, automatic, params, filters }]`: params are the strategy’s (percentages as fractions, 0.015 = 1.5 %).' }),
  })
  .meta({
    id: 'BotConfig',
    example: { name: 'BTC ladder', exchange: 'paper', strategy: 'dca_ladder', pairs: [{ symbol: 'BTCUSDT', side: 'long', leverage: 3, params: { baseOrderSize: 10, safetyOrderSize: 20, maxSafetyOrders: 5, takeProfit: 0.015 } }] },
  });

export const stopBody = z.object({ close_positions: z.boolean().optional().meta({ description: 'Also close the open positions at market (default false).' }) });

const pair = z.object({
  id: z.uuid(),
  symbol: z.string(),
  side: z.enum(['long', 'short']),
  leverage: z.number().int(),
  automatic: z.boolean().meta({ description: 'False: the pair only manages positions it already has.' }),
  active: z.boolean(),
  params: z.record(z.string(), z.unknown()),
  filters: z.record(z.string(), z.unknown()),
});

export const bot = z
  .object({
    id: z.uuid(),
    name: z.string(),
    exchange: z.enum(['paper', 'bybit', 'phemex', 'binance']),
    testnet: z.boolean(),
    credentials_hint: z.string().nullable().meta({ description: 'The API key masked (`abcd…wxyz`); the keys themselves are never returned.' }),
    strategy: z.enum(['dca_ladder', 'balance_martingale']),
    status: z.enum(['inactive', 'active', 'paused', 'error']),
    error_reason: z.string().nullable(),
    run_interval_minutes: z.number().int(),
    quote_currency: z.string(),
    paper_starting_balance: z.string().nullable(),
    last_run_at: z.string().nullable(),
    next_run_at: z.string().nullable(),
    pairs: z.array(pair),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Bot' });

export const botList = z.object({ data: z.array(bot) }).meta({ id: 'BotList' });
export const pairList = z.object({ data: z.array(pair) }).meta({ id: 'BotPairList' });

export function botJson(item: BotItem): z.output<typeof bot> {
  return {
    id: item.id,
    name: item.name,
    exchange: item.exchange,
    testnet: item.testnet,
    credentials_hint: item.credentialsHint,
    strategy: item.strategy,
    status: item.status,
    error_reason: item.errorReason,
    run_interval_minutes: item.runIntervalMinutes,
    quote_currency: item.quoteCurrency,
    paper_starting_balance: item.paperStartingBalance,
    last_run_at: iso(item.lastRunAt),
    next_run_at: iso(item.nextRunAt),
    pairs: item.pairs.map((p) => ({ id: p.id, symbol: p.symbol, side: p.side, leverage: p.leverage, automatic: p.automatic, active: p.active, params: p.params, filters: p.filters })),
    created_at: item.createdAt.toISOString(),
    updated_at: item.updatedAt.toISOString(),
  };
}

export const deal = z
  .object({
    id: z.uuid(),
    pair_id: z.uuid(),
    seq: z.number().int(),
    symbol: z.string(),
    side: z.enum(['long', 'short']),
    status: z.enum(['open', 'closed', 'liquidated']),
    entry_price: z.string().nullable(),
    average_price: z.string().nullable(),
    size: z.string(),
    max_size: z.string(),
    safety_orders_filled: z.number().int(),
    realised_pnl: amount('Before fees.'),
    fees: amount(),
    close_reason: z.string().nullable(),
    opened_at: z.string(),
    closed_at: z.string().nullable(),
  })
  .meta({ id: 'BotDeal' });

export const order = z
  .object({
    id: z.uuid(),
    pair_id: z.uuid(),
    deal_id: z.uuid().nullable(),
    client_order_id: z.string().meta({ description: 'From bot, pair, deal and ladder step: a retried run reuses it, so an order is never placed twice.' }),
    exchange_order_id: z.string().nullable(),
    side: z.enum(['buy', 'sell']),
    type: z.enum(['market', 'limit']),
    purpose: z.string().meta({ description: 'open, add, safety, take_profit, stop_loss, …' }),
    status: z.enum(['open', 'filled', 'partially_filled', 'cancelled', 'rejected']),
    qty: z.string(),
    price: z.string().nullable().meta({ description: 'Null for a market order.' }),
    filled_qty: z.string(),
    average_fill_price: z.string().nullable(),
    reduce_only: z.boolean(),
    reject_reason: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'BotOrder' });

export const trade = z
  .object({
    id: z.uuid(),
    deal_id: z.uuid().nullable(),
    symbol: z.string(),
    action: z.enum(['OPENED', 'ADDED', 'REDUCED', 'CLOSED']),
    qty: z.string(),
    price: z.string(),
    fee: amount(),
    pnl: z.string().nullable().meta({ description: 'Realised on a reducing fill, before fees.' }),
    pnl_pct: z.string().nullable(),
    balance_after: z.string().nullable(),
    position_value: z.string().nullable(),
    margin_level: z.string().nullable(),
    liquidation: z.boolean(),
    executed_at: z.string(),
  })
  .meta({ id: 'BotTrade' });

export const runLog = z
  .object({
    id: z.uuid(),
    slot: z.string(),
    status: z.enum(['running', 'succeeded', 'failed', 'skipped']),
    message: z.string(),
    attempts: z.number().int(),
    duration_ms: z.number().int().nullable(),
    details: z.record(z.string(), z.unknown()),
    created_at: z.string(),
  })
  .meta({ id: 'BotRunLog' });

export const dealPage = pageOf(deal).meta({ id: 'BotDealPage' });
export const orderPage = pageOf(order).meta({ id: 'BotOrderPage' });
export const tradePage = pageOf(trade).meta({ id: 'BotTradePage' });
export const runLogPage = pageOf(runLog).meta({ id: 'BotRunLogPage' });
export { pageQuery };

/** `?cursor=` as the bots' time cursor; one this API didn't give out is a 400. */
export function cursorOf(query: { cursor?: string }): TimeCursor | undefined {
  if (query.cursor === undefined) return undefined;
  const cursor = decodeTimeCursor(query.cursor);
  if (!cursor) throw new AppError('bad_request', 'That cursor is not one this endpoint gave out.', { in: 'query', fields: { cursor: 'Invalid cursor.' } });
  return cursor;
}

export function pageJson<T, J>(page: Page<T>, map: (item: T) => J): { data: J[]; next_cursor: string | null } {
  return { data: page.items.map(map), next_cursor: page.nextCursor ? encodeTimeCursor(page.nextCursor) : null };
}

export const dealJson = (d: DealItem): z.output<typeof deal> => ({
  id: d.id,
  pair_id: d.pairId,
  seq: d.seq,
  symbol: d.symbol,
  side: d.side,
  status: d.status,
  entry_price: d.entryPrice,
  average_price: d.averagePrice,
  size: d.size,
  max_size: d.maxSize,
  safety_orders_filled: d.safetyOrdersFilled,
  realised_pnl: d.realisedPnl,
  fees: d.fees,
  close_reason: d.closeReason,
  opened_at: d.openedAt.toISOString(),
  closed_at: iso(d.closedAt),
});

export const tradeJson = (t: TradeItem): z.output<typeof trade> => ({
  id: t.id,
  deal_id: t.dealId,
  symbol: t.symbol,
  action: t.action,
  qty: t.qty,
  price: t.price,
  fee: t.fee,
  pnl: t.pnl,
  pnl_pct: t.pnlPct,
  balance_after: t.balanceAfter,
  position_value: t.positionValue,
  margin_level: t.marginLevel,
  liquidation: t.liquidation,
  executed_at: t.executedAt.toISOString(),
});

export const orderJson = (o: OrderItem): z.output<typeof order> => ({
  id: o.id,
  pair_id: o.pairId,
  deal_id: o.dealId,
  client_order_id: o.clientOrderId,
  exchange_order_id: o.exchangeOrderId,
  side: o.side,
  type: o.type,
  purpose: o.purpose,
  status: o.status,
  qty: o.qty,
  price: o.price,
  filled_qty: o.filledQty,
  average_fill_price: o.averageFillPrice,
  reduce_only: o.reduceOnly,
  reject_reason: o.rejectReason,
  created_at: o.createdAt.toISOString(),
  updated_at: o.updatedAt.toISOString(),
});

export const runLogJson = (r: RunLogItem): z.output<typeof runLog> => ({
  id: r.id,
  slot: r.slot.toISOString(),
  status: r.status,
  message: r.message,
  attempts: r.attempts,
  duration_ms: r.durationMs,
  details: r.details,
  created_at: r.createdAt.toISOString(),
});

export const backtestBody = z
  .object({
    name: z.unknown(),
    strategy: z.unknown().meta({ description: '`dca_ladder` or `balance_martingale`.' }),
    symbol: z.unknown(),
    side: z.unknown().meta({ description: '`long` or `short`.' }),
    leverage: z.unknown().meta({ description: '1–125.' }),
    params: z.unknown().optional().meta({ description: 'The strategy’s parameters, as for a bot’s pair.' }),
    filters: z.unknown().optional(),
    source: z.unknown().meta({ description: '`{ kind: "simulated", from, to }` (dates, at most 730 days) or `{ kind: "upload", key, name }` (a candle file uploaded to storage).' }),
    startingBalance: z.unknown().optional().meta({ description: 'Decimal string, default "10000".' }),
    model: z.unknown().optional().meta({ description: '`tessera` (default) or `original`: the original bot’s 0.075 % fees and liquidation at margin level ≤ 1 with 0.5 % slippage.' }),
    decisionEveryMinutes: z.unknown().optional().meta({ description: 'Minutes between decisions, default 5.' }),
    feeRate: z.unknown().optional(),
    slippage: z.unknown().optional(),
  })
  .meta({
    id: 'BacktestInput',
    description: 'Checked whole (422 with `details.fields`). An uploaded file that is malformed, unsorted, gapped or duplicated is refused naming its rows in `details.problems`.',
    example: { name: 'BTC ladder, 90 days', strategy: 'dca_ladder', symbol: 'BTCUSDT', side: 'long', leverage: 3, params: { takeProfit: 0.015 }, source: { kind: 'simulated', from: '2026-09-01', to: '2026-12-01' } },
  });

export const backtest = z
  .object({
    id: z.uuid(),
    name: z.string(),
    strategy: z.enum(['dca_ladder', 'balance_martingale']),
    symbol: z.string(),
    side: z.enum(['long', 'short']),
    leverage: z.number().int(),
    params: z.record(z.string(), z.unknown()),
    filters: z.record(z.string(), z.unknown()),
    source: z.record(z.string(), z.unknown()),
    starting_balance: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    progress: z.number().int().meta({ description: '0–100.' }),
    candles: z.number().int().nullable(),
    metrics: z.record(z.string(), z.unknown()).nullable().meta({ description: 'Net profit, ROI on max capital, drawdowns, win rate, profit factor, expectancy, Sharpe, Sortino, Calmar, deal durations, fees (see the README, "Backtest metrics").' }),
    original_report: z.record(z.string(), z.unknown()).nullable().meta({ description: 'The original bot’s report of the same run.' }),
    error: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'Backtest' });

export const backtestList = z.object({ data: z.array(backtest) }).meta({ id: 'BacktestList' });
export const equityResponse = z
  .object({ data: z.array(z.object({ time: z.string(), equity: z.number(), drawdown: z.number().meta({ description: 'Fall from the peak so far, as a fraction.' }) })) })
  .meta({ id: 'BacktestEquity' });
export const backtestDealsResponse = z.object({ data: z.array(z.record(z.string(), z.unknown())) }).meta({ id: 'BacktestDeals' });

export function backtestJson(item: BacktestItem): z.output<typeof backtest> {
  return {
    id: item.id,
    name: item.name,
    strategy: item.strategy,
    symbol: item.symbol,
    side: item.side,
    leverage: item.leverage,
    params: item.params,
    filters: item.filters,
    source: item.source as Record<string, unknown>,
    starting_balance: item.startingBalance,
    status: item.status,
    progress: item.progress,
    candles: item.candles,
    metrics: (item.results?.metrics as unknown as Record<string, unknown>) ?? null,
    original_report: (item.results?.original as unknown as Record<string, unknown>) ?? null,
    error: item.error,
    created_at: item.createdAt.toISOString(),
    started_at: iso(item.startedAt),
    finished_at: iso(item.finishedAt),
  };
}
