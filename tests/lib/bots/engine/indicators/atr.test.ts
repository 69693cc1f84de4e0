import { ATR, EMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { Atr, originalAtrMean, trueRange } from '@/lib/bots/engine/indicators/atr';
import { RingWindow } from '@/lib/bots/engine/indicators/ring-window';
import { minuteCandles, randomWalk } from '../original/helpers';

const candles = minuteCandles(randomWalk(600, 3), 0, 0.2);

/** pandas: tr.ewm(span=period, adjust=False).mean() over rows 0..n−1, TR of row 0 = high − low. */
function pandasAtr(rows: { high: number; low: number; close: number }[], period: number): number {
  const alpha = 2 / (period + 1);
  let atr = 0;
  rows.forEach((row, i) => {
    const tr = i === 0 ? row.high - row.low : Math.max(row.high - row.low, Math.abs(row.high - rows[i - 1]!.close), Math.abs(row.low - rows[i - 1]!.close));
    atr = i === 0 ? tr : alpha * tr + (1 - alpha) * atr;
  });
  return atr;
}

/** The original's loop: mean of calculate_atr(df.iloc[:i]) for i in range(14, min(51, len(df) + 1)). */
function pandasAtrMean(window: { high: number; low: number; close: number }[], period: number): number {
  const values: number[] = [];
  for (let i = period; i < Math.min(51, window.length + 1); i++) values.push(pandasAtr(window.slice(0, i), period));
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describe('trueRange', () => {
  it('is the largest of high−low and the gaps to the previous close', () => {
    expect(trueRange(12, 10, 11)).toBe(2);
    expect(trueRange(12, 10, 7)).toBe(5);
    expect(trueRange(12, 10, 15)).toBe(5);
  });

  it('is high − low without a previous close', () => {
    expect(trueRange(12, 10, Number.NaN)).toBe(2);
  });
});

describe('Atr', () => {
  it('ema smoothing matches a hand recursion: α = 2/(n+1) over TR, seeded with the first TR', () => {
    const atr = new Atr(3); // α = 0.5
    expect(atr.update(11, 9, 10)).toBeNull(); // TR 2
    expect(atr.update(12, 10, 11)).toBeNull(); // TR 2 → 2
    expect(atr.update(15, 11, 14)).toBe(3); // TR 4 → 3
    expect(atr.update(14, 13, 13.5)).toBe(2); // TR max(1, |14 − 14|, |13 − 14|) = 1 → 3 + ½(1 − 3) = 2
  });

  it('ema smoothing matches trading-signals ATR with EMA smoothing', () => {
    const ours = new Atr(14, 'ema');
    const theirs = new ATR(14, EMA);
    for (const candle of candles) {
      const mine = ours.update(candle.high, candle.low, candle.close);
      const reference = theirs.update(candle, false);
      if (reference === null) expect(mine).toBeNull();
      else expect(Math.abs(mine! - reference) / reference).toBeLessThan(1e-9);
    }
  });

  it('wilder smoothing matches trading-signals ATR (Wilder, SMA-seeded)', () => {
    const ours = new Atr(14, 'wilder');
    const theirs = new ATR(14);
    for (const candle of candles) {
      const mine = ours.update(candle.high, candle.low, candle.close);
      const reference = theirs.update(candle, false);
      if (reference === null) expect(mine).toBeNull();
      else expect(Math.abs(mine! - reference) / reference).toBeLessThan(1e-9);
    }
  });

  it('ema smoothing agrees with the window-seeded pandas ATR after the window (seed weight ≈ 7e-7)', () => {
    const ours = new Atr(14);
    for (const candle of candles) ours.update(candle.high, candle.low, candle.close);
    const reference = pandasAtr(candles.slice(-100), 14);
    expect(Math.abs(ours.value! - reference) / reference).toBeLessThan(1e-5);
  });
});

describe('originalAtrMean', () => {
  function rings(rows: typeof candles, capacity: number) {
    const trs = new RingWindow(capacity);
    const highs = new RingWindow(capacity);
    const lows = new RingWindow(capacity);
    let previous = Number.NaN;
    for (const row of rows) {
      trs.push(trueRange(row.high, row.low, previous));
      highs.push(row.high);
      lows.push(row.low);
      previous = row.close;
    }
    return { trs, highs, lows };
  }

  it('is the mean of the window-seeded ATR at window indices 13…49 (the original loop), 100 candles', () => {
    const rows = candles.slice(0, 300);
    const { trs, highs, lows } = rings(rows, 120);
    const window = rows.slice(-100);
    const mean = originalAtrMean(trs, highs.back(99) - lows.back(99), 14, 100);
    expect(Math.abs(mean! - pandasAtrMean(window, 14)) / mean!).toBeLessThan(1e-12);
  });

  it('uses the whole window when it is shorter than 50 candles', () => {
    const rows = candles.slice(0, 40);
    const { trs, highs, lows } = rings(rows, 40);
    const mean = originalAtrMean(trs, highs.back(39) - lows.back(39), 14, 40);
    expect(Math.abs(mean! - pandasAtrMean(rows, 14)) / mean!).toBeLessThan(1e-12);
  });

  it('hand case: period 2 over TRs 2, 4, 1 averages the ATR at indices 1 and 2', () => {
    const trs = new RingWindow(3);
    [99, 4, 1].forEach((tr) => trs.push(tr)); // the first TR is replaced by the window's high − low
    // α = 2/3: ATR 2 → 2 + 2/3·(4 − 2) = 10/3 → 10/3 + 2/3·(1 − 10/3) = 16/9; mean of 10/3 and 16/9.
    expect(originalAtrMean(trs, 2, 2, 3)).toBeCloseTo((10 / 3 + 16 / 9) / 2, 12);
  });

  it('is null until the ring holds the window, or when the period leaves nothing to average', () => {
    const trs = new RingWindow(10);
    trs.push(1);
    expect(originalAtrMean(trs, 1, 2, 3)).toBeNull();
    [1, 1, 1].forEach((tr) => trs.push(tr));
    expect(originalAtrMean(trs, 1, 5, 3)).toBeNull();
  });
});
