import { z } from 'zod';
import type { Tx } from '@/db/tenant';
import { getBacktest, MAX_CANDLE_UPLOAD_BYTES, type BacktestItem } from '@/lib/bots/backtest/backtests';
import { MAX_SIMULATED_DAYS } from '@/lib/bots/backtest/input';
import type { BacktestDeal, BacktestResult, EquityPoint } from '@/lib/bots/backtest/recorder';
import { EXCHANGES, MAX_PAIRS, STRATEGY_IDS } from '@/lib/bots/bot-input';
import type { BotItem, BotPairItem } from '@/lib/bots/bots';
import { BOT_NOTIFY_EVENTS } from '@/lib/bots/notify/settings';
import { timeCursorSchema, type Page } from '@/lib/bots/read/cursor';
import { listDeals, type DealItem } from '@/lib/bots/read/deals';
import { listOrders, type OrderItem } from '@/lib/bots/read/orders';
import { listRunLogs, type RunLogItem } from '@/lib/bots/read/run-logs';
import { listTrades, type TradeItem } from '@/lib/bots/read/trades';
import { decimal } from '@/lib/currency/decimal';
import { AppError } from '@/lib/errors/app-error';
import { etagFor } from './etag';
import { decodeCursor, encodeCursor, pageOf, pageQuery } from './pagination';

// The public API's view of bots and backtests (snake_case, ISO-8601 UTC, amounts as decimal
// strings). The commands are lib/bots'; the routes under app/api/v1/bots only map to and from
// these. A pair's `params` and `filters` are the strategy's own settings and keep the strategy's
// names (`baseOrderSize`, `takeProfit`, `emaEnabled`), as in the wizard and in backtests.

export const botParams = z.object({ id: z.uuid().meta({ description: 'The bot id.' }) });
export const backtestParams = z.object({ id: z.uuid().meta({ description: 'The backtest id.' }) });

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const isoTime = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const amount = (description = 'Decimal string in the quote currency (USDT).') => z.string().meta({ description });
/** A backtest's figures are the simulation's floats: as decimal text to 8 places, trailing zeros dropped. */
const decimalOf = (value: number) => (Number.isFinite(value) ? decimal(value.toFixed(8)).toFixed() : '0');
const optionalDecimalOf = (value: number | null) => (value === null ? null : decimalOf(value));

// ——— Field names: lib/bots reports paths in its own (camelCase) names; the API speaks snake_case.

type FieldNames = Readonly<Record<string, string>>;

const BOT_FIELDS: FieldNames = {
  runIntervalMinutes: 'run_interval_minutes',
  paperStartingBalance: 'paper_starting_balance',
  'credentials.apiKey': 'credentials.api_key',
  'credentials.apiSecret': 'credentials.api_secret',
  'notify.telegram.chatId': 'notify.telegram.chat_id',
  'notify.telegram.botToken': 'notify.telegram.bot_token',
};

const BACKTEST_FIELDS: FieldNames = {
  startingBalance: 'starting_balance',
  decisionEveryMinutes: 'decision_every_minutes',
  feeRate: 'fee_rate',
};

function apiPath(path: string, names: FieldNames): string {
  for (const [from, to] of Object.entries(names)) if (path === from || path.startsWith(`${from}.`)) return to + path.slice(from.length);
  return path;
}

/**
 * Runs a lib/bots command and re-spells the paths its errors name (`details.fields`, `details.field`
 * and the message's leading path) in the API's field names. Field messages become one string per
 * path in `{ in: 'body', fields }`, the shape the wrapper's own 400 has.
 */
