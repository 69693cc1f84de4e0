import { increased, liquidationPrice, reduced, unrealisedPnl } from '../engine/position-math';
import type { Candle, MarketRules, Position } from '../engine/types';
import { ExchangeError, type Balance, type ExchangeFill, type ExchangeOrder, type ExchangePosition, type OrderRequest } from './types';

// The paper exchange's account: one isolated-margin perpetual book in quote currency, shared by the
// paper exchange (a bot's runs) and backtests, so both fill, charge and liquidate the same way.
// Synchronous and allocation-light: a backtest passes a year of minutes through candle().
//
// The fill model, as a demanding user would check it against a real exchange:
// - market orders fill at once at the given price (the last candle's close) moved against the
//   order by the slippage; limit orders rest, and fill at their price when a candle reaches it (a
//   limit that is already marketable fills at once like a market order, unless post-only);
// - every fill pays `feeRate` of its value (default 0.06 %, a common taker fee);
// - margin is isolated: an entry order needs its value ÷ leverage free, a position is liquidated
//   when a candle reaches its liquidation price (maintenance margin rate from the market), closing
//   at that price and losing the position's margin;
// - one-way mode: an order against the position reduces it first, and a reduce-only order never
//   opens or flips one;
// - a client order id is accepted once (as Bybit and Binance refuse a repeated one).

export const DEFAULT_FEE_RATE = 0.0006;
export const DEFAULT_SLIPPAGE = 0.0005;
/** Client ids remembered for duplicate refusal, and fills kept for fills(), in a stored book. */
const KEPT_CLIENT_IDS = 5000;
const KEPT_FILLS = 2000;
const EPSILON = 1e-9;

export interface PaperOrder {
  id: string;
  clientOrderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  price: number | null;
  qty: number;
  reduceOnly: boolean;
  /** Margin held for an entry limit (value ÷ leverage), released when it fills or is cancelled. */
  held: number;
  time: number;
}

export interface PaperBookOptions {
  feeRate?: number;
  slippage?: number;
  /**
   * Liquidate when a candle touches the liquidation price (the default, as exchanges do). The
   * original bot's backtest instead checks the margin level at its decision closes and calls
   * liquidate() itself.
   */
  touchLiquidation?: boolean;
}

/** The stored form (bots.paper_account): amounts as decimal strings, never floats in storage. */
export interface PaperAccountJson {
  v: 1;
  wallet: string;
  nextId: number;
  /** The instant the book has caught up to (ms). */
  time: number;
  leverage: Record<string, number>;
  positions: Record<string, { side: 'long' | 'short'; size: string; entryPrice: string; margin: string; leverage: number }>;
  orders: Array<Omit<PaperOrder, 'price' | 'qty' | 'held'> & { price: string | null; qty: string; held: string }>;
  fills: Array<Omit<ExchangeFill, 'price' | 'qty' | 'fee'> & { price: string; qty: string; fee: string }>;
  clientIds: string[];
  rules: Record<string, MarketRules>;
}

/** The book quotes one tick either side of the last price: a post-only limit at the bid rests. */
export function quoteAround(price: number, rules: Pick<MarketRules, 'tickSize'>): { bid: number; ask: number } {
  return { bid: Math.max(price - rules.tickSize, rules.tickSize), ask: price + rules.tickSize };
}

const text = (value: number) => String(Number(value.toPrecision(15)));

export class PaperBook {
  wallet: number;
  time: number;
  readonly feeRate: number;
  readonly slippage: number;
  readonly touchLiquidation: boolean;
  readonly positions = new Map<string, Position>();
  orders: PaperOrder[] = [];
  fills: ExchangeFill[] = [];
  private readonly leverage = new Map<string, number>();
  private readonly clientIds = new Set<string>();
  private readonly rules = new Map<string, MarketRules>();
  private nextId = 1;

  constructor(wallet: number, time: number, options: PaperBookOptions = {}) {
    this.wallet = wallet;
    this.time = time;
    this.feeRate = options.feeRate ?? DEFAULT_FEE_RATE;
    this.slippage = options.slippage ?? DEFAULT_SLIPPAGE;
    this.touchLiquidation = options.touchLiquidation ?? true;
  }

