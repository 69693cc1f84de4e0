import { describe, expect, it } from 'vitest';
import { FeatureTracker } from '@/lib/bots/engine/features';
import { DEFAULT_FILTER_SETTINGS } from '@/lib/bots/engine/filters/settings';
import { Ema } from '@/lib/bots/engine/indicators/ema';
import type { Candle, Features } from '@/lib/bots/engine/types';
import { filtersWith, minuteCandles, randomWalk } from './helpers';

const MINUTE = 60_000;

function aggregate(candles: Candle[], minutes: number): Candle[] {
  const out: Candle[] = [];
  for (let i = 0; i + minutes <= candles.length; i += minutes) {
    const group = candles.slice(i, i + minutes);
    out.push({
      time: group[0]!.time,
      open: group[0]!.open,
      high: Math.max(...group.map((c) => c.high)),
      low: Math.min(...group.map((c) => c.low)),
      close: group.at(-1)!.close,
      volume: group.reduce((sum, c) => sum + c.volume, 0),
    });
  }
  return out;
}

const sampleSd = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
};

function pandasAtr(rows: Candle[], period: number): number {
  const alpha = 2 / (period + 1);
  let atr = 0;
  rows.forEach((row, i) => {
    const tr = i === 0 ? row.high - row.low : Math.max(row.high - row.low, Math.abs(row.high - rows[i - 1]!.close), Math.abs(row.low - rows[i - 1]!.close));
    atr = i === 0 ? tr : alpha * tr + (1 - alpha) * atr;
  });
  return atr;
}

/** The original's VolatilityIndicators on a window of closed candles, written out plainly. */
function originalVolatility(window: Candle[]) {
  const closes = window.map((c) => c.close);
  const atrValues: number[] = [];
  for (let i = 14; i < Math.min(51, window.length + 1); i++) atrValues.push(pandasAtr(window.slice(0, i), 14));
  const last20 = closes.slice(-20);
  const middle = last20.reduce((a, b) => a + b, 0) / 20;
  const returns = closes.slice(-21).map((c, i, all) => (i === 0 ? 0 : Math.log(c / all[i - 1]!))).slice(1);
  return {
    atr: pandasAtr(window, 14),
    atrMean: atrValues.reduce((a, b) => a + b, 0) / atrValues.length,
    bollingerWidth: ((4 * sampleSd(last20)) / middle) * 100,
    historicalVolatility: sampleSd(returns) * 100,
  };
}

const relative = (a: number | null | undefined, b: number) => Math.abs((a ?? Number.NaN) - b) / Math.abs(b);

describe('FeatureTracker aggregation', () => {
  const settings = filtersWith({ emaInterval: 5, emaFastSpan: 2, emaSlowSpan: 3 });

  it('computes the EMAs on closed EMA-interval candles only', () => {
    const candles = minuteCandles(randomWalk(60, 2));
    const tracker = new FeatureTracker(settings);
    const fast = new Ema(2);
    const slow = new Ema(3);
    candles.forEach((candle, i) => {
      tracker.push(candle);
      if (i % 5 === 4) {
        fast.update(candle.close);
        slow.update(candle.close);
      }
      const features = tracker.read();
      expect(features.ema50).toBe(fast.value);
      expect(features.ema200).toBe(slow.value);
    });
    expect(tracker.read().ema50).not.toBeNull();
  });

  it('leaves a bucket open until its last minute arrives', () => {
    const tracker = new FeatureTracker(settings);
    minuteCandles([1, 2, 3, 4, 5, 6, 7, 8, 9]).forEach((candle) => tracker.push(candle));
    expect(tracker.read().ema50).toBeNull(); // one bucket closed (close 5), the second is 4 minutes in
    tracker.push({ time: 9 * MINUTE, open: 9, high: 10, low: 9, close: 10, volume: 1 });
    expect(tracker.read().ema50).toBeCloseTo(5 + (2 / 3) * (10 - 5), 12);
  });

  it('drops the first bucket when the stream starts in its middle', () => {
    const tracker = new FeatureTracker(settings);
    minuteCandles([1, 2, 3, 4, 5, 6, 7, 8], 2 * MINUTE).forEach((candle) => tracker.push(candle)); // minutes 2…9
    expect(tracker.read().ema50).toBeNull(); // minutes 2–4 dropped, 5–9 is the only closed bucket
    minuteCandles([9, 10, 11, 12, 13], 10 * MINUTE).forEach((candle) => tracker.push(candle));
    expect(tracker.read().ema50).toBeCloseTo(8 + (2 / 3) * (13 - 8), 12);
  });

  it('closes a bucket missing its last minute when the next bucket begins', () => {
    const tracker = new FeatureTracker(settings);
    minuteCandles([1, 2, 3, 4, 5]).forEach((candle) => tracker.push(candle));
    minuteCandles([6, 7, 8, 9], 5 * MINUTE).forEach((candle) => tracker.push(candle)); // minute 9 missing
    expect(tracker.read().ema50).toBeNull();
    tracker.push({ time: 10 * MINUTE, open: 9, high: 11, low: 9, close: 10, volume: 1 });
    expect(tracker.read().ema50).toBeCloseTo(5 + (2 / 3) * (9 - 5), 12);
  });

  it('ignores a candle that is not newer than the last one', () => {
    const tracker = new FeatureTracker(filtersWith({ emaFastSpan: 2, emaSlowSpan: 3 }));
    const candles = minuteCandles([10, 20, 30]);
    candles.forEach((candle) => tracker.push(candle));
    const before = tracker.read();
    tracker.push({ ...candles[2]!, close: 1000 });
    tracker.push({ ...candles[0]!, close: 1000 });
    expect(tracker.read()).toEqual(before);
  });

  it('computes the trend EMA on hourly closes', () => {
    const tracker = new FeatureTracker(filtersWith({ trendEmaSpan: 2 }));
    const closes = Array.from({ length: 180 }, (_, i) => 100 + i);
    minuteCandles(closes).forEach((candle) => tracker.push(candle));
    // hourly closes 159, 219, 279: α = 2/3
    const first = 159;
    const second = first + (2 / 3) * (219 - first);
    expect(tracker.read().trendEma).toBeCloseTo(second + (2 / 3) * (279 - second), 10);
  });
});

