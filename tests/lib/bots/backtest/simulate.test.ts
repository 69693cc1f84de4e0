import { describe, expect, it } from 'vitest';
import { calmar, dailyReturns, dealStats, sharpe, sortino } from '@/lib/bots/backtest/metrics';
import { ORIGINAL_LIQUIDATION_SLIPPAGE, runBacktest } from '@/lib/bots/backtest/simulate';
import { balanceMartingaleParamsSchema } from '@/lib/bots/engine/strategies/balance-martingale';
import { dcaLadderParamsSchema } from '@/lib/bots/engine/strategies/dca-ladder';
import type { Candle, MarketRules } from '@/lib/bots/engine/types';
import { SimulatedMarket } from '@/lib/bots/exchange/simulated-market';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1);
const RULES: MarketRules = { symbol: 'TESTUSDT', lotStep: 0.001, tickSize: 0.01, minQty: 0.001, maxQty: 1_000_000, minNotional: 0, maxLeverage: 100, maintMarginRate: 0.005 };
const OFF = { emaEnabled: false, volatilityEnabled: false, declineEnabled: false };

/** One-minute candles through the given closes, each opening at the previous close. */
function path(closes: number[]): Candle[] {
  return closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1]!;
    return { time: T0 + i * MINUTE, open, high: Math.max(open, close), low: Math.min(open, close), close, volume: 1 };
  });
}

const dca = (over: Record<string, unknown> = {}) => dcaLadderParamsSchema.parse({ side: 'long', filters: OFF, baseOrderSize: 100, safetyOrderSize: 200, maxSafetyOrders: 1, priceDeviation: 0.01, takeProfit: 0.015, ...over }) as unknown as Record<string, unknown>;

describe('backtest simulation', () => {
  it('walks a deal through its safety order to the take profit, with trades, deal and metrics that agree', () => {
    const closes = [100, 100, 99.5, 98.9, 99.5, 100, 100.6, 101, 101, 101];
    const result = runBacktest({ strategy: 'dca_ladder', params: dca(), rules: RULES, startingBalance: 10_000, decisionEveryMinutes: 1, feeRate: 0.001, slippage: 0 }, path(closes));
    expect(result.trades.map((t) => t.action)).toEqual(['OPENED', 'ADDED', 'CLOSED', 'OPENED']);
    const [deal] = result.deals;
    expect(deal).toMatchObject({ safetyOrders: 1, liquidated: false });
    // Base 0.999 at 100 (qty from the ask 100.01), SO1 at 99 for 200/99 → 2.02; TP 1.5 % over the average.
    const average = (0.999 * 100 + 2.02 * 99) / (0.999 + 2.02);
    expect(deal!.exitPrice).toBeCloseTo(Math.ceil(average * 1.015 * 100) / 100, 8);
    expect(deal!.net).toBeCloseTo(deal!.pnl - deal!.fees, 10);
    expect(deal!.pnl).toBeCloseTo((deal!.exitPrice! - average) * (0.999 + 2.02), 6);
    expect(result.metrics.closedDeals).toBe(1);
    expect(result.metrics.feesPaid).toBeCloseTo(result.trades.reduce((sum, t) => sum + t.fee, 0), 10);
    expect(result.metrics.finalBalance).toBeCloseTo(10_000 + deal!.net - result.trades[3]!.fee, 8);
    expect(result.metrics.maxSafetyOrdersUsed).toBe(1);
    expect(result.original.counts).toEqual({ OPEN: 2, ADD: 1, REDUCE: 0, CLOSE: 1 });
  });

  it('decides only at the run interval, while the book fills limits at every minute', () => {
    const closes = Array.from({ length: 30 }, (_, i) => (i < 12 ? 100 : 98.5));
    const every5 = runBacktest({ strategy: 'dca_ladder', params: dca(), rules: RULES, startingBalance: 10_000, decisionEveryMinutes: 5 }, path(closes));
    // Decisions at minute closes 5, 10, 15…: the base order at the first, the safety order rests
    // from the second and fills at minute 12, between decisions.
    expect(every5.trades.map((t) => [t.action, (t.time - T0) / MINUTE])).toEqual([
      ['OPENED', 5],
      ['ADDED', 12],
    ]);
  });

  it('the original model liquidates at margin level ≤ 1 at a decision close, 0.5 % worse, with 0.075 % fees', () => {
    const params = balanceMartingaleParamsSchema.parse({ side: 'long', usePostOnly: false, leverage: 50, filters: OFF }) as unknown as Record<string, unknown>;
    // Opens at 100 (market), then the price slides 3 % — at 50× that is past liquidation.
    const closes = [100, 100, 100, 100, 100, 99, 98.5, 98, 97.5, 97];
    const result = runBacktest({ strategy: 'balance_martingale', params, rules: { ...RULES, maxLeverage: 50 }, startingBalance: 10_000, model: 'original', decisionEveryMinutes: 5 }, path(closes));
    const liquidation = result.trades.find((t) => t.liquidation);
    expect(liquidation).toBeDefined();
    expect(liquidation!.price).toBeCloseTo(97 * (1 - ORIGINAL_LIQUIDATION_SLIPPAGE), 8);
    expect(result.original.liquidations).toBe(1);
    const opened = result.trades[0]!;
    expect(opened.fee).toBeCloseTo(opened.qty * opened.price * 0.00075, 10);
  });

  it('keeps the equity curve bounded over a year and reports every metric', () => {
    const market = new SimulatedMarket();
    const candles = market.candles('BTCUSDT', 1, { since: T0, until: T0 + 365 * 24 * 60 * MINUTE });
    const result = runBacktest({ strategy: 'dca_ladder', params: dcaLadderParamsSchema.parse({ side: 'long' }) as unknown as Record<string, unknown>, rules: market.rules('BTCUSDT')!, startingBalance: 10_000 }, candles);
    expect(result.candles).toBe(525_600);
    expect(result.equity.length).toBeLessThanOrEqual(3000);
    expect(result.equity.length).toBeGreaterThan(1000);
    expect(result.metrics.days).toBeCloseTo(365, 6);
    expect(result.metrics.deals).toBeGreaterThan(0);
    for (const key of ['sharpe', 'sortino', 'calmar', 'winRate', 'profitFactor', 'expectancy'] as const) expect(result.metrics[key]).not.toBeUndefined();
    expect(result.metrics.maxDrawdown).toBeGreaterThan(0);
    expect(result.metrics.finalEquity - 10_000).toBeCloseTo(result.metrics.netProfit, 8);
  });
});