  static restore(json: PaperAccountJson, options: PaperBookOptions = {}): PaperBook {
    const book = new PaperBook(Number(json.wallet), json.time, options);
    book.nextId = json.nextId;
    for (const [symbol, leverage] of Object.entries(json.leverage)) book.leverage.set(symbol, leverage);
    for (const [symbol, p] of Object.entries(json.positions)) book.positions.set(symbol, { side: p.side, size: Number(p.size), entryPrice: Number(p.entryPrice), margin: Number(p.margin), leverage: p.leverage });
    book.orders = json.orders.map((o) => ({ ...o, price: o.price === null ? null : Number(o.price), qty: Number(o.qty), held: Number(o.held) }));
    book.fills = json.fills.map((f) => ({ ...f, price: Number(f.price), qty: Number(f.qty), fee: Number(f.fee) }));
    for (const id of json.clientIds) book.clientIds.add(id);
    for (const [symbol, rules] of Object.entries(json.rules)) book.rules.set(symbol, rules);
    return book;
  }

  toJSON(): PaperAccountJson {
    const positions: PaperAccountJson['positions'] = {};
    for (const [symbol, p] of this.positions) positions[symbol] = { side: p.side, size: text(p.size), entryPrice: text(p.entryPrice), margin: text(p.margin), leverage: p.leverage };
    const ids = [...this.clientIds];
    return {
      v: 1,
      wallet: text(this.wallet),
      nextId: this.nextId,
      time: this.time,
      leverage: Object.fromEntries(this.leverage),
      positions,
      orders: this.orders.map((o) => ({ ...o, price: o.price === null ? null : text(o.price), qty: text(o.qty), held: text(o.held) })),
      fills: this.fills.slice(-KEPT_FILLS).map((f) => ({ ...f, price: text(f.price), qty: text(f.qty), fee: text(f.fee) })),
      clientIds: ids.slice(-KEPT_CLIENT_IDS),
      rules: Object.fromEntries(this.rules),
    };
  }

  /** Markets' rules are kept with the book: liquidation needs the maintenance margin rate. */
  useRules(rules: MarketRules): void {
    this.rules.set(rules.symbol, rules);
  }

  /** A position keeps the leverage it opened with; new ones take the symbol's setting (1× until set). */
  leverageOf(symbol: string): number {
    return this.positions.get(symbol)?.leverage ?? this.leverage.get(symbol) ?? 1;
  }

