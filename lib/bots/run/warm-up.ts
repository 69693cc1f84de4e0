import type { FilterSettings } from '../engine/filters/settings';

// How many one-minute candles a run feeds the FeatureTracker before deciding, so every filter has
// its window: EMA200 on the EMA interval, the five-minute volatility window, the hourly EMA100.
// A few bars more than the spans so each EMA has left its seed behind a little.

const SPARE_BARS = 5;

export function warmUpMinutes(settings: Pick<FilterSettings, 'emaInterval' | 'emaSlowSpan' | 'emaFastSpan' | 'trendEmaSpan' | 'volatilityWindow' | 'volatilityInterval'>): number {
  const ema = (Math.max(settings.emaSlowSpan, settings.emaFastSpan) + SPARE_BARS) * settings.emaInterval;
  const volatility = (settings.volatilityWindow + SPARE_BARS) * settings.volatilityInterval;
  const trend = (settings.trendEmaSpan + SPARE_BARS) * 60;
  return Math.max(ema, volatility, trend);
}