async function inApiTerms<T>(names: FieldNames, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError) || !error.details) throw error;
    const { fields, field, ...rest } = error.details as { fields?: Record<string, string | string[]>; field?: string };
    if (!fields && typeof field !== 'string') throw error;
    const renamed = fields
      ? Object.fromEntries(Object.entries(fields).map(([path, messages]) => [apiPath(path, names), Array.isArray(messages) ? (messages[0] ?? '') : messages]))
      : undefined;
    const leading = /^([\w.]+): /.exec(error.message)?.[1];
    const message = leading ? `${apiPath(leading, names)}${error.message.slice(leading.length)}` : error.message;
    throw new AppError(error.code, message, {
      ...rest,
      ...(renamed ? { in: 'body', fields: renamed } : {}),
      ...(typeof field === 'string' ? { field: apiPath(field, names) } : {}),
    });
  }
}

// ——— Bots

const pairBody = z
  .strictObject({
    symbol: z.string().meta({ description: 'A USDT perpetual, e.g. `BTCUSDT`.' }),
    side: z.enum(['long', 'short']),
    leverage: z.number().int().meta({ description: '1–125.' }),
    automatic: z.boolean().optional().meta({ description: 'Default true; false only manages a position the pair already has.' }),
    params: z.record(z.string(), z.unknown()).optional().meta({ description: 'The strategy’s parameters in its own names; fractions for percentages (0.015 = 1.5 %). Defaults fill what is left out.' }),
    filters: z.record(z.string(), z.unknown()).optional().meta({ description: 'Entry and safety-order filters (`emaEnabled`, `volatilityEnabled`, `declineEnabled`, …).' }),
  })
  .meta({ id: 'BotPairInput' });

const notifyBody = z.strictObject({
  email: z.boolean().optional().meta({ description: 'Email the bot’s creator (default true).' }),
  events: z.array(z.enum(BOT_NOTIFY_EVENTS)).optional(),
  telegram: z
    .strictObject({
      chat_id: z.string().meta({ description: 'A numeric chat id or a @channelname.' }),
      bot_token: z.string().optional().meta({ description: 'Write-only. Leave out on a change to keep the token on file.' }),
    })
    .nullable()
    .optional(),
});

/**
 * A bot's whole configuration, to create or replace one. Types are checked here (400); values are
 * checked whole by lib/bots (422 `validation_failed`, every problem in `details.fields`).
 */
export const botBody = z
  .object({
    name: z.string().meta({ description: 'At most 80 characters.' }),
    exchange: z.enum(EXCHANGES).meta({ description: '`paper` (simulated) or a USDT-perpetuals exchange.' }),
    testnet: z.boolean().optional().meta({ description: 'Default true: the exchange’s testnet. Live trading (false) needs a plan that includes it.' }),
    credentials: z
      .strictObject({ api_key: z.string(), api_secret: z.string() })
      .optional()
      .meta({ description: 'The exchange API key, write-only (stored encrypted, shown as `credentials_hint`). Leave out on a change to keep the keys on file.' }),
    strategy: z.enum(STRATEGY_IDS),
    run_interval_minutes: z.number().int().optional().meta({ description: '1–1440, default 5.' }),
    paper_starting_balance: z.string().optional().meta({ description: 'Decimal string, default "10000" (paper bots).' }),
    notify: notifyBody.optional(),
    pairs: z.array(pairBody).meta({ description: `1–${MAX_PAIRS}; the plan limits pairs per bot (402).` }),
  })
  .meta({
    id: 'BotInput',
    example: {
      name: 'BTC ladder',
      exchange: 'paper',
      strategy: 'dca_ladder',
      pairs: [{ symbol: 'BTCUSDT', side: 'long', leverage: 3, params: { baseOrderSize: 10, safetyOrderSize: 20, maxSafetyOrders: 5, takeProfit: 0.015 } }],
    },
  });

export const botPatchBody = botBody.partial().meta({ id: 'BotPatch', description: 'Only the fields that change; `pairs`, when sent, replaces the list (a kept symbol keeps its open deal).' });

type BotBody = z.output<typeof botBody>;