describe('FeatureTracker volatility and decline', () => {
  it('matches the original formulas on its 100 five-minute candles', () => {
    const candles = minuteCandles(randomWalk(5 * 400, 13, 100, 0.006), 0, 0.05);
    const tracker = new FeatureTracker(DEFAULT_FILTER_SETTINGS);
    candles.forEach((candle) => tracker.push(candle));
    const window = aggregate(candles, 5).slice(-100);
    const expected = originalVolatility(window);
    const reading = tracker.read().volatility!;
    expect(relative(reading.atr, expected.atr)).toBeLessThan(1e-5); // streaming vs window seed
    expect(relative(reading.atrMean, expected.atrMean)).toBeLessThan(1e-12);
    expect(relative(reading.bollingerWidth, expected.bollingerWidth)).toBeLessThan(1e-9);
    expect(relative(reading.historicalVolatility, expected.historicalVolatility)).toBeLessThan(1e-9);

    const closes = window.map((c) => c.close);
    const volumes = window.map((c) => c.volume);
    const roc = (n: number) => ((closes.at(-1)! - closes.at(-1 - n)!) / closes.at(-1 - n)!) * 100;
    const decline = tracker.read().decline!;
    expect(decline.roc5).toBeCloseTo(roc(5), 10);
    expect(decline.roc15).toBeCloseTo(roc(15), 10);
    expect(decline.roc30).toBeCloseTo(roc(30), 10);
    expect(decline.smoothness).toBeCloseTo(Math.abs(roc(5) / roc(15)), 10);
    const recent = volumes.slice(-5).reduce((a, b) => a + b, 0) / 5;
    const earlier = volumes.slice(-21, -5).reduce((a, b) => a + b, 0) / 16;
    expect(decline.volumeRatio).toBeCloseTo(recent / earlier, 10);
  });

  it('is null until a full window of closed candles, then reads', () => {
    const settings = filtersWith({ volatilityInterval: 1, volatilityWindow: 40 });
    const tracker = new FeatureTracker(settings);
    const candles = minuteCandles(randomWalk(40, 4));
    candles.slice(0, 39).forEach((candle) => tracker.push(candle));
    expect(tracker.read().volatility).toBeNull();
    expect(tracker.read().decline).toBeNull();
    tracker.push(candles[39]!);
    expect(tracker.read().volatility).not.toBeNull();
    expect(tracker.read().decline).not.toBeNull();
  });

  it('hand case: a 6% drop in 5 candles on 4× volume is a CRASH (40 + 0 + 30)', () => {
    const settings = filtersWith({ volatilityInterval: 1, volatilityWindow: 30 });
    const tracker = new FeatureTracker(settings);
    const closes = [...Array.from({ length: 40 }, () => 100), 99, 98, 97, 96, 94];
    minuteCandles(closes).forEach((candle, i) => tracker.push({ ...candle, volume: i >= 40 ? 4 : 1 }));
    const decline = tracker.read().decline!;
    expect(decline.roc5).toBeCloseTo(-6, 12);
    expect(decline.roc15).toBeCloseTo(-6, 12);
    expect(decline.smoothness).toBeCloseTo(1, 12);
    expect(decline.volumeRatio).toBe(4);
    expect(decline.score).toBe(70);
    expect(decline.class).toBe('CRASH');
  });

  it('reports high volatility with the first metric that triggers', () => {
    const settings = filtersWith({ volatilityInterval: 1, volatilityWindow: 60 });
    const tracker = new FeatureTracker(settings);
    // Calm for 60 minutes, then swings of ±8%: Bollinger width and HV explode; ATR leads the order.
    const closes = [...Array.from({ length: 60 }, (_, i) => 100 + (i % 2) * 0.01), 108, 100, 108, 100, 108];
    minuteCandles(closes, 0, 0.01).forEach((candle) => tracker.push(candle));
    const reading = tracker.read().volatility!;
    expect(reading.high).toBe(true);
    expect(reading.trigger).toBe('atr');
    expect(reading.atr!).toBeGreaterThan(1.5 * reading.atrMean!);
  });

  it('readInto fills a caller object without replacing it', () => {
    const tracker = new FeatureTracker(filtersWith({ volatilityInterval: 1, volatilityWindow: 30 }));
    minuteCandles(randomWalk(300, 8)).forEach((candle) => tracker.push(candle));
    const out: Features = { ema50: null, ema200: null, trendEma: null, volatility: null, decline: null };
    expect(tracker.readInto(out)).toBe(out);
    expect(out).toEqual(tracker.read());
  });
});
