import type { OrderSide, Position, PositionSide } from '../engine/types';
import type { ExchangeFill } from '../exchange/types';
import { tradeOfFill, type TradeAction } from '../run/trade-of-fill';
import { calmar, dailyReturns, dealStats, sharpe, sortino, type BacktestMetrics } from './metrics';

// What a backtest keeps while it runs: every fill told as a trade (the live runner's
// OPENED/ADDED/REDUCED/CLOSED), deals from open to close, and the equity path — its peak and
// drawdowns at every minute, one point per day for the ratios and a bounded curve for the chart.

const DAY = 86_400_000;
const CURVE_POINTS = 1500;
/** Trades kept for the result; the counts and deals cover all of them. */
const KEPT_TRADES = 20_000;

export interface BacktestTrade {
  time: number;
  action: TradeAction;
  side: OrderSide;
  qty: number;
  price: number;
  fee: number;
  pnl: number | null;
  balanceAfter: number;
  liquidation: boolean;
}

export interface BacktestDeal {
  n: number;
  side: PositionSide;
  openedAt: number;
  closedAt: number | null;
  entryPrice: number;
  exitPrice: number | null;
  /** Adds after the opening fill (safety orders for the DCA ladder). */
  safetyOrders: number;
  maxSize: number;
  pnl: number;
  fees: number;
  net: number;
  liquidated: boolean;
}

export interface EquityPoint {
  time: number;
  equity: number;
  /** Fall from the peak so far, as a fraction of it. */
  drawdown: number;
}

/** The original bot's backtest report, kept for users comparing with what they ran before. */
export interface OriginalReport {
  initialBalance: number;
  finalBalance: number;
  returnPct: number;
  fees: number;
  completedPositions: number;
  winningPositions: number;
  losingPositions: number;
  winRate: number | null;
  counts: Record<'OPEN' | 'ADD' | 'REDUCE' | 'CLOSE', number>;
  averageWin: number | null;
  averageLoss: number | null;
  maxDrawdownPct: number;
  maxDrawdownValue: number;
  peakValue: number;
  liquidations: number;
}

export interface BacktestResult {
  metrics: BacktestMetrics;
  original: OriginalReport;
  equity: EquityPoint[];
  deals: BacktestDeal[];
  trades: BacktestTrade[];
  tradeCount: number;
  candles: number;
  rejectedOrders: number;
  from: number | null;
  to: number | null;
}

const ACTION_COUNT = { OPENED: 'OPEN', ADDED: 'ADD', REDUCED: 'REDUCE', CLOSED: 'CLOSE' } as const;

export class BacktestRecorder {
  recordedFills = 0;
  private position: Position | null = null;
  private balance: number;
  private readonly trades: BacktestTrade[] = [];
  private tradeCount = 0;
  private readonly deals: BacktestDeal[] = [];
  private deal: BacktestDeal | null = null;
  private readonly counts = { OPEN: 0, ADD: 0, REDUCE: 0, CLOSE: 0 };
  private fees = 0;
  private liquidations = 0;
  private peak: number;
  private maxDrawdown = 0;
  private maxDrawdownValue = 0;
  private maxFloating = 0;
  private maxHeld = 0;
  private readonly daily: number[] = [];
  private readonly curve: EquityPoint[] = [];
  private curveEvery = 60;
  private minutes = 0;
  private first: number | null = null;
  private last: number | null = null;
  private lastEquity: number;

  constructor(private readonly config: { startingBalance: number; side: PositionSide; leverage: number; maintMarginRate: number }) {
    this.balance = config.startingBalance;
    this.peak = config.startingBalance;
    this.lastEquity = config.startingBalance;
    this.daily.push(config.startingBalance);
  }

  record(fills: readonly ExchangeFill[]): void {
    for (let i = this.recordedFills; i < fills.length; i++) this.trade(fills[i]!);
    this.recordedFills = fills.length;
  }

  /** Margin committed after orders changed (it changes only when they do). */
  held(margin: number): void {
    if (margin > this.maxHeld) this.maxHeld = margin;
  }

  /** The equity at a minute's close. */
  mark(time: number, equity: number, wallet: number): void {
    if (this.first === null) this.first = time - 60_000;
    this.last = time;
    this.lastEquity = equity;
    if (equity > this.peak) this.peak = equity;
    const drop = this.peak - equity;
    if (drop > this.maxDrawdownValue) this.maxDrawdownValue = drop;
    const drawdown = this.peak > 0 ? drop / this.peak : 0;
    if (drawdown > this.maxDrawdown) this.maxDrawdown = drawdown;
    const floating = wallet > 0 ? (wallet - equity) / wallet : 0;
    if (floating > this.maxFloating) this.maxFloating = floating;
    if (time % DAY === 0) this.daily.push(equity);
    if (++this.minutes % this.curveEvery === 0) {
      this.curve.push({ time, equity, drawdown });
      // Keep the chart bounded: halve the points and sample half as often.
      if (this.curve.length >= CURVE_POINTS * 2) {
        for (let i = 0; i < CURVE_POINTS; i++) this.curve[i] = this.curve[i * 2 + 1]!;
        this.curve.length = CURVE_POINTS;
        this.curveEvery *= 2;
      }
    }
  }

