import { FeatureTracker } from '../engine/features';
import { filterSettingsSchema } from '../engine/filters/settings';
import { marginLevel, unrealisedPnl } from '../engine/position-math';
import type { Candle, Fill, MarketRules, MarketSnapshot, OpenOrder, StrategyId } from '../engine/types';
import { PaperBook, quoteAround } from '../exchange/paper-book';
import { isExchangeError } from '../exchange/types';
import { STRATEGIES } from '../strategies';
import { BacktestRecorder, type BacktestResult } from './recorder';

// A backtest: the live engine over historical one-minute candles, on the paper exchange's book, so
// fills, fees, slippage and liquidation are the ones a paper bot gets. The strategy decides at
// every `decisionEveryMinutes`-th candle close (a bot's run interval; the original's backtest
// stepped every 5th minute), the book sees every candle in between (limits fill, positions
// liquidate). Feed candles in chunks to report progress; nothing here does I/O.

export type BacktestModel = 'tessera' | 'original';

export interface BacktestConfig {
  strategy: StrategyId;
  /** Parsed strategy params (including `filters`), as strategyParamsFor gives them. */
  params: Record<string, unknown>;
  rules: MarketRules;
  startingBalance: number;
  /**
   * 'tessera': fees 0.06 %, slippage 0.05 %, liquidation when a candle touches the liquidation
   * price. 'original': the original bot's backtest — 0.075 % fees, no slippage on fills, and
   * liquidation at a margin level ≤ 1 at a decision close, filled 0.5 % worse.
   */
  model?: BacktestModel;
  decisionEveryMinutes?: number;
  /** The candles' interval: uploaded files may be coarser than a minute (the filters then read those candles). */
  candleMinutes?: number;
  feeRate?: number;
  slippage?: number;
}

const MINUTE = 60_000;
const NO_FILLS: Fill[] = [];
export const ORIGINAL_FEE_RATE = 0.00075;
export const ORIGINAL_LIQUIDATION_SLIPPAGE = 0.005;

export class BacktestSimulation {
  readonly book: PaperBook;
  private readonly tracker: FeatureTracker;
  private readonly recorder: BacktestRecorder;
  private readonly every: number;
  private readonly candleMs: number;
  private readonly original: boolean;
  private readonly symbol: string;
  private readonly step: (state: unknown, snapshot: MarketSnapshot, params: never) => ReturnType<(typeof STRATEGIES)[StrategyId]['strategy']['step']>;
  private state: unknown;
  private seenFills = 0;
  private rejected = 0;
  candles = 0;

  constructor(private readonly config: BacktestConfig) {
    this.original = config.model === 'original';
    this.candleMs = Math.max(1, Math.round(config.candleMinutes ?? 1)) * MINUTE;
    this.every = Math.max(1, Math.round(config.decisionEveryMinutes ?? 5), Math.round(config.candleMinutes ?? 1));
    this.symbol = config.rules.symbol;
    this.book = new PaperBook(config.startingBalance, 0, {
      feeRate: config.feeRate ?? (this.original ? ORIGINAL_FEE_RATE : undefined),
      slippage: config.slippage ?? (this.original ? 0 : undefined),
      touchLiquidation: !this.original,
    });
    this.book.useRules(config.rules);
    const leverage = Number(config.params.leverage ?? 1);
    this.book.setLeverage(this.symbol, Math.min(Math.max(1, Math.round(leverage)), config.rules.maxLeverage), config.rules);
    this.tracker = new FeatureTracker(filterSettingsSchema.parse(config.params.filters ?? {}));
    const entry = STRATEGIES[config.strategy];
    this.step = entry.strategy.step.bind(entry.strategy) as never;
    this.state = entry.strategy.initialState(config.params as never);
    this.recorder = new BacktestRecorder({
      startingBalance: config.startingBalance,
      side: config.params.side === 'short' ? 'short' : 'long',
      leverage: this.book.leverageOf(this.symbol),
      maintMarginRate: config.rules.maintMarginRate,
    });
  }

  /** Passes candles (oldest first, one minute each) through the book and the strategy. */
  feed(candles: readonly Candle[]): void {
    const { book, tracker, symbol, every } = this;
    for (let i = 0; i < candles.length; i++) {
      const candle = candles[i]!;
      tracker.push(candle);
      book.candle(symbol, candle);
      const close = candle.time + this.candleMs;
      if ((close / MINUTE) % every === 0) {
        this.decide(candle, close);
        this.recorder.held(book.held());
      }
      if (book.fills.length > this.recorder.recordedFills) this.recorder.record(book.fills);
      this.recorder.mark(close, this.equity(candle.close), book.wallet);
    }
    this.candles += candles.length;
  }

  finish(): BacktestResult {
    return this.recorder.result({ candles: this.candles, rejectedOrders: this.rejected, finalWallet: this.book.wallet });
  }

  private equity(price: number): number {
    const position = this.book.positions.get(this.symbol);
    return position ? this.book.wallet + unrealisedPnl(position, price) : this.book.wallet;
  }

  private decide(candle: Candle, time: number): void {
    const { book, symbol, config } = this;
    const price = candle.close;
    if (this.original) {
      const position = book.positions.get(symbol);
      if (position && marginLevel(position, price, config.rules.maintMarginRate) <= 1) {
        book.liquidate(symbol, position.side === 'long' ? price * (1 - ORIGINAL_LIQUIDATION_SLIPPAGE) : price * (1 + ORIGINAL_LIQUIDATION_SLIPPAGE), time);
      }
    }
    const fills: Fill[] = book.fills.length > this.seenFills ? [] : NO_FILLS;
    for (let i = this.seenFills; i < book.fills.length; i++) {
      const fill = book.fills[i]!;
      fills.push({ key: fill.clientOrderId, side: fill.side, price: fill.price, qty: fill.qty, fee: fill.fee, time: fill.time });
    }
    this.seenFills = book.fills.length;
    const openOrders: OpenOrder[] = [];
    for (const order of book.orders) {
      if (order.symbol === symbol) openOrders.push({ key: order.clientOrderId, side: order.side, type: order.type, price: order.price, qty: order.qty, reduceOnly: order.reduceOnly });
    }
    const position = book.positions.get(symbol) ?? null;
    const quote = quoteAround(price, config.rules);
    const snapshot: MarketSnapshot = {
      time,
      last: price,
      bid: quote.bid,
      ask: quote.ask,
      mark: price,
      balance: book.wallet,
      position,
      activePairs: 1,
      features: this.tracker.read(),
      rules: config.rules,
      fills,
      openOrders,
    };
    const result = this.step(this.state, snapshot, config.params as never);
    this.state = result.state;
    if (result.cancel === 'all') book.cancelAll(symbol);
    else for (const key of result.cancel) if (book.orders.some((o) => o.clientOrderId === key)) book.cancel(symbol, key);
    for (const intent of result.place) {
      try {
        book.place({ symbol, clientOrderId: intent.key, side: intent.side, type: intent.type, price: intent.price, qty: intent.qty, reduceOnly: intent.reduceOnly, postOnly: intent.postOnly }, config.rules, price, time);
      } catch (error) {
        // As on an exchange: a refused order is skipped, and the strategy sees it didn't rest.
        if (!isExchangeError(error)) throw error;
        this.rejected += 1;
      }
    }
  }
}

/** A whole backtest in one call (tests and the benchmark). */
export function runBacktest(config: BacktestConfig, candles: readonly Candle[]): BacktestResult {
  const simulation = new BacktestSimulation(config);
  simulation.feed(candles);
  return simulation.finish();
}
