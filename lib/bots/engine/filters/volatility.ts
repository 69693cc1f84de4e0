import type { VolatilityMetric, VolatilityReading } from '../types';
import { DEFAULT_FILTER_SETTINGS, type FilterSettings } from './settings';

// Volatility protection (reference "Filters → Volatility"). The tests are the original's, in its
// order, and the first that triggers is reported: ATR > multiplier × mean ATR, Bollinger width >
// limit, historical volatility > limit. A metric that is null (or 0, as the original's `if atr:`)
// never triggers.

type VolatilityThresholds = Pick<FilterSettings, 'atrMultiplier' | 'bollingerWidthMax' | 'historicalVolatilityMax'>;

export function assessVolatility(
  metrics: { atr: number | null; atrMean: number | null; bollingerWidth: number | null; historicalVolatility: number | null },
  settings: VolatilityThresholds = DEFAULT_FILTER_SETTINGS,
): { high: boolean; trigger: VolatilityMetric | null } {
  const { atr, atrMean, bollingerWidth, historicalVolatility } = metrics;
  if (atr && atrMean && atr > settings.atrMultiplier * atrMean) return { high: true, trigger: 'atr' };
  if (bollingerWidth && bollingerWidth > settings.bollingerWidthMax) return { high: true, trigger: 'bollinger_width' };
  if (historicalVolatility && historicalVolatility > settings.historicalVolatilityMax) return { high: true, trigger: 'historical_volatility' };
  return { high: false, trigger: null };
}

/** The value and threshold of the metric that triggered, for alerts. */
export function volatilityTriggerDetail(reading: VolatilityReading, settings: VolatilityThresholds = DEFAULT_FILTER_SETTINGS): { metric: VolatilityMetric; value: number; threshold: number } | null {
  switch (reading.trigger) {
    case 'atr':
      return { metric: 'atr', value: reading.atr ?? 0, threshold: settings.atrMultiplier * (reading.atrMean ?? 0) };
    case 'bollinger_width':
      return { metric: 'bollinger_width', value: reading.bollingerWidth ?? 0, threshold: settings.bollingerWidthMax };
    case 'historical_volatility':
      return { metric: 'historical_volatility', value: reading.historicalVolatility ?? 0, threshold: settings.historicalVolatilityMax };
    default:
      return null;
  }
}

/**
 * Whether volatility stops opening (and the volatility-gated adds): high, or not yet known while
 * the window fills. Never when the filter is off.
 */
export function volatilityBlocks(reading: VolatilityReading | null, settings: Pick<FilterSettings, 'volatilityEnabled'> = DEFAULT_FILTER_SETTINGS): boolean {
  if (!settings.volatilityEnabled) return false;
  return reading === null || reading.high;
}
