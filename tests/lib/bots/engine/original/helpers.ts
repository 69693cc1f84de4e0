import { DEFAULT_FILTER_SETTINGS, type FilterSettings } from '@/lib/bots/engine/filters/settings';
import { balanceMartingaleParamsSchema, type BalanceMartingaleParams } from '@/lib/bots/engine/strategies/balance-martingale';
import type { Candle, DeclineReading, Features, MarketRules, MarketSnapshot, Position, VolatilityReading } from '@/lib/bots/engine/types';

// Snapshots for the Balance Martingale tests: a calm market at 100 on a 10,000 balance where every
// filter lets a long through, so each test changes only what its rule is about.

export const TIME = 1_800_000_000_000;
export const SLOT = Math.floor(TIME / 60_000).toString(36);

export const RULES: MarketRules = {
  symbol: 'TESTUSDT',
  lotStep: 0.001,
  tickSize: 0.01,
  minQty: 0.001,
  maxQty: 1_000_000,
  minNotional: 0,
  maxLeverage: 100,
  maintMarginRate: 0.005,
};

export const calmVolatility = (over: Partial<VolatilityReading> = {}): VolatilityReading => ({
  high: false,
  trigger: null,
  atr: 1,
  atrMean: 1,
  bollingerWidth: 2,
  historicalVolatility: 1,
  ...over,
});

export const highVolatility = (): VolatilityReading => calmVolatility({ high: true, trigger: 'bollinger_width', bollingerWidth: 9 });

export const decline = (cls: DeclineReading['class'], over: Partial<DeclineReading> = {}): DeclineReading => ({
  score: { SLOW_DECLINE: 0, MODERATE_DECLINE: 25, FAST_DECLINE: 45, CRASH: 85 }[cls],
  class: cls,
  roc5: -0.5,
  roc15: -1,
  roc30: -2,
  smoothness: 0.5,
  volumeRatio: 1,
  ...over,
});

/** Long-friendly readings around price 100: above EMA50/EMA200, below the hourly EMA. */
export const longFeatures = (over: Partial<Features> = {}): Features => ({
  ema50: 90,
  ema200: 90,
  trendEma: 110,
  volatility: calmVolatility(),
  decline: decline('SLOW_DECLINE'),
  ...over,
});

export const shortFeatures = (over: Partial<Features> = {}): Features => longFeatures({ ema50: 110, ema200: 110, trendEma: 90, ...over });

export function snapshot(over: Partial<MarketSnapshot> = {}): MarketSnapshot {
  return {
    time: TIME,
    last: 100,
    bid: 100,
    ask: 100,
    mark: 100,
    balance: 10_000,
    position: null,
    activePairs: 1,
    features: longFeatures(),
    rules: RULES,
    fills: [],
    openOrders: [],
    ...over,
  };
}

export const long = (size: number, entryPrice: number, margin: number): Position => ({ side: 'long', size, entryPrice, margin, leverage: 10 });
export const short = (size: number, entryPrice: number, margin: number): Position => ({ side: 'short', size, entryPrice, margin, leverage: 10 });

export function params(over: Partial<Omit<BalanceMartingaleParams, 'filters'>> & { filters?: Partial<FilterSettings> } = {}): BalanceMartingaleParams {
  const { filters, ...rest } = over;
  return balanceMartingaleParamsSchema.parse({ side: 'long', ...rest, filters: { ...filters } });
}

export const filtersWith = (over: Partial<FilterSettings>): FilterSettings => ({ ...DEFAULT_FILTER_SETTINGS, ...over });

/** One-minute candles from closes, each opening at the previous close, starting at `start`. */
export function minuteCandles(closes: readonly number[], start = 0, spread = 0.5, volume = 1): Candle[] {
  return closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1]!;
    return { time: start + i * 60_000, open, high: Math.max(open, close) + spread, low: Math.min(open, close) - spread, close, volume };
  });
}

/** A deterministic pseudo-random walk (Park–Miller), so tests don't depend on Math.random. */
export function randomWalk(n: number, seed = 7, start = 100, step = 0.004): number[] {
  let state = seed;
  let price = start;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    state = (state * 16807) % 2147483647;
    price *= 1 + (state / 2147483647 - 0.5) * step;
    out.push(price);
  }
  return out;
}
