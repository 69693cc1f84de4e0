import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, numeric, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantRef, tenantTable } from './tenant-table';
import { users } from './users';

// Bots (lib/bots). Crypto prices, quantities and PnL are `numeric` read as decimal strings
// (DESIGN.md §6): the engine computes in float64 and rounds to market precision when it creates an
// order; what lands here is what the exchange filled.

const decimal = (name: string) => numeric(name);
const at = (name: string) => timestamp(name, { withTimezone: true });
const createdAt = () => at('created_at').notNull().defaultNow();

/**
 * A bot: one exchange account (paper, or a ccxt exchange on testnet or live) running one strategy
 * over its pairs on a schedule. Credentials are sealed with the workspace key (lib/secrets) and
 * only their hint (`abcd…wxyz`) is ever shown. paper_account is the paper exchange's book between
 * runs. consecutive_failures reaching 3 turns the bot to `error` with error_reason.
 */
export const bots = tenantTable(
  'bots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    exchange: text('exchange').notNull(),
    testnet: boolean('testnet').notNull().default(true),
    credentialsSealed: text('credentials_sealed'),
    credentialsHint: text('credentials_hint'),
    strategy: text('strategy').notNull(),
    status: text('status').notNull().default('inactive'),
    runIntervalMinutes: integer('run_interval_minutes').notNull().default(5),
    quoteCurrency: text('quote_currency').notNull().default('USDT'),
    paperStartingBalance: decimal('paper_starting_balance'),
    paperAccount: jsonb('paper_account').$type<unknown>(),
    notify: jsonb('notify').$type<Record<string, unknown>>().notNull().default({}),
    // The Telegram bot token of notify.telegram, sealed like the credentials (and, like them, never exported).
    telegramTokenSealed: text('telegram_token_sealed'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    errorReason: text('error_reason'),
    lastRunAt: at('last_run_at'),
    nextRunAt: at('next_run_at'),
    // Bumped by every edit, so a run that loaded the old config can tell.
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('bots_tenant_created_idx').on(t.tenantId, t.createdAt),
    // The scheduler's question across tenants, every minute: which active bots are due.
    index('bots_due_idx').on(t.nextRunAt).where(sql`${t.status} = 'active'`),
    check('bots_status', sql`${t.status} in ('inactive', 'active', 'paused', 'error')`),
    check('bots_exchange', sql`${t.exchange} in ('paper', 'bybit', 'phemex', 'binance')`),
    check('bots_strategy', sql`${t.strategy} in ('balance_martingale', 'dca_ladder')`),
    check('bots_run_interval', sql`${t.runIntervalMinutes} between 1 and 1440`),
  ],
);

/** A market a bot trades, with its side, leverage, strategy parameters, filters and the strategy's state between runs. */
export const botPairs = tenantTable(
  'bot_pairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    botId: uuid('bot_id').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(),
    leverage: integer('leverage').notNull(),
    automatic: boolean('automatic').notNull().default(true),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
    state: jsonb('state').$type<unknown>(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    tenantRef(t, t.botId, bots, { onDelete: 'cascade', name: 'bot_pairs_bot_fk' }),
    uniqueIndex('bot_pairs_bot_symbol_idx').on(t.tenantId, t.botId, t.symbol),
    check('bot_pairs_side', sql`${t.side} in ('long', 'short')`),
    check('bot_pairs_leverage', sql`${t.leverage} between 1 and 125`),
  ],
);

/** One position cycle of a pair: opened by a base order, closed by take profit, stop loss, a stop or liquidation. */
export const botDeals = tenantTable(
  'bot_deals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    botId: uuid('bot_id').notNull(),
    pairId: uuid('pair_id').notNull(),
    seq: integer('seq').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(),
    status: text('status').notNull().default('open'),
    entryPrice: decimal('entry_price'),
    averagePrice: decimal('average_price'),
    size: decimal('size').notNull().default('0'),
    maxSize: decimal('max_size').notNull().default('0'),
    safetyOrdersFilled: integer('safety_orders_filled').notNull().default(0),
    realisedPnl: decimal('realised_pnl').notNull().default('0'),
    fees: decimal('fees').notNull().default('0'),
    closeReason: text('close_reason'),
    openedAt: at('opened_at').notNull(),
    closedAt: at('closed_at'),
  },
  (t) => [
    tenantRef(t, t.botId, bots, { onDelete: 'cascade', name: 'bot_deals_bot_fk' }),
    tenantRef(t, t.pairId, botPairs, { onDelete: 'cascade', name: 'bot_deals_pair_fk' }),
    uniqueIndex('bot_deals_pair_seq_idx').on(t.tenantId, t.pairId, t.seq),
    index('bot_deals_tenant_bot_opened_idx').on(t.tenantId, t.botId, t.openedAt),
    // What the Journal imports: closed deals by close time.
    index('bot_deals_tenant_closed_idx').on(t.tenantId, t.closedAt).where(sql`${t.status} <> 'open'`),
    check('bot_deals_status', sql`${t.status} in ('open', 'closed', 'liquidated')`),
    check('bot_deals_side', sql`${t.side} in ('long', 'short')`),
  ],
);

/**
 * Every order a bot asked for. client_order_id derives from bot, pair, deal and ladder step, and
 * is unique per workspace: the database refuses a second copy of an order even if an exchange
 * would not.
 */