/** The API body as lib/bots' bot input. */
function botInputOf(body: BotBody): Record<string, unknown> {
  return {
    name: body.name,
    exchange: body.exchange,
    ...(body.testnet === undefined ? {} : { testnet: body.testnet }),
    ...(body.credentials ? { credentials: { apiKey: body.credentials.api_key, apiSecret: body.credentials.api_secret } } : {}),
    strategy: body.strategy,
    ...(body.run_interval_minutes === undefined ? {} : { runIntervalMinutes: body.run_interval_minutes }),
    ...(body.paper_starting_balance === undefined ? {} : { paperStartingBalance: body.paper_starting_balance }),
    ...(body.notify
      ? {
          notify: {
            ...(body.notify.email === undefined ? {} : { email: body.notify.email }),
            ...(body.notify.events === undefined ? {} : { events: body.notify.events }),
            ...(body.notify.telegram === undefined
              ? {}
              : { telegram: body.notify.telegram && { chatId: body.notify.telegram.chat_id, ...(body.notify.telegram.bot_token ? { botToken: body.notify.telegram.bot_token } : {}) } }),
          },
        }
      : {}),
    pairs: body.pairs,
  };
}

/** A bot's current configuration as an API body (no secrets: the keys and token stay on file). */
function botBodyOf(item: BotItem): BotBody {
  return {
    name: item.name,
    exchange: item.exchange,
    testnet: item.testnet,
    strategy: item.strategy,
    run_interval_minutes: item.runIntervalMinutes,
    ...(item.paperStartingBalance === null ? {} : { paper_starting_balance: item.paperStartingBalance }),
    notify: { email: item.notify.email, events: item.notify.events, telegram: item.notify.telegram && { chat_id: item.notify.telegram.chatId } },
    pairs: item.pairs.map((p) => ({ symbol: p.symbol, side: p.side, leverage: p.leverage, automatic: p.automatic, params: strategyParams(p), filters: p.filters })),
  };
}

/** Runs createBot/updateBot with the body in lib's terms and its errors in the API's. */
export function withBotInput<T>(body: BotBody, run: (input: Record<string, unknown>) => Promise<T>): Promise<T> {
  return inApiTerms(BOT_FIELDS, () => run(botInputOf(body)));
}

/** A change: the current configuration with the sent fields laid over it. */
export function withBotPatch<T>(current: BotItem, patch: z.output<typeof botPatchBody>, run: (input: Record<string, unknown>) => Promise<T>): Promise<T> {
  const merged: BotBody = { ...botBodyOf(current), ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) };
  return withBotInput(merged, run);
}

/** Lifecycle commands name fields too (`credentials.api_key` for a start without keys). */
export function botCommand<T>(run: () => Promise<T>): Promise<T> {
  return inApiTerms(BOT_FIELDS, run);
}

export const stopBody = z.object({ close_positions: z.boolean().optional().meta({ description: 'Also cancel the resting orders and close the open positions at market, in a close-out run (default false).' }) });

// The pair's own columns (side, leverage, automatic, filters) are what its strategy runs with; the
// stored params repeat them, so the API shows them once, on the pair.
const PAIR_COLUMNS = new Set(['side', 'leverage', 'automatic', 'filters']);
function strategyParams(pair: BotPairItem): Record<string, unknown> {
  return Object.fromEntries(Object.entries(pair.params).filter(([key]) => !PAIR_COLUMNS.has(key)));
}

const pair = z
  .object({
    id: z.uuid(),
    symbol: z.string(),
    side: z.enum(['long', 'short']),
    leverage: z.number().int(),
    automatic: z.boolean().meta({ description: 'False: the pair only manages the position it already has.' }),
    active: z.boolean(),
    params: z.record(z.string(), z.unknown()).meta({ description: 'The strategy’s parameters with its defaults filled in.' }),
    filters: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'BotPair' });

