// The strategy engine's contract, shared by live runs and backtests (DESIGN.md §1: pure, no I/O).
// A strategy is `(state, snapshot, params) → (orders to cancel/place, new state, events)`.
// Everything here is float64: the engine rounds to market precision when it creates an order,
// and the data layer stores decimal strings (DESIGN.md §6).

export type PositionSide = 'long' | 'short';
export type OrderSide = 'buy' | 'sell';
export type StrategyId = 'balance_martingale' | 'dca_ladder';

/** One OHLCV candle; `time` is its open time in ms since the epoch (UTC). */
export interface Candle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** What the exchange says about a market; orders are rounded to it. Quantities are in base units. */
export interface MarketRules {
  symbol: string;
  /** Quantity step (base units). */
  lotStep: number;
  /** Price step. */
  tickSize: number;
  minQty: number;
  maxQty: number;
  /** Smallest order value in quote; 0 when the market has none. */
  minNotional: number;
  maxLeverage: number;
  /** Maintenance margin rate, e.g. 0.005. */
  maintMarginRate: number;
}

/** An isolated-margin perpetual position. */
export interface Position {
  side: PositionSide;
  /** Base units, always > 0 (the side says the direction). */
  size: number;
  /** Average entry price: total quote over total base. */
  entryPrice: number;
  /** Isolated margin held by the position (quote). */
  margin: number;
  leverage: number;
}

export type DeclineClass = 'SLOW_DECLINE' | 'MODERATE_DECLINE' | 'FAST_DECLINE' | 'CRASH';
export type VolatilityMetric = 'atr' | 'bollinger_width' | 'historical_volatility';

export interface VolatilityReading {
  high: boolean;
  /** The first metric that triggered (reference order: ATR, Bollinger width, historical volatility). */
  trigger: VolatilityMetric | null;
  atr: number | null;
  atrMean: number | null;
  bollingerWidth: number | null;
  historicalVolatility: number | null;
}

export interface DeclineReading {
  score: number;
  class: DeclineClass;
  roc5: number;
  roc15: number;
  roc30: number;
  smoothness: number;
  volumeRatio: number;
}

/** Indicator readings at the snapshot's instant; null while an indicator is still warming up. */
export interface Features {
  /** EMA50 / EMA200 on the pair's EMA interval closes. */
  ema50: number | null;
  ema200: number | null;
  /** EMA100 on hourly closes (the entry gate). */
  trendEma: number | null;
  volatility: VolatilityReading | null;
  decline: DeclineReading | null;
}

/** A fill of one of this bot's orders on this symbol since the previous step. */
export interface Fill {
  key: string;
  side: OrderSide;
  price: number;
  qty: number;
  fee: number;
  time: number;
}

/** One of this bot's resting orders on this symbol. */
export interface OpenOrder {
  key: string;
  side: OrderSide;
  type: 'market' | 'limit';
  price: number | null;
  qty: number;
  reduceOnly: boolean;
}

export interface MarketSnapshot {
  /** ms since the epoch: the decision instant (a candle close in backtests). */
  time: number;
  last: number;
  bid: number;
  ask: number;
  mark: number;
  /** Wallet balance in quote, without unrealised PnL. */
  balance: number;
  position: Position | null;
  /**
   * The bot's pairs that count against the margin cap: those with an open position plus this
   * one (reference "N"). Always ≥ 1.
   */
  activePairs: number;
  features: Features;
  rules: MarketRules;
  fills: readonly Fill[];
  openOrders: readonly OpenOrder[];
}

export type OrderPurpose = 'open' | 'add' | 'safety' | 'take_profit' | 'reduce' | 'close' | 'stop_loss';

export interface OrderIntent {
  /**
   * Stable within the bot and pair, derived from deal and ladder step (plus the decision slot for
   * an order a stateless strategy re-places each run), e.g. `d3-so2`. The runner prefixes the
   * bot and pair, so a retried or duplicated run asks for the same client order id and the
   * exchange refuses the second copy.
   */
  key: string;
  side: OrderSide;
  type: 'market' | 'limit';
  /** Limit price rounded to the tick; null for market orders. */
  price: number | null;
  /** Rounded down to the lot step, within [minQty, maxQty]. */
  qty: number;
  reduceOnly: boolean;
  postOnly: boolean;
  purpose: OrderPurpose;
}

export type EngineEventType =
  | 'deal_opened'
  | 'position_added'
  | 'safety_order_placed'
  | 'take_profit'
  | 'stop_loss'
  | 'deal_closed'
  | 'paused'
  | 'high_volatility'
  | 'decline_alert'
  | 'margin_warning'
  | 'max_margin_protection';

export interface EngineEvent {
  type: EngineEventType;
  /** A sentence for the run log and notifications. */
  message: string;
  data?: Readonly<Record<string, number | string | boolean | null>>;
}

export interface StepResult<S> {
  /** Keys of resting orders to cancel first, or 'all' (the original cancels everything each run). */
  cancel: 'all' | readonly string[];
  place: readonly OrderIntent[];
  /** May be the same object as the input state when nothing changed (backtests rely on that for speed). */
  state: S;
  events: readonly EngineEvent[];
}

export interface Strategy<P, S> {
  id: StrategyId;
  initialState(params: P): S;
  step(state: S, snapshot: MarketSnapshot, params: P): StepResult<S>;
}

export const NO_ORDERS: readonly OrderIntent[] = Object.freeze([]);
export const NO_EVENTS: readonly EngineEvent[] = Object.freeze([]);
export const CANCEL_NOTHING: readonly string[] = Object.freeze([]);