  result(run: { candles: number; rejectedOrders: number; finalWallet: number }): BacktestResult {
    const initial = this.config.startingBalance;
    const days = this.first !== null && this.last !== null ? (this.last - this.first) / DAY : 0;
    const daily = this.daily.at(-1) === this.lastEquity ? this.daily : [...this.daily, this.lastEquity];
    const returns = dailyReturns(daily);
    const stats = dealStats(this.deals);
    const netProfit = this.lastEquity - initial;
    const metrics: BacktestMetrics = {
      initialBalance: initial,
      finalBalance: run.finalWallet,
      finalEquity: this.lastEquity,
      netProfit,
      returnPct: netProfit / initial,
      roiOnMaxCapital: this.maxHeld > 0 ? netProfit / this.maxHeld : null,
      maxCapitalUsed: this.maxHeld,
      maxDrawdown: this.maxDrawdown,
      maxDrawdownValue: this.maxDrawdownValue,
      maxFloatingDrawdown: this.maxFloating,
      peakEquity: this.peak,
      deals: this.deals.length,
      closedDeals: stats.closedDeals,
      winRate: stats.winRate,
      profitFactor: stats.profitFactor,
      expectancy: stats.expectancy,
      averageWin: stats.averageWin,
      averageLoss: stats.averageLoss,
      sharpe: sharpe(returns),
      sortino: sortino(returns),
      calmar: calmar(initial, this.lastEquity, days, this.maxDrawdown),
      averageDealMinutes: stats.averageDealMinutes,
      longestDealMinutes: stats.longestDealMinutes,
      maxSafetyOrdersUsed: stats.maxSafetyOrdersUsed,
      feesPaid: this.fees,
      liquidations: this.liquidations,
      days,
    };
    const original: OriginalReport = {
      initialBalance: initial,
      finalBalance: run.finalWallet,
      returnPct: (run.finalWallet - initial) / initial,
      fees: this.fees,
      completedPositions: stats.closedDeals,
      winningPositions: stats.wins,
      losingPositions: stats.losses,
      winRate: stats.winRate,
      counts: { ...this.counts },
      averageWin: stats.averageWin,
      averageLoss: stats.averageLoss,
      maxDrawdownPct: this.maxDrawdown,
      maxDrawdownValue: this.maxDrawdownValue,
      peakValue: this.peak,
      liquidations: this.liquidations,
    };
    return { metrics, original, equity: this.curve, deals: this.deals, trades: this.trades, tradeCount: this.tradeCount, candles: run.candles, rejectedOrders: run.rejectedOrders, from: this.first, to: this.last };
  }

  private trade(fill: ExchangeFill): void {
    const trade = tradeOfFill(this.position, fill, this.config.side, this.config.leverage, this.config.maintMarginRate);
    this.balance += (trade.pnl ?? 0) - trade.fee;
    this.fees += trade.fee;
    this.counts[ACTION_COUNT[trade.action]] += 1;
    this.tradeCount += 1;
    if (fill.liquidation) this.liquidations += 1;
    if (this.trades.length < KEPT_TRADES) {
      this.trades.push({ time: fill.time, action: trade.action, side: fill.side, qty: trade.qty, price: trade.price, fee: trade.fee, pnl: trade.pnl, balanceAfter: this.balance, liquidation: trade.liquidation });
    }
    if (trade.action === 'OPENED') {
      this.deal = { n: this.deals.length + 1, side: trade.after!.side, openedAt: fill.time, closedAt: null, entryPrice: fill.price, exitPrice: null, safetyOrders: 0, maxSize: trade.after!.size, pnl: 0, fees: 0, net: 0, liquidated: false };
      this.deals.push(this.deal);
    }
    const deal = this.deal;
    if (deal) {
      deal.fees += trade.fee;
      deal.pnl += trade.pnl ?? 0;
      deal.net = deal.pnl - deal.fees;
      if (trade.action === 'ADDED') deal.safetyOrders += 1;
      if (trade.after) deal.maxSize = Math.max(deal.maxSize, trade.after.size);
      if (trade.action === 'CLOSED') {
        deal.closedAt = fill.time;
        deal.exitPrice = fill.price;
        deal.liquidated = fill.liquidation;
        this.deal = null;
      }
    }
    this.position = trade.after;
  }
}