export const bot = z
  .object({
    id: z.uuid(),
    name: z.string(),
    exchange: z.enum(EXCHANGES),
    testnet: z.boolean(),
    credentials_hint: z.string().nullable().meta({ description: 'The API key masked (`abcd…wxyz`); null for paper. The keys themselves are never returned.' }),
    strategy: z.enum(STRATEGY_IDS),
    status: z.enum(['inactive', 'active', 'paused', 'error']),
    error_reason: z.string().nullable().meta({ description: 'Why the bot stopped in `error` (three failed runs in a row).' }),
    consecutive_failures: z.number().int(),
    run_interval_minutes: z.number().int(),
    quote_currency: z.string(),
    paper_starting_balance: z.string().nullable(),
    notify: z.object({
      email: z.boolean(),
      events: z.array(z.enum(BOT_NOTIFY_EVENTS)),
      telegram: z.object({ chat_id: z.string(), bot_token_hint: z.string() }).nullable(),
    }),
    last_run_at: z.string().nullable(),
    next_run_at: z.string().nullable(),
    pairs: z.array(pair),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Bot' });

export const botList = z.object({ data: z.array(bot) }).meta({ id: 'BotList' });
export const pairList = z.object({ data: z.array(pair) }).meta({ id: 'BotPairList' });
export const runRequested = z.object({ slot: z.string().meta({ description: 'The run’s slot (ISO-8601): its entry in the run log.' }) }).meta({ id: 'BotRunRequested' });

const pairJson = (p: BotPairItem): z.input<typeof pair> => ({
  id: p.id,
  symbol: p.symbol,
  side: p.side,
  leverage: p.leverage,
  automatic: p.automatic,
  active: p.active,
  params: strategyParams(p),
  filters: p.filters,
});

export function botJson(item: BotItem): z.input<typeof bot> {
  return {
    id: item.id,
    name: item.name,
    exchange: item.exchange,
    testnet: item.testnet,
    credentials_hint: item.credentialsHint,
    strategy: item.strategy,
    status: item.status,
    error_reason: item.errorReason,
    consecutive_failures: item.consecutiveFailures,
    run_interval_minutes: item.runIntervalMinutes,
    quote_currency: item.quoteCurrency,
    paper_starting_balance: item.paperStartingBalance,
    notify: {
      email: item.notify.email,
      events: item.notify.events,
      telegram: item.notify.telegram && { chat_id: item.notify.telegram.chatId, bot_token_hint: item.notify.telegram.hint },
    },
    last_run_at: iso(item.lastRunAt),
    next_run_at: iso(item.nextRunAt),
    pairs: item.pairs.map(pairJson),
    created_at: item.createdAt.toISOString(),
    updated_at: item.updatedAt.toISOString(),
  };
}

export function pairsJson(item: BotItem): z.input<typeof pairList> {
  return { data: item.pairs.map(pairJson) };
}

/** The configuration's version: status changes and runs leave it, so If-Match guards edits only. */
export function botEtag(item: Pick<BotItem, 'id' | 'version'>): string {
  return etagFor(item.id, item.version);
}

// ——— A bot's deals, orders, trades and run logs: newest first, keyset-paged on (time, id).

export const deal = z
  .object({
    id: z.uuid(),
    pair_id: z.uuid(),
    seq: z.number().int().meta({ description: 'The deal’s number within its pair.' }),
    symbol: z.string(),
    side: z.enum(['long', 'short']),
    status: z.enum(['open', 'closed', 'liquidated']),
    entry_price: z.string().nullable(),
    average_price: z.string().nullable(),
    size: z.string().meta({ description: 'Open size in base units.' }),
    max_size: z.string(),
    safety_orders_filled: z.number().int(),
    realised_pnl: amount('Before fees, decimal string in the quote currency.'),
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
    post_only: z.boolean(),
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
    pnl: z.string().nullable().meta({ description: 'Realised on a reducing fill, before fees; null when the fill opened or added.' }),
    pnl_pct: z.string().nullable().meta({ description: 'pnl ÷ the margin the fill released, as a fraction.' }),
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
    slot: z.string().meta({ description: 'The scheduled minute (or the instant of a run-now) this run is for.' }),
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

const dealJson = (d: DealItem): z.input<typeof deal> => ({
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

const orderJson = (o: OrderItem): z.input<typeof order> => ({
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
  post_only: o.postOnly,
  reject_reason: o.rejectReason,
  created_at: o.createdAt.toISOString(),
  updated_at: o.updatedAt.toISOString(),
});

const tradeJson = (t: TradeItem): z.input<typeof trade> => ({
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

const runLogJson = (r: RunLogItem): z.input<typeof runLog> => ({
  id: r.id,
  slot: r.slot.toISOString(),
  status: r.status,
  message: r.message,
  attempts: r.attempts,
  duration_ms: r.durationMs,
  details: r.details,
  created_at: r.createdAt.toISOString(),
});

type PageArgs = z.output<typeof pageQuery>;
type Lister<T> = (tx: Tx, botId: string, options: { limit: number; before?: z.output<typeof timeCursorSchema> }) => Promise<Page<T>>;

async function botPage<T, J>(tx: Tx, botId: string, query: PageArgs, list: Lister<T>, json: (item: T) => J): Promise<{ data: J[]; next_cursor: string | null }> {
  // A cursor this API didn't give out is a 400, as on every list endpoint.
  const before = decodeCursor(query.cursor, timeCursorSchema);
  const page = await list(tx, botId, { limit: query.limit, before });
  return { data: page.items.map(json), next_cursor: page.nextCursor ? encodeCursor(page.nextCursor) : null };
}

export const listDealsPage = (tx: Tx, botId: string, query: PageArgs) => botPage(tx, botId, query, listDeals, dealJson);
export const listOrdersPage = (tx: Tx, botId: string, query: PageArgs) => botPage(tx, botId, query, listOrders, orderJson);
export const listTradesPage = (tx: Tx, botId: string, query: PageArgs) => botPage(tx, botId, query, listTrades, tradeJson);
export const listRunLogsPage = (tx: Tx, botId: string, query: PageArgs) => botPage(tx, botId, query, listRunLogs, runLogJson);

// ——— Backtests

const backtestSource = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('simulated'),
    from: z.string().meta({ description: 'First day, YYYY-MM-DD (UTC).', example: '2026-09-01' }),
    to: z.string().meta({ description: `Day after the last, YYYY-MM-DD; at most ${MAX_SIMULATED_DAYS} days after \`from\`.`, example: '2026-12-01' }),
  }),
  z.strictObject({
    kind: z.literal('upload'),
    key: z.string().meta({ description: 'The `key` from POST /api/v1/bots/backtests/uploads, once the file is uploaded to its URL.' }),
    name: z.string().meta({ description: 'The file name: `.csv` (timestamp,open,high,low,close,volume) or Bybit v5 / Phemex kline `.json`.' }),
  }),
]);

export const backtestBody = z
  .object({
    name: z.string().meta({ description: 'At most 100 characters.' }),
    strategy: z.enum(STRATEGY_IDS),
    symbol: z.string(),
    side: z.enum(['long', 'short']),
    leverage: z.number().int().meta({ description: '1–125.' }),
    params: z.record(z.string(), z.unknown()).optional().meta({ description: 'The strategy’s parameters, as for a bot’s pair.' }),
    filters: z.record(z.string(), z.unknown()).optional(),
    source: backtestSource,
    starting_balance: z.string().optional().meta({ description: 'Decimal string, 10 to 1,000,000,000; default "10000".' }),
    model: z.enum(['tessera', 'original']).optional().meta({ description: '`tessera` (default) or `original`: the original bot’s 0.075 % fees and liquidation at margin level ≤ 1 with 0.5 % slippage.' }),
    decision_every_minutes: z.number().int().optional().meta({ description: 'Minutes between decisions (a bot’s run interval), default 5.' }),
    fee_rate: z.number().optional().meta({ description: 'Per fill, 0–0.01; default the model’s.' }),
    slippage: z.number().optional().meta({ description: 'Market orders, 0–0.01; default the model’s.' }),
  })
  .meta({
    id: 'BacktestInput',
    description: 'Checked whole (422 with `details.fields`). An uploaded file that is malformed, unsorted, gapped or duplicated is refused naming its rows in `details.problems`.',
    example: { name: 'BTC ladder, 90 days', strategy: 'dca_ladder', symbol: 'BTCUSDT', side: 'long', leverage: 3, params: { takeProfit: 0.015 }, source: { kind: 'simulated', from: '2026-09-01', to: '2026-12-01' } },
  });

/** Runs createBacktest with the body in lib's terms and its errors in the API's. */
export function withBacktestInput<T>(body: z.output<typeof backtestBody>, run: (input: Record<string, unknown>) => Promise<T>): Promise<T> {
  const { starting_balance, decision_every_minutes, fee_rate, ...rest } = body;
  const input = {
    ...rest,
    ...(starting_balance === undefined ? {} : { startingBalance: starting_balance }),
    ...(decision_every_minutes === undefined ? {} : { decisionEveryMinutes: decision_every_minutes }),
    ...(fee_rate === undefined ? {} : { feeRate: fee_rate }),
  };
  return inApiTerms(BACKTEST_FIELDS, () => run(input));
}

export const uploadBody = z.object({ size: z.number().int().min(1).max(MAX_CANDLE_UPLOAD_BYTES).meta({ description: `The file's size in bytes, at most ${MAX_CANDLE_UPLOAD_BYTES / 1024 / 1024} MB.` }) });

export const uploadTarget = z
  .object({
    key: z.string().meta({ description: 'Send as `source.key` with `kind: "upload"`.' }),
    url: z.string().meta({ description: 'Upload the file here, with `method` and `headers`, before it expires.' }),
    method: z.string(),
    headers: z.record(z.string(), z.string()),
    expires_at: z.string(),
  })
  .meta({ id: 'CandleUploadTarget' });

const metrics = z
  .object({
    initial_balance: amount(),
    final_balance: amount('Wallet balance at the end (realised only).'),
    final_equity: amount('Balance plus the open position’s unrealised P&L at the end.'),
    net_profit: amount('Final equity − initial balance.'),
    return_pct: z.number().meta({ description: 'Net profit ÷ initial balance, as a fraction.' }),
    roi_on_max_capital: z.number().nullable().meta({ description: 'Net profit ÷ the most margin ever committed.' }),
    max_capital_used: amount(),
    max_drawdown: z.number().meta({ description: 'Deepest fall of equity from its peak, as a fraction of the peak.' }),
    max_drawdown_value: amount(),
    max_floating_drawdown: z.number().meta({ description: 'Deepest unrealised loss against the balance, as a fraction.' }),
    peak_equity: amount(),
    deals: z.number().int(),
    closed_deals: z.number().int(),
    win_rate: z.number().nullable(),
    profit_factor: z.number().nullable(),
    expectancy: amount('Mean net per closed deal.').nullable(),
    average_win: amount().nullable(),
    average_loss: amount().nullable(),
    sharpe: z.number().nullable(),
    sortino: z.number().nullable(),
    calmar: z.number().nullable(),
    average_deal_minutes: z.number().nullable(),
    longest_deal_minutes: z.number().nullable(),
    max_safety_orders_used: z.number().int(),
    fees_paid: amount(),
    liquidations: z.number().int(),
    days: z.number(),
    trades: z.number().int(),
    rejected_orders: z.number().int(),
  })
  .meta({ id: 'BacktestMetrics', description: 'See the README, "Backtest metrics". Ratios and shares are numbers; amounts are decimal strings.' });

const originalReport = z
  .object({
    initial_balance: amount(),
    final_balance: amount(),
    return_pct: z.number(),
    fees: amount(),
    completed_positions: z.number().int(),
    winning_positions: z.number().int(),
    losing_positions: z.number().int(),
    win_rate: z.number().nullable(),
    counts: z.object({ open: z.number().int(), add: z.number().int(), reduce: z.number().int(), close: z.number().int() }),
    average_win: amount().nullable(),
    average_loss: amount().nullable(),
    max_drawdown_pct: z.number(),
    max_drawdown_value: amount(),
    peak_value: amount(),
    liquidations: z.number().int(),
  })
  .meta({ id: 'BacktestOriginalReport', description: 'The original bot’s report of the same run, for comparing with what you ran before.' });

export const backtest = z
  .object({
    id: z.uuid(),
    name: z.string(),
    strategy: z.enum(STRATEGY_IDS),
    symbol: z.string(),
    side: z.enum(['long', 'short']),
    leverage: z.number().int(),
    params: z.record(z.string(), z.unknown()),
    filters: z.record(z.string(), z.unknown()),
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('simulated'), from: z.string(), to: z.string() }),
      z.object({ kind: z.literal('upload'), name: z.string() }),
    ]),
    model: z.enum(['tessera', 'original']),
    decision_every_minutes: z.number().int(),
    fee_rate: z.number().nullable().meta({ description: 'Null: the model’s default.' }),
    slippage: z.number().nullable().meta({ description: 'Null: the model’s default.' }),
    starting_balance: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    progress: z.number().int().meta({ description: '0–100.' }),
    candles: z.number().int().nullable(),
    metrics: metrics.nullable().meta({ description: 'Once it succeeded.' }),
    original_report: originalReport.nullable(),
    error: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'Backtest' });

