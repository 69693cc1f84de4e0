import type { Exchange as CcxtClient, Market, Order, Trade } from 'ccxt';
import type { Candle, MarketRules } from '../engine/types';
import type { ExchangeCredentials } from '../credentials';
import { toExchangeError } from './ccxt-errors';
import { isUsdtPerpetual, plainSymbolOf } from './ccxt-symbols';
import {
  ExchangeError,
  type Balance,
  type Exchange,
  type ExchangeErrorCode,
  type ExchangeFill,
  type ExchangeOrder,
  type ExchangePosition,
  type OrderRequest,
  type OrderStatus,
  type Ticker,
} from './types';

// Bybit, Phemex and Binance USDT perpetuals through ccxt, behind the one Exchange interface.
// Quantities cross this boundary in base units; ccxt counts contracts, so every amount goes
// through the market's contract size (1 on these linear markets, but not guaranteed).

type Ccxt = typeof import('ccxt');
export type CcxtVenue = 'bybit' | 'phemex' | 'binance';

export type CcxtExchangeOptions = {
  exchange: CcxtVenue;
  testnet: boolean;
  credentials: ExchangeCredentials;
  /** Tests only: API base URLs by ccxt api key (`public`, `private`, `fapiPublic`…), e.g. a local fake server. */
  urls?: Record<string, string>;
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const TIMEOUT_MS = 10_000;
const DEFAULT_MAINT_MARGIN_RATE = 0.005;
const DEFAULT_MAX_LEVERAGE = 100;
/** ccxt's precisionMode for "precision is a step size" (base/functions/number.js). */
const TICK_SIZE = 4;

type Venue = {
  name: string;
  create(ccxt: Ccxt, config: Record<string, unknown>): CcxtClient;
  candlePage: number;
  tradePage: number;
  /** Bybit and Binance answer at most 7 days of trades per request; Phemex pages by offset instead. */
  tradeWindow: number | null;
  cancelParams(clientOrderId: string): Record<string, string>;
};

const VENUES: Record<CcxtVenue, Venue> = {
  bybit: {
    name: 'Bybit',
    // Only linear markets: the default also loads spot, inverse and options, four times the requests.
    create: (ccxt, config) => new ccxt.bybit({ ...config, options: { defaultType: 'swap', fetchMarkets: { types: ['linear'] } } }),
    candlePage: 1000,
    tradePage: 100,
    tradeWindow: 7 * DAY - 1,
    // ccxt's bybit cancelOrder doesn't translate the unified clientOrderId param.
    cancelParams: (id) => ({ orderLinkId: id }),
  },
  phemex: {
    name: 'Phemex',
    create: (ccxt, config) => new ccxt.phemex({ ...config, options: { defaultType: 'swap' } }),
    candlePage: 1000,
    tradePage: 200,
    tradeWindow: null,
    cancelParams: (id) => ({ clientOrderId: id }),
  },
  binance: {
    name: 'Binance',
    create: (ccxt, config) => new ccxt.binanceusdm({ ...config, options: { defaultType: 'swap' } }),
    candlePage: 1000,
    tradePage: 1000,
    tradeWindow: 7 * DAY - 1,
    cancelParams: (id) => ({ clientOrderId: id }),
  },
};

/** The bot's exchange account. Nothing is sent until the first call; markets load once. */
export async function openCcxtExchange(options: CcxtExchangeOptions): Promise<Exchange> {
  const ccxt = await import('ccxt');
  const client = await ccxtClientFor(options);
  return new CcxtExchange(ccxt, client, options.exchange, VENUES[options.exchange], [options.credentials.apiKey, options.credentials.apiSecret]);
}

/** The configured ccxt client (exported for tests: which class, which environment). */
export async function ccxtClientFor(options: CcxtExchangeOptions): Promise<CcxtClient> {
  // Loaded here, not at the top: ccxt is megabytes, and only runs that trade need it.
  const ccxt = await import('ccxt');
  const venue = VENUES[options.exchange];
  if (!venue) throw new ExchangeError('unsupported', `Tessera doesn't trade on ${String(options.exchange)} through ccxt.`);
  const client = venue.create(ccxt, {
    apiKey: options.credentials.apiKey,
    secret: options.credentials.apiSecret,
    enableRateLimit: true,
    timeout: TIMEOUT_MS,
    // Only markets are needed. Currencies would add a private wallet call (Bybit, Binance) that
    // trade-only API keys may not be allowed to make.
    has: { fetchCurrencies: false },
  });
  if (options.testnet) {
    // ccxt refuses private calls to Binance's futures testnet (retired for "demo trading"),
    // so a Binance test bot runs on demo trading, with demo-trading API keys.
    if (options.exchange === 'binance') client.enableDemoTrading(true);
    else client.setSandboxMode(true);
  }
  // After the switch: both replace urls.api wholesale.
  if (options.urls) client.urls.api = { ...(client.urls.api as Record<string, string>), ...options.urls };
  return client;
}

/** For the "test connection" button: can the key read the account's USDT balance? */
export async function testExchangeConnection(
  options: CcxtExchangeOptions,
): Promise<{ ok: true; balance: Balance } | { ok: false; code: ExchangeErrorCode; message: string }> {
  try {
    const exchange = await openCcxtExchange(options);
    return { ok: true, balance: await exchange.balance() };
  } catch (error) {
    const refused = error instanceof ExchangeError ? error : new ExchangeError('unavailable', 'The connection test failed unexpectedly.');
    return { ok: false, code: refused.code, message: refused.message };
  }
}

export function timeframeOf(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** A finite number from ccxt's number-or-string fields; Bybit's empty strings are "none", not 0. */
const num = (value: unknown): number | null => {
  const n = typeof value === 'string' ? (value.trim() === '' ? NaN : Number(value)) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

class CcxtExchange implements Exchange {
  readonly id: string;
  private loading: Promise<Map<string, Market>> | null = null;
  /** Exchange order id → client order id, for trades that don't carry the client id (Binance). */
  private readonly clientIds = new Map<string, string>();

  constructor(
    private readonly ccxt: Ccxt,
    private readonly client: CcxtClient,
    venueId: CcxtVenue,
    private readonly venue: Venue,
    private readonly secrets: readonly string[],
  ) {
    this.id = venueId;
  }

  async markets(symbols: readonly string[]): Promise<MarketRules[]> {
    const markets = await this.call(() => this.loadMarkets());
    return symbols.flatMap((symbol) => {
      const market = markets.get(symbol);
      return market ? [this.rulesOf(symbol, market)] : [];
    });
  }

  async candles(symbol: string, intervalMinutes: number, range: { since: number; until: number }): Promise<Candle[]> {
    const market = await this.market(symbol);
    const timeframe = timeframeOf(intervalMinutes);
    if (!(timeframe in this.client.timeframes)) throw new ExchangeError('unsupported', `${this.venue.name} has no ${timeframe} candles.`);
    const step = intervalMinutes * MINUTE;
    // The candle still forming is left out: its close isn't one yet.
    const last = Math.min(range.until - 1, Date.now() - step);
    const byTime = new Map<number, Candle>();
    // Fixed windows of one page each, so it doesn't matter whether an exchange fills a page from
    // the window's start or from its end.
    for (let from = Math.ceil(range.since / step) * step; from <= last; from += this.venue.candlePage * step) {
      const to = Math.min(from + (this.venue.candlePage - 1) * step, last);
      const rows = await this.call(() => this.client.fetchOHLCV(market.symbol, timeframe, from, Math.round((to - from) / step) + 1, { until: to }));
      for (const [time, open, high, low, close, volume] of rows) {
        if (time === undefined || time < from || time > to) continue;
        byTime.set(time, { time, open: open ?? 0, high: high ?? 0, low: low ?? 0, close: close ?? 0, volume: volume ?? 0 });
      }
    }
    return [...byTime.values()].sort((a, b) => a.time - b.time);
  }

  async ticker(symbol: string): Promise<Ticker> {
    const market = await this.market(symbol);
    const t = await this.call(() => this.client.fetchTicker(market.symbol));
    const last = num(t.last) ?? num(t.close) ?? 0;
    const info = (t.info ?? {}) as Record<string, unknown>;
    return {
      symbol,
      last,
      // Binance's futures 24h ticker has no book prices; the last trade is the nearest we have.
      bid: num(t.bid) ?? last,
      ask: num(t.ask) ?? last,
      mark: num(t.markPrice) ?? num(info.markPrice) ?? last,
      time: num(t.timestamp) ?? Date.now(),
    };
  }

  async balance(): Promise<Balance> {
    const b = await this.call(() => this.client.fetchBalance());
    const usdt = (b as unknown as Record<string, { free?: unknown; total?: unknown } | undefined>).USDT ?? {};
    const total = num(usdt.total) ?? 0;
    const free = num(usdt.free);
    const fromInfo = accountOf(this.id, b.info);
    const wallet = fromInfo?.wallet ?? total;
    return {
      currency: 'USDT',
      wallet,
      available: fromInfo?.available ?? free ?? wallet,
      equity: fromInfo?.equity ?? total,
    };
  }

  async positions(): Promise<ExchangePosition[]> {
    await this.call(() => this.loadMarkets());
    const rows = await this.call(() => this.client.fetchPositions());
    return rows.flatMap((p) => {
      const market = p.symbol ? (this.client.markets?.[p.symbol] as (Market & { symbol: string }) | undefined) : undefined;
      const symbol = market ? plainSymbolOf(market) : null;
      const contracts = Math.abs(num(p.contracts) ?? 0);
      if (!market || !symbol || contracts === 0 || (p.side !== 'long' && p.side !== 'short')) return [];
      const size = contracts * (num(p.contractSize) ?? num(market.contractSize) ?? 1);
      const entryPrice = num(p.entryPrice) ?? 0;
      const leverage = num(p.leverage) ?? 1;
      return [
        {
          symbol,
          side: p.side,
          size,
          entryPrice,
          margin: num(p.initialMargin) ?? num(p.collateral) ?? (size * entryPrice) / leverage,
          leverage,
          mark: num(p.markPrice) ?? entryPrice,
          unrealisedPnl: num(p.unrealizedPnl) ?? 0,
          liquidationPrice: num(p.liquidationPrice) ?? 0,
        },
      ];
    });
  }

  async setLeverage(symbol: string, leverage: number): Promise<void> {
    const market = await this.market(symbol);
    try {
      await this.call(() => this.client.setLeverage(leverage, market.symbol));
    } catch (error) {
      // Bybit refuses to "change" the leverage to what it already is (110043).
      if (error instanceof ExchangeError && /not modified/i.test(error.message)) return;
      throw error;
    }
  }

  async createOrder(request: OrderRequest): Promise<ExchangeOrder> {
    const market = await this.market(request.symbol);
    if (request.type === 'limit' && request.price === null) throw new ExchangeError('invalid_order', 'A limit order needs a price.');
    const size = contractSizeOf(market);
    // ccxt's unified params: it sends them as orderLinkId (Bybit), clOrdID (Phemex),
    // newClientOrderId (Binance), and as timeInForce PostOnly / GTX.
    const params: Record<string, unknown> = { clientOrderId: request.clientOrderId, reduceOnly: request.reduceOnly };
    if (request.postOnly && request.type === 'limit') params.postOnly = true;
    const price = request.type === 'limit' ? (request.price ?? undefined) : undefined;
    const order = await this.call(() => this.client.createOrder(market.symbol, request.type, request.side, request.qty / size, price, params));
    if (order.id) this.clientIds.set(order.id, request.clientOrderId);
    // Bybit answers a new order with its ids only: the rest is what was asked.
    return {
      id: order.id ?? '',
      clientOrderId: order.clientOrderId || request.clientOrderId,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      price: request.type === 'limit' ? request.price : null,
      qty: request.qty,
      filledQty: (num(order.filled) ?? 0) * size,
      reduceOnly: request.reduceOnly,
      status: order.status ? statusOf(order.status) : 'open',
      time: num(order.timestamp) ?? Date.now(),
    };
  }

  async cancelOrder(symbol: string, clientOrderId: string): Promise<void> {
    const market = await this.market(symbol);
    // By client id in one request; the exchange answers "not found" for filled, cancelled and
    // unknown orders alike, which is the interface's `not_found`.
    await this.call(() => this.client.cancelOrder(undefined as unknown as string, market.symbol, this.venue.cancelParams(clientOrderId)));
  }

  async cancelAllOrders(symbol: string): Promise<void> {
    const market = await this.market(symbol);
    await this.call(() => this.client.cancelAllOrders(market.symbol));
  }

  async openOrders(symbol: string): Promise<ExchangeOrder[]> {
    const market = await this.market(symbol);
    const orders = await this.call(() => this.client.fetchOpenOrders(market.symbol));
    return orders.map((order) => this.orderOf(symbol, market, order));
  }

  async fills(symbol: string, since: number): Promise<ExchangeFill[]> {
    const market = await this.market(symbol);
    const now = Date.now();
    // A cursor of 0 means "no fill yet", not "since 1970": a week is the most a new pair can
    // have. A paused bot's older cursor is honoured up to 90 days back.
    const from = since <= 0 ? now - 7 * DAY : Math.max(since, now - 90 * DAY);
    const trades = new Map<string, Trade>();
    for (const trade of await this.fetchTrades(market, from, now)) {
      if (trade.symbol !== market.symbol || (num(trade.timestamp) ?? -1) < Math.max(since, 0)) continue;
      trades.set(trade.id ?? `${trade.order}:${trade.timestamp}:${trade.amount}`, trade);
    }
    const size = contractSizeOf(market);
    const fills: ExchangeFill[] = [];
    for (const trade of trades.values()) {
      const info = (trade.info ?? {}) as Record<string, unknown>;
      // Bybit lists funding and settlement in its executions; they aren't fills.
      if (info.execType === 'Funding' || info.execType === 'Settle') continue;
      const qty = (num(trade.amount) ?? 0) * size;
      const price = num(trade.price) ?? 0;
      if (qty <= 0 || price <= 0 || (trade.side !== 'buy' && trade.side !== 'sell')) continue;
      const clientOrderId = await this.clientIdOf(market, trade);
      fills.push({
        symbol,
        clientOrderId,
        side: trade.side,
        price,
        qty,
        fee: num(trade.fee?.cost) ?? 0,
        time: num(trade.timestamp) ?? 0,
        liquidation: info.execType === 'BustTrade' || clientOrderId.startsWith('autoclose-'),
      });
    }
    return fills.sort((a, b) => a.time - b.time);
  }

  private async fetchTrades(market: Market & { symbol: string }, from: number, now: number): Promise<Trade[]> {
    const page = this.venue.tradePage;
    const out: Trade[] = [];
    if (this.venue.tradeWindow === null) {
      for (let offset = 0; offset < 50 * page; offset += page) {
        const rows = await this.call(() => this.client.fetchMyTrades(market.symbol, from, page, { offset, symbol: market.id }));
        out.push(...rows);
        if (rows.length < page) break;
      }
      return out;
    }
    let start = from;
    let span = this.venue.tradeWindow;
    for (let requests = 0; start <= now && requests < 60; requests++) {
      const end = Math.min(start + span, now);
      const rows = await this.call(() => this.client.fetchMyTrades(market.symbol, start, page, { until: end }));
      // A full page may have left trades out at either end (Bybit lists newest first, Binance
      // oldest first): halve the window and ask again.
      if (rows.length >= page && end - start > 1000) {
        span = Math.floor((end - start) / 2);
        continue;
      }
      out.push(...rows);
      start = end + 1;
      span = this.venue.tradeWindow;
    }
    return out;
  }

  private async clientIdOf(market: Market & { symbol: string }, trade: Trade): Promise<string> {
    const info = (trade.info ?? {}) as Record<string, unknown>;
    const own = [info.orderLinkId, info.clOrdID, info.clientOrderId].find((v): v is string => typeof v === 'string' && v !== '');
    if (own) return own;
    const orderId = trade.order;
    if (!orderId) return '';
    const known = this.clientIds.get(orderId);
    if (known !== undefined) return known;
    try {
      const order = await this.call(() => this.client.fetchOrder(orderId, market.symbol));
      this.clientIds.set(orderId, order.clientOrderId ?? '');
      return order.clientOrderId ?? '';
    } catch (error) {
      // An order the exchange no longer shows isn't one of this run's to match.
      if (error instanceof ExchangeError && error.code === 'not_found') return '';
      throw error;
    }
  }

  private orderOf(symbol: string, market: Market & { symbol: string }, order: Order): ExchangeOrder {
    const size = contractSizeOf(market);
    if (order.id && order.clientOrderId) this.clientIds.set(order.id, order.clientOrderId);
    return {
      id: order.id ?? '',
      clientOrderId: order.clientOrderId ?? '',
      symbol,
      side: order.side === 'sell' ? 'sell' : 'buy',
      type: order.type === 'market' ? 'market' : 'limit',
      price: order.type === 'market' ? null : num(order.price),
      qty: (num(order.amount) ?? 0) * size,
      filledQty: (num(order.filled) ?? 0) * size,
      reduceOnly: order.reduceOnly === true,
      status: statusOf(order.status),
      time: num(order.timestamp) ?? 0,
    };
  }

  private rulesOf(symbol: string, market: Market & { symbol: string }): MarketRules {
    const size = contractSizeOf(market);
    const step = (value: unknown) => {
      const n = num(value);
      if (n === null) return null;
      return this.client.precisionMode === TICK_SIZE ? n : 10 ** -n;
    };
    const limits = market.limits ?? {};
    return {
      symbol,
      lotStep: (step(market.precision?.amount) ?? 1) * size,
      tickSize: step(market.precision?.price) ?? 0.01,
      minQty: (num(limits.amount?.min) ?? step(market.precision?.amount) ?? 0) * size,
      maxQty: (num(limits.amount?.max) ?? Number.MAX_SAFE_INTEGER) * size,
      minNotional: num(limits.cost?.min) ?? 0,
      maxLeverage: num(limits.leverage?.max) ?? DEFAULT_MAX_LEVERAGE,
      maintMarginRate: maintMarginRateOf(market.info) ?? DEFAULT_MAINT_MARGIN_RATE,
    };
  }

  private async market(symbol: string): Promise<Market & { symbol: string }> {
    const markets = await this.call(() => this.loadMarkets());
    const market = markets.get(symbol);
    if (!market) throw new ExchangeError('unsupported', `${this.venue.name} has no USDT perpetual ${symbol}.`);
    return market;
  }

  /** Plain symbol → market, loaded once; a failed load is retried by the next call. */
  private loadMarkets(): Promise<Map<string, Market & { symbol: string }>> {
    this.loading ??= this.client.loadMarkets().then(
      (all) => {
        const bySymbol = new Map<string, Market & { symbol: string }>();
        for (const market of Object.values(all)) {
          if (!market?.symbol || !isUsdtPerpetual(market as Market & { symbol: string })) continue;
          const plain = plainSymbolOf(market as Market & { symbol: string });
          if (plain && !bySymbol.has(plain)) bySymbol.set(plain, market as Market & { symbol: string });
        }
        return bySymbol;
      },
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading as Promise<Map<string, Market & { symbol: string }>>;
  }

  /** Every ccxt call goes through here, so no ccxt error (or secret) leaves the adapter. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toExchangeError(this.ccxt, error, { venue: this.venue.name, secrets: this.secrets });
    }
  }
}

const contractSizeOf = (market: Market & { symbol: string }) => num(market.contractSize) ?? 1;

function statusOf(status: string | undefined): OrderStatus {
  switch (status) {
    case 'closed':
      return 'filled';
    case 'canceled':
    case 'expired':
      return 'cancelled';
    case 'rejected':
      return 'rejected';
    default:
      return 'open';
  }
}

/** Maintenance margin rate of the first risk tier, where the market info has one. */
function maintMarginRateOf(info: unknown): number | null {
  const i = (info ?? {}) as Record<string, unknown>;
  const direct = num(i.maintMarginRate) ?? num(i.maintenanceMarginRate) ?? num(i.maintMarginRr);
  if (direct !== null && direct > 0) return direct;
  // Binance: a percentage.
  const percent = num(i.maintMarginPercent);
  if (percent !== null && percent > 0) return percent / 100;
  // Phemex: a scaled integer (`Er`) with the product's ratio scale.
  const scaled = num(i.maintMarginEr);
  if (scaled !== null && scaled > 0) return scaled / 10 ** (num(i.ratioScale) ?? 8);
  return null;
}

/** Wallet, available and equity from the raw account, where ccxt's unified balance blurs them. */
function accountOf(venue: string, info: unknown): { wallet: number; available: number | null; equity: number | null } | null {
  const raw = (info ?? {}) as Record<string, unknown>;
  if (venue === 'bybit') {
    const list = ((raw.result as Record<string, unknown> | undefined)?.list ?? []) as Array<Record<string, unknown>>;
    for (const account of list) {
      const coin = ((account.coin ?? []) as Array<Record<string, unknown>>).find((c) => c.coin === 'USDT');
      const wallet = num(coin?.walletBalance);
      if (!coin || wallet === null) continue;
      // availableToWithdraw is empty on newer unified accounts: wallet minus the margin held.
      const held = (num(coin.totalPositionIM) ?? 0) + (num(coin.totalOrderIM) ?? 0) + (num(coin.locked) ?? 0);
      const withdrawable = num(coin.availableToWithdraw);
      return { wallet, available: withdrawable && withdrawable > 0 ? withdrawable : Math.max(0, wallet - held), equity: num(coin.equity) };
    }
    return null;
  }
  if (venue === 'binance') {
    const assets = (Array.isArray(raw) ? raw : (raw.assets ?? [])) as Array<Record<string, unknown>>;
    const usdt = assets.find((a) => a.asset === 'USDT');
    const wallet = num(usdt?.walletBalance);
    // ccxt's "total" here is the margin balance, i.e. equity.
    return usdt && wallet !== null ? { wallet, available: num(usdt.availableBalance), equity: num(usdt.marginBalance) } : null;
  }
  return null;
}
