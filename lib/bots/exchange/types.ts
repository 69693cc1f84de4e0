import type { Candle, MarketRules, OrderSide, PositionSide } from '../engine/types';

// The one exchange interface (paper, and ccxt for Bybit, Phemex, Binance USDT perpetuals). Every
// order carries the bot's client order id; an exchange refuses a second order with the same id
// (`duplicate_client_order_id`), which is what makes a retried run safe.

export type ExchangeErrorCode =
  | 'duplicate_client_order_id'
  | 'insufficient_balance'
  | 'invalid_order'
  | 'post_only_rejected'
  | 'not_found'
  | 'auth_failed'
  | 'rate_limited'
  | 'unavailable'
  | 'unsupported';

export class ExchangeError extends Error {
  constructor(
    readonly code: ExchangeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExchangeError';
  }
}

export function isExchangeError(error: unknown, code?: ExchangeErrorCode): error is ExchangeError {
  return error instanceof ExchangeError && (code === undefined || error.code === code);
}

export interface Ticker {
  symbol: string;
  last: number;
  bid: number;
  ask: number;
  mark: number;
  time: number;
}

export interface Balance {
  currency: string;
  /** Wallet balance without unrealised PnL. */
  wallet: number;
  /** What new orders can use: wallet minus margin held. */
  available: number;
  /** Wallet plus unrealised PnL. */
  equity: number;
}

export interface ExchangePosition {
  symbol: string;
  side: PositionSide;
  size: number;
  entryPrice: number;
  margin: number;
  leverage: number;
  mark: number;
  unrealisedPnl: number;
  liquidationPrice: number;
}

export interface OrderRequest {
  symbol: string;
  clientOrderId: string;
  side: OrderSide;
  type: 'market' | 'limit';
  /** Required for limit orders. */
  price: number | null;
  qty: number;
  reduceOnly: boolean;
  postOnly: boolean;
}

export type OrderStatus = 'open' | 'filled' | 'cancelled' | 'rejected';

export interface ExchangeOrder {
  id: string;
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: 'market' | 'limit';
  price: number | null;
  qty: number;
  filledQty: number;
  reduceOnly: boolean;
  status: OrderStatus;
  time: number;
}

export interface ExchangeFill {
  symbol: string;
  clientOrderId: string;
  side: OrderSide;
  price: number;
  qty: number;
  fee: number;
  /** ms since the epoch. */
  time: number;
  /** A forced close by the exchange (paper liquidation). */
  liquidation: boolean;
}

export interface Exchange {
  readonly id: string;
  /** Rules for the given symbols, in their order; unknown symbols are left out. */
  markets(symbols: readonly string[]): Promise<MarketRules[]>;
  /** Closed candles of `intervalMinutes` with open time in [since, until), oldest first. */
  candles(symbol: string, intervalMinutes: number, range: { since: number; until: number }): Promise<Candle[]>;
  ticker(symbol: string): Promise<Ticker>;
  balance(): Promise<Balance>;
  positions(): Promise<ExchangePosition[]>;
  setLeverage(symbol: string, leverage: number): Promise<void>;
  createOrder(request: OrderRequest): Promise<ExchangeOrder>;
  /** Throws `not_found` when the order isn't open (filled, cancelled or unknown). */
  cancelOrder(symbol: string, clientOrderId: string): Promise<void>;
  cancelAllOrders(symbol: string): Promise<void>;
  openOrders(symbol: string): Promise<ExchangeOrder[]>;
  /** This account's fills on the symbol at or after `since` (ms), oldest first. */
  fills(symbol: string, since: number): Promise<ExchangeFill[]>;
}