export const backtestList = z.object({ data: z.array(backtest) }).meta({ id: 'BacktestList' });

export const equityResponse = z
  .object({
    data: z.array(
      z.object({
        time: z.string(),
        equity: amount('Balance plus unrealised P&L at that minute.'),
        drawdown: z.number().meta({ description: 'Fall from the peak so far, as a fraction.' }),
      }),
    ),
  })
  .meta({ id: 'BacktestEquity' });

const backtestDeal = z
  .object({
    n: z.number().int().meta({ description: 'The deal’s number, from 1.' }),
    side: z.enum(['long', 'short']),
    opened_at: z.string(),
    closed_at: z.string().nullable().meta({ description: 'Null: still open at the end of the period.' }),
    entry_price: z.string(),
    exit_price: z.string().nullable(),
    safety_orders: z.number().int().meta({ description: 'Adds after the opening fill.' }),
    max_size: z.string(),
    pnl: amount('Before fees.'),
    fees: amount(),
    net: amount(),
    liquidated: z.boolean(),
  })
  .meta({ id: 'BacktestDeal' });

export const backtestDealPage = pageOf(backtestDeal).meta({ id: 'BacktestDealPage' });

function metricsJson(results: BacktestResult): z.input<typeof metrics> {
  const m = results.metrics;
  return {
    initial_balance: decimalOf(m.initialBalance),
    final_balance: decimalOf(m.finalBalance),
    final_equity: decimalOf(m.finalEquity),
    net_profit: decimalOf(m.netProfit),
    return_pct: m.returnPct,
    roi_on_max_capital: m.roiOnMaxCapital,
    max_capital_used: decimalOf(m.maxCapitalUsed),
    max_drawdown: m.maxDrawdown,
    max_drawdown_value: decimalOf(m.maxDrawdownValue),
    max_floating_drawdown: m.maxFloatingDrawdown,
    peak_equity: decimalOf(m.peakEquity),
    deals: m.deals,
    closed_deals: m.closedDeals,
    win_rate: m.winRate,
    profit_factor: m.profitFactor,
    expectancy: optionalDecimalOf(m.expectancy),
    average_win: optionalDecimalOf(m.averageWin),
    average_loss: optionalDecimalOf(m.averageLoss),
    sharpe: m.sharpe,
    sortino: m.sortino,
    calmar: m.calmar,
    average_deal_minutes: m.averageDealMinutes,
    longest_deal_minutes: m.longestDealMinutes,
    max_safety_orders_used: m.maxSafetyOrdersUsed,
    fees_paid: decimalOf(m.feesPaid),
    liquidations: m.liquidations,
    days: m.days,
    trades: results.tradeCount,
    rejected_orders: results.rejectedOrders,
  };
}