describe('backtest metrics', () => {
  it('computes daily returns, Sharpe and Sortino annualised with √365', () => {
    const returns = dailyReturns([100, 110, 99, 108.9]);
    expect(returns[0]).toBeCloseTo(0.1, 12);
    expect(returns[1]).toBeCloseTo(-0.1, 12);
    expect(returns[2]).toBeCloseTo(0.1, 12);
    const mean = 0.1 / 3;
    const sd = Math.sqrt(((0.1 - mean) ** 2 * 2 + (-0.1 - mean) ** 2) / 2);
    expect(sharpe(returns)).toBeCloseTo((mean / sd) * Math.sqrt(365), 8);
    expect(sortino(returns)).toBeCloseTo((mean / Math.sqrt(0.01 / 3)) * Math.sqrt(365), 8);
    expect(sharpe([0.01])).toBeNull();
    expect(sortino([0.01, 0.02])).toBeNull();
  });

  it('computes Calmar from the annualised return and the max drawdown', () => {
    expect(calmar(100, 121, 730, 0.1)).toBeCloseTo(0.1 / 0.1, 10);
    expect(calmar(100, 121, 730, 0)).toBeNull();
  });

  it('computes win rate, profit factor and expectancy over closed deals only', () => {
    const stats = dealStats([
      { net: 30, openedAt: 0, closedAt: 60_000, safetyOrders: 0 },
      { net: -10, openedAt: 0, closedAt: 180_000, safetyOrders: 3 },
      { net: 10, openedAt: 0, closedAt: 120_000, safetyOrders: 1 },
      { net: -500, openedAt: 0, closedAt: null, safetyOrders: 4 },
    ]);
    expect(stats).toMatchObject({ closedDeals: 3, winRate: 2 / 3, profitFactor: 4, expectancy: 10, averageWin: 20, averageLoss: -10, averageDealMinutes: 2, longestDealMinutes: 3, maxSafetyOrdersUsed: 4 });
  });
});
