import type { RingWindow } from './ring-window';

// Rate of change in percent over `periods` candles, as the original's decline velocity uses it:
// (close[−1] − close[−1−periods]) / close[−1−periods] × 100. trading-signals' ROC is the same
// ratio as a fraction.

export function rateOfChange(closes: RingWindow, periods: number): number | null {
  if (closes.length < periods + 1) return null;
  const base = closes.back(periods);
  if (base === 0) return null;
  return ((closes.back(0) - base) / base) * 100;
}

/** Mean of the values from `fromLag` to `toLag` back (inclusive; 0 is the newest). */
export function meanBack(window: RingWindow, fromLag: number, toLag: number): number | null {
  return window.meanBack(fromLag, toLag);
}