function originalJson(results: BacktestResult): z.input<typeof originalReport> {
  const o = results.original;
  return {
    initial_balance: decimalOf(o.initialBalance),
    final_balance: decimalOf(o.finalBalance),
    return_pct: o.returnPct,
    fees: decimalOf(o.fees),
    completed_positions: o.completedPositions,
    winning_positions: o.winningPositions,
    losing_positions: o.losingPositions,
    win_rate: o.winRate,
    counts: { open: o.counts.OPEN, add: o.counts.ADD, reduce: o.counts.REDUCE, close: o.counts.CLOSE },
    average_win: optionalDecimalOf(o.averageWin),
    average_loss: optionalDecimalOf(o.averageLoss),
    max_drawdown_pct: o.maxDrawdownPct,
    max_drawdown_value: decimalOf(o.maxDrawdownValue),
    peak_value: decimalOf(o.peakValue),
    liquidations: o.liquidations,
  };
}

export function backtestJson(item: BacktestItem): z.input<typeof backtest> {
  const source = item.source;
  return {
    id: item.id,
    name: item.name,
    strategy: item.strategy,
    symbol: item.symbol,
    side: item.side,
    leverage: item.leverage,
    params: item.params,
    filters: item.filters,
    source: source.kind === 'simulated' ? { kind: 'simulated', from: source.from, to: source.to } : { kind: 'upload', name: source.name },
    model: source.model === 'original' ? 'original' : 'tessera',
    decision_every_minutes: source.decisionEveryMinutes ?? 5,
    fee_rate: source.feeRate ?? null,
    slippage: source.slippage ?? null,
    starting_balance: item.startingBalance,
    status: item.status,
    progress: item.progress,
    candles: item.candles,
    metrics: item.results ? metricsJson(item.results) : null,
    original_report: item.results ? originalJson(item.results) : null,
    error: item.error,
    created_at: item.createdAt.toISOString(),
    started_at: iso(item.startedAt),
    finished_at: iso(item.finishedAt),
  };
}

