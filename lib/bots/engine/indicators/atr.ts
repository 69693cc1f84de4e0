import type { RingWindow } from './ring-window';

// Average true range. The original smooths TR with pandas `ewm(span=n, adjust=False)` (α = 2/(n+1),
// seeded with the first TR), not Wilder's 1/n; 'wilder' is here for parity with trading-signals
// (SMA of the first n TRs, then (prev·(n−1) + TR)/n). The first candle has no previous close, so
// its TR is high − low (pandas' row max skips the NaN terms).

export type AtrSmoothing = 'ema' | 'wilder';

export function trueRange(high: number, low: number, previousClose: number): number {
  const range = high - low;
  if (Number.isNaN(previousClose)) return range;
  return Math.max(range, Math.abs(high - previousClose), Math.abs(low - previousClose));
}

export class Atr {
  readonly period: number;
  readonly smoothing: AtrSmoothing;
  private readonly alpha: number;
  private previousClose = Number.NaN;
  private current = Number.NaN;
  private seen = 0;
  private seedSum = 0;

  constructor(period: number, smoothing: AtrSmoothing = 'ema') {
    if (!(period >= 1)) throw new Error(`An ATR period is at least 1, not ${period}.`);
    this.period = period;
    this.smoothing = smoothing;
    this.alpha = smoothing === 'ema' ? 2 / (period + 1) : 1 / period;
  }

  update(high: number, low: number, close: number): number | null {
    const tr = trueRange(high, low, this.previousClose);
    this.previousClose = close;
    this.seen++;
    if (this.smoothing === 'ema') {
      this.current = this.seen === 1 ? tr : this.current + this.alpha * (tr - this.current);
    } else if (this.seen <= this.period) {
      this.seedSum += tr;
      if (this.seen === this.period) this.current = this.seedSum / this.period;
    } else {
      this.current = this.current + this.alpha * (tr - this.current);
    }
    return this.value;
  }

  get count(): number {
    return this.seen;
  }

  /** Null until `period` candles were seen. */
  get value(): number | null {
    return this.seen >= this.period ? this.current : null;
  }
}

/**
 * The original's "mean ATR": over the newest `windowLength` candles (oldest first) it recomputes
 * the EMA-smoothed ATR from the window's first candle and averages its values at window indices
 * period−1 … end−1, end = min(windowLength, 50) — its loop `for i in range(14, min(51, len(df) + 1))`
 * over `df.iloc[:i]`. With 100 candles that is the mean over the window's oldest half, seeded afresh
 * at every run.
 *
 * `trueRanges` holds each candle's TR against its previous close; the window's first candle has no
 * previous close inside the window, so its TR is `firstRange` (its high − low). Null when the range
 * is empty or the ring holds fewer than `windowLength` values.
 */
export function originalAtrMean(trueRanges: RingWindow, firstRange: number, period: number, windowLength: number, lastIndex = 50): number | null {
  const end = Math.min(windowLength, lastIndex);
  if (period < 1 || end < period || trueRanges.length < windowLength) return null;
  const alpha = 2 / (period + 1);
  const { buffer, capacity } = trueRanges;
  let index = trueRanges.indexBack(windowLength - 1);
  let atr = firstRange;
  let sum = period === 1 ? atr : 0;
  for (let i = 1; i < end; i++) {
    index = index + 1 === capacity ? 0 : index + 1;
    atr += alpha * (buffer[index]! - atr);
    if (i >= period - 1) sum += atr;
  }
  return sum / (end - period + 1);
}