export const botOrders = tenantTable(
  'bot_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    botId: uuid('bot_id').notNull(),
    pairId: uuid('pair_id').notNull(),
    dealId: uuid('deal_id'),
    clientOrderId: text('client_order_id').notNull(),
    exchangeOrderId: text('exchange_order_id'),
    side: text('side').notNull(),
    type: text('type').notNull(),
    purpose: text('purpose').notNull(),
    price: decimal('price'),
    qty: decimal('qty').notNull(),
    filledQty: decimal('filled_qty').notNull().default('0'),
    averageFillPrice: decimal('average_fill_price'),
    reduceOnly: boolean('reduce_only').notNull().default(false),
    postOnly: boolean('post_only').notNull().default(false),
    status: text('status').notNull().default('open'),
    rejectReason: text('reject_reason'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    tenantRef(t, t.botId, bots, { onDelete: 'cascade', name: 'bot_orders_bot_fk' }),
    tenantRef(t, t.pairId, botPairs, { onDelete: 'cascade', name: 'bot_orders_pair_fk' }),
    tenantRef(t, t.dealId, botDeals, { onDelete: 'cascade', name: 'bot_orders_deal_fk' }),
    uniqueIndex('bot_orders_client_order_idx').on(t.tenantId, t.clientOrderId),
    index('bot_orders_tenant_bot_created_idx').on(t.tenantId, t.botId, t.createdAt),
    check('bot_orders_side', sql`${t.side} in ('buy', 'sell')`),
    check('bot_orders_type', sql`${t.type} in ('market', 'limit')`),
    check('bot_orders_status', sql`${t.status} in ('open', 'filled', 'partially_filled', 'cancelled', 'rejected')`),
  ],
);

/** What happened to a position, in the original bot's words: OPENED, ADDED, REDUCED, CLOSED. */
export const botTrades = tenantTable(
  'bot_trades',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    botId: uuid('bot_id').notNull(),
    pairId: uuid('pair_id').notNull(),
    dealId: uuid('deal_id'),
    orderId: uuid('order_id'),
    symbol: text('symbol').notNull(),
    action: text('action').notNull(),
    qty: decimal('qty').notNull(),
    price: decimal('price').notNull(),
    fee: decimal('fee').notNull().default('0'),
    pnl: decimal('pnl'),
    pnlPct: decimal('pnl_pct'),
    balanceAfter: decimal('balance_after'),
    positionValue: decimal('position_value'),
    marginLevel: decimal('margin_level'),
    liquidation: boolean('liquidation').notNull().default(false),
    // The fill it records (client order id, time, quantity): a retried run records a fill once.
    fillKey: text('fill_key').notNull(),
    executedAt: at('executed_at').notNull(),
  },
  (t) => [
    tenantRef(t, t.botId, bots, { onDelete: 'cascade', name: 'bot_trades_bot_fk' }),
    tenantRef(t, t.pairId, botPairs, { onDelete: 'cascade', name: 'bot_trades_pair_fk' }),
    tenantRef(t, t.dealId, botDeals, { onDelete: 'cascade', name: 'bot_trades_deal_fk' }),
    tenantRef(t, t.orderId, botOrders, { onDelete: 'cascade', name: 'bot_trades_order_fk' }),
    index('bot_trades_tenant_bot_executed_idx').on(t.tenantId, t.botId, t.executedAt),
    uniqueIndex('bot_trades_fill_idx').on(t.tenantId, t.fillKey),
    check('bot_trades_action', sql`${t.action} in ('OPENED', 'ADDED', 'REDUCED', 'CLOSED')`),
  ],
);

/** One scheduled run of a bot: one row per slot, so a retried or duplicated run finds the slot it already ran. */
export const botRunLogs = tenantTable(
  'bot_run_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    botId: uuid('bot_id').notNull(),
    slot: at('slot').notNull(),
    status: text('status').notNull(),
    message: text('message').notNull().default(''),
    attempts: integer('attempts').notNull().default(1),
    durationMs: integer('duration_ms'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    tenantRef(t, t.botId, bots, { onDelete: 'cascade', name: 'bot_run_logs_bot_fk' }),
    uniqueIndex('bot_run_logs_bot_slot_idx').on(t.tenantId, t.botId, t.slot),
    index('bot_run_logs_tenant_bot_created_idx').on(t.tenantId, t.botId, t.createdAt),
    check('bot_run_logs_status', sql`${t.status} in ('running', 'succeeded', 'failed', 'skipped')`),
  ],
);

/**
 * A backtest: the same engine over historical candles. The candle source is the paper market for a
 * period or an uploaded file in storage; results hold the metrics, a downsampled equity curve and
 * the deal list. Progress lives on the job run (job_runs), like every long job's.
 */
export const botBacktests = tenantTable(
  'bot_backtests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    strategy: text('strategy').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(),
    leverage: integer('leverage').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
    source: jsonb('source').$type<Record<string, unknown>>().notNull(),
    startingBalance: decimal('starting_balance').notNull(),
    status: text('status').notNull().default('queued'),
    // 0–100, written as the workflow goes, so the page's progress bar needs no job lookup.
    progress: integer('progress').notNull().default(0),
    candles: integer('candles'),
    results: jsonb('results').$type<Record<string, unknown>>(),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
  },
  (t) => [
    index('bot_backtests_tenant_created_idx').on(t.tenantId, t.createdAt),
    check('bot_backtests_status', sql`${t.status} in ('queued', 'running', 'succeeded', 'failed')`),
    check('bot_backtests_strategy', sql`${t.strategy} in ('balance_martingale', 'dca_ladder')`),
  ],
);