/** A backtest of this workspace, or the API's 404. */
export async function getBacktestOrThrow(tx: Tx, id: string): Promise<BacktestItem> {
  const item = await getBacktest(tx, id);
  if (!item) throw new AppError('not_found', 'That backtest does not exist.');
  return item;
}

export function equityJson(points: readonly EquityPoint[]): z.input<typeof equityResponse> {
  return { data: points.map((p) => ({ time: new Date(p.time).toISOString(), equity: decimalOf(p.equity), drawdown: p.drawdown })) };
}

const backtestDealJson = (d: BacktestDeal): z.input<typeof backtestDeal> => ({
  n: d.n,
  side: d.side,
  opened_at: new Date(d.openedAt).toISOString(),
  closed_at: isoTime(d.closedAt),
  entry_price: decimalOf(d.entryPrice),
  exit_price: optionalDecimalOf(d.exitPrice),
  safety_orders: d.safetyOrders,
  max_size: decimalOf(d.maxSize),
  pnl: decimalOf(d.pnl),
  fees: decimalOf(d.fees),
  net: decimalOf(d.net),
  liquidated: d.liquidated,
});

/** A finished backtest's deals in order (stored on the row, so paged by position: the list never changes). */
export function backtestDealsPage(item: BacktestItem, query: PageArgs): z.input<typeof backtestDealPage> {
  const deals = item.results?.deals ?? [];
  const after = decodeCursor(query.cursor, z.number().int().min(1)) ?? 0;
  const page = deals.filter((d) => d.n > after).slice(0, query.limit);
  const last = page[page.length - 1];
  return { data: page.map(backtestDealJson), next_cursor: last && last.n < deals[deals.length - 1]!.n ? encodeCursor(last.n) : null };
}
