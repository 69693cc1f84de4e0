import { FeatureTracker } from '../engine/features';
import type { FilterSettings } from '../engine/filters/settings';
import type { Candle, Features } from '../engine/types';

// The filter readings after warming a FeatureTracker up on a run's candles. Every paper bot on a
// symbol reads the same cached candle objects from the simulated market in the same minute, so
// 10,000 bots would push the same ~6,000 minutes 10,000 times (~2.3 ms a run). The readings are
// a pure function of the candles and the settings, so they are kept per last-candle object: a
// source that hands out fresh objects (an exchange through ccxt) simply never hits, and a
// WeakMap lets a range the market evicted take its readings with it.

const memo = new WeakMap<Candle, Map<string, Features>>();

export function warmFeatures(candles: readonly Candle[], settings: FilterSettings): Features {
  const last = candles.at(-1);
  const key = `${candles.length}|${candles[0]?.time}|${JSON.stringify(settings)}`;
  const known = last ? memo.get(last)?.get(key) : undefined;
  if (known) return copy(known);
  const tracker = new FeatureTracker(settings);
  for (const candle of candles) tracker.push(candle);
  const features = tracker.read();
  if (last) {
    const forLast = memo.get(last) ?? new Map<string, Features>();
    forLast.set(key, copy(features));
    memo.set(last, forLast);
  }
  return features;
}

// Strategies get their own objects, so nothing one run does to its snapshot reaches another's.
const copy = (features: Features): Features => ({
  ...features,
  volatility: features.volatility ? { ...features.volatility } : null,
  decline: features.decline ? { ...features.decline } : null,
});