  setLeverage(symbol: string, leverage: number, rules: MarketRules): void {
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > rules.maxLeverage) {
      throw new ExchangeError('invalid_order', `Leverage ${leverage} is outside ${symbol}'s 1–${rules.maxLeverage}.`);
    }
    this.leverage.set(symbol, leverage);
  }

  /** Margin held by positions and resting entry orders. */
  held(): number {
    let held = 0;
    for (const position of this.positions.values()) held += position.margin;
    for (const order of this.orders) held += order.held;
    return held;
  }

  balance(mark: (symbol: string) => number, currency = 'USDT'): Balance {
    let upnl = 0;
    for (const [symbol, position] of this.positions) upnl += unrealisedPnl(position, mark(symbol));
    return { currency, wallet: this.wallet, available: Math.max(0, this.wallet - this.held()), equity: this.wallet + upnl };
  }

  positionList(mark: (symbol: string) => number): ExchangePosition[] {
    return [...this.positions].map(([symbol, p]) => {
      const price = mark(symbol);
      const rules = this.rules.get(symbol);
      return { symbol, side: p.side, size: p.size, entryPrice: p.entryPrice, margin: p.margin, leverage: p.leverage, mark: price, unrealisedPnl: unrealisedPnl(p, price), liquidationPrice: liquidationPrice(p, rules?.maintMarginRate ?? 0) };
    });
  }

  openOrders(symbol: string): ExchangeOrder[] {
    return this.orders.filter((o) => o.symbol === symbol).map((o) => this.view(o, 'open', 0));
  }

  fillsSince(symbol: string, since: number): ExchangeFill[] {
    return this.fills.filter((f) => f.symbol === symbol && f.time >= since);
  }

  /** Places an order; `price` is the market price now (the last close). */
  place(request: OrderRequest, rules: MarketRules, price: number, time: number): ExchangeOrder {
    this.useRules(rules);
    if (this.clientIds.has(request.clientOrderId)) throw new ExchangeError('duplicate_client_order_id', `Order ${request.clientOrderId} was placed before.`);
    this.validate(request, rules, price);
    const position = this.positions.get(request.symbol);
    const increases = !position || (position.side === 'long') === (request.side === 'buy');
    if (request.reduceOnly && increases) throw new ExchangeError('invalid_order', 'A reduce-only order would open or increase a position.');
    const quote = quoteAround(price, rules);
    const marketable = request.type === 'market' || (request.side === 'buy' ? request.price! >= quote.ask : request.price! <= quote.bid);
    if (request.type === 'limit' && marketable && request.postOnly) throw new ExchangeError('post_only_rejected', 'A post-only order would have filled at once.');

    const leverage = this.leverageOf(request.symbol);
    const entryQty = increases ? request.qty : Math.max(0, request.qty - (request.reduceOnly ? request.qty : position!.size));
    const fillPrice = marketable ? (request.side === 'buy' ? price * (1 + this.slippage) : price * (1 - this.slippage)) : request.price!;
    const needed = (entryQty * fillPrice) / leverage + (marketable ? request.qty * fillPrice * this.feeRate : 0);
    if (entryQty > 0 && needed > this.wallet - this.held() + EPSILON) {
      throw new ExchangeError('insufficient_balance', `The order needs ${text(needed)} of margin; ${text(Math.max(0, this.wallet - this.held()))} is available.`);
    }

    this.clientIds.add(request.clientOrderId);
    const order: PaperOrder = {
      id: `paper-${this.nextId++}`,
      clientOrderId: request.clientOrderId,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      price: request.price,
      qty: request.qty,
      reduceOnly: request.reduceOnly,
      held: 0,
      time,
    };
    if (marketable) {
      const filled = this.fill(order, fillPrice, time);
      return this.view(order, 'filled', filled);
    }
    order.held = (entryQty * request.price!) / leverage;
    this.orders.push(order);
    return this.view(order, 'open', 0);
  }

  cancel(symbol: string, clientOrderId: string): void {
    const index = this.orders.findIndex((o) => o.symbol === symbol && o.clientOrderId === clientOrderId);
    if (index < 0) throw new ExchangeError('not_found', `No open order ${clientOrderId} on ${symbol}.`);
    this.orders.splice(index, 1);
  }

  cancelAll(symbol: string): void {
    this.orders = this.orders.filter((o) => o.symbol !== symbol);
  }

  /**
   * A candle of `symbol` passes: resting limits it reaches fill at their price (nearest first), then
   * a position whose liquidation price it reaches is liquidated.
   */
  candle(symbol: string, candle: Candle): void {
    const position = this.positions.get(symbol);
    if (!position && !this.orders.length) return;
    let reached = false;
    for (const o of this.orders) if (o.symbol === symbol && o.price !== null && (o.side === 'buy' ? candle.low <= o.price : candle.high >= o.price)) reached = true;
    if (reached) {
      const hit = this.orders.filter((o) => o.symbol === symbol && o.price !== null && (o.side === 'buy' ? candle.low <= o.price : candle.high >= o.price));
      {
        // As the price travels from the open, the limits nearest to it fill first.
        hit.sort((a, b) => Math.abs(a.price! - candle.open) - Math.abs(b.price! - candle.open));
        for (const order of hit) {
          const index = this.orders.indexOf(order);
          if (index < 0) continue;
          this.orders.splice(index, 1);
          const now = this.positions.get(symbol);
          const increases = !now || (now.side === 'long') === (order.side === 'buy');
          // A reduce-only order whose position is gone by now has nothing left to do.
          if (order.reduceOnly && increases) continue;
          this.fill(order, order.price!, candle.time);
        }
      }
    }
    this.liquidateIfReached(symbol, candle);
  }

  private liquidateIfReached(symbol: string, candle: Candle): void {
    const position = this.positions.get(symbol);
    if (!position || !this.touchLiquidation) return;
    const rules = this.rules.get(symbol);
    const price = liquidationPrice(position, rules?.maintMarginRate ?? 0);
    const reached = position.side === 'long' ? candle.low <= price : candle.high >= price;
    if (reached) this.liquidate(symbol, price, candle.time);
  }

  /**
   * Closes the position by force at `price`. Isolated margin: it loses at most its margin, and
   * what the margin had left at that price goes as the liquidation fee (as exchanges keep it).
   * Its reduce-only orders go with it.
   */
  liquidate(symbol: string, price: number, time: number): void {
    const position = this.positions.get(symbol);
    if (!position) return;
    const { realisedPnl } = reduced(position, position.size, price);
    const fee = Math.max(0, position.margin + realisedPnl);
    this.wallet += realisedPnl - fee;
    this.positions.delete(symbol);
    this.orders = this.orders.filter((o) => o.symbol !== symbol || !o.reduceOnly);
    this.fills.push({ symbol, clientOrderId: `liquidation-${this.nextId++}`, side: position.side === 'long' ? 'sell' : 'buy', price, qty: position.size, fee, time, liquidation: true });
  }

  private validate(request: OrderRequest, rules: MarketRules, marketPrice: number): void {
    const steps = (value: number, step: number) => Math.abs(value / step - Math.round(value / step)) < 1e-6;
    if (!(request.qty > 0) || request.qty < rules.minQty - EPSILON || request.qty > rules.maxQty + EPSILON || !steps(request.qty, rules.lotStep)) {
      throw new ExchangeError('invalid_order', `Quantity ${request.qty} doesn't fit ${rules.symbol}'s lot step ${rules.lotStep} within ${rules.minQty}–${rules.maxQty}.`);
    }
    if (request.type === 'limit') {
      if (request.price === null || !(request.price > 0) || !steps(request.price, rules.tickSize)) {
        throw new ExchangeError('invalid_order', `Price ${request.price} isn't a multiple of ${rules.symbol}'s tick ${rules.tickSize}.`);
      }
    }
    if (!request.reduceOnly && rules.minNotional > 0 && request.qty * (request.price ?? marketPrice) < rules.minNotional - EPSILON) {
      throw new ExchangeError('invalid_order', `The order's value is below ${rules.symbol}'s minimum of ${rules.minNotional}.`);
    }
  }

  /** Fills `order` at `price`; returns the quantity filled (a reduce-only one is clamped to the position). */
  private fill(order: PaperOrder, price: number, time: number): number {
    const side = order.side === 'buy' ? 'long' : 'short';
    let opening = order.qty;
    let filled = order.qty;
    const position = this.positions.get(order.symbol);
    if (position && position.side !== side) {
      const closing = Math.min(order.qty, position.size);
      const result = reduced(position, closing, price);
      this.wallet += result.realisedPnl;
      if (result.position) this.positions.set(order.symbol, result.position);
      else this.positions.delete(order.symbol);
      opening = order.reduceOnly ? 0 : order.qty - closing;
      if (order.reduceOnly) filled = closing;
    }
    if (opening > EPSILON) {
      const leverage = this.leverageOf(order.symbol);
      this.positions.set(order.symbol, increased(this.positions.get(order.symbol) ?? null, side, opening, price, leverage));
    }
    const fee = filled * price * this.feeRate;
    this.wallet -= fee;
    this.fills.push({ symbol: order.symbol, clientOrderId: order.clientOrderId, side: order.side, price, qty: filled, fee, time, liquidation: false });
    return filled;
  }

  private view(order: PaperOrder, status: ExchangeOrder['status'], filledQty: number): ExchangeOrder {
    return { id: order.id, clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.side, type: order.type, price: order.price, qty: order.qty, filledQty, reduceOnly: order.reduceOnly, status, time: order.time };
  }
}
