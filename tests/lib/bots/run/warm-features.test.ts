import { describe, expect, it } from 'vitest';
import { FeatureTracker } from '@/lib/bots/engine/features';
import { filterSettingsSchema } from '@/lib/bots/engine/filters/settings';
import { SimulatedMarket } from '@/lib/bots/exchange/simulated-market';
import { warmFeatures } from '@/lib/bots/run/warm-features';

const MINUTE = 60_000;
const until = Date.UTC(2026, 5, 1, 12, 0);
const range = { since: until - 6_400 * MINUTE, until };

function fresh(candles: ReturnType<SimulatedMarket['candles']>, settings: ReturnType<typeof filterSettingsSchema.parse>) {
  const tracker = new FeatureTracker(settings);
  for (const candle of candles) tracker.push(candle);
  return tracker.read();
}

describe('warmFeatures', () => {
  it('gives the readings of a fresh tracker, from the memo as from the first computation', () => {
    const market = new SimulatedMarket();
    const settings = filterSettingsSchema.parse({});
    const first = warmFeatures(market.candles('BTCUSDT', 1, range), settings);
    const again = warmFeatures(market.candles('BTCUSDT', 1, range), settings);
    const expected = fresh(market.candles('BTCUSDT', 1, range), settings);
    expect(first).toEqual(expected);
    expect(again).toEqual(expected);
    expect(expected.ema200).not.toBeNull();
    expect(expected.volatility).not.toBeNull();
  });

  it('keeps readings apart for other settings and other ranges over the same candles', () => {
    const market = new SimulatedMarket();
    const plain = filterSettingsSchema.parse({});
    const other = filterSettingsSchema.parse({ emaSlowSpan: 100, emaFastSpan: 20 });
    const candles = market.candles('BTCUSDT', 1, range);
    warmFeatures(candles, plain);
    expect(warmFeatures(candles, other)).toEqual(fresh(candles, other));
    const shorter = candles.slice(1_000);
    expect(warmFeatures(shorter, plain)).toEqual(fresh(shorter, plain));
  });

  it('hands each caller its own objects', () => {
    const market = new SimulatedMarket();
    const settings = filterSettingsSchema.parse({});
    const candles = market.candles('ETHUSDT', 1, range);
    const first = warmFeatures(candles, settings);
    const expected = fresh(candles, settings);
    first.ema50 = -1;
    if (first.volatility) first.volatility.high = !first.volatility.high;
    expect(warmFeatures(candles, settings)).toEqual(expected);
  });
});
