import type { PositionSide } from '../types';
import { DEFAULT_FILTER_SETTINGS, type FilterSettings } from './settings';

// The EMA trend gates (reference "Filters → EMA"), shared by both strategies. A disabled filter
// never blocks. An EMA still warming up (null) blocks what it gates: the original always had the
// exchange's history, so deciding without the reading would be a decision it never made.

type EmaToggle = Pick<FilterSettings, 'emaEnabled'>;

/** The original's "margin_level < 2": below it a position is managed (and added to) whatever the EMAs say. */
export const CRITICAL_MARGIN_LEVEL = 2;

const rightSideOf = (side: PositionSide, price: number, ema: number) => (side === 'long' ? price > ema : price < ema);

/**
 * Whether an open position is managed this run (take profit and adds): margin level below the
 * critical level, or a long above EMA200 / a short below it.
 */
export function manageAllowed(
  side: PositionSide,
  price: number,
  ema200: number | null,
  marginLevel: number,
  settings: EmaToggle = DEFAULT_FILTER_SETTINGS,
  criticalMarginLevel: number = CRITICAL_MARGIN_LEVEL,
): boolean {
  if (marginLevel < criticalMarginLevel) return true;
  if (!settings.emaEnabled) return true;
  return ema200 !== null && rightSideOf(side, price, ema200);
}

/** Adding on a dip also needs a long above EMA50 (a short below it). */
export function dipSideOk(side: PositionSide, price: number, ema50: number | null, settings: EmaToggle = DEFAULT_FILTER_SETTINGS): boolean {
  if (!settings.emaEnabled) return true;
  return ema50 !== null && rightSideOf(side, price, ema50);
}

/** Opening needs the dip side of the hourly trend EMA: a long below it, a short above it. */
export function entryAllowed(side: PositionSide, price: number, trendEma: number | null, settings: EmaToggle = DEFAULT_FILTER_SETTINGS): boolean {
  if (!settings.emaEnabled) return true;
  if (trendEma === null) return false;
  return side === 'long' ? price < trendEma : price > trendEma;
}
