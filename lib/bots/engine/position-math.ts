import type { Position, PositionSide } from './types';

// Isolated-margin perpetual arithmetic, shared by the strategies and the paper exchange so both
// agree on PnL, margin level and liquidation.

const direction = (side: PositionSide) => (side === 'long' ? 1 : -1);

export function notional(position: Position, mark: number): number {
  return position.size * mark;
}

export function unrealisedPnl(position: Position, mark: number): number {
  return direction(position.side) * (mark - position.entryPrice) * position.size;
}

/** Unrealised PnL ÷ position margin (the original's `upnl_pct`, as a fraction). */
export function unrealisedPnlPct(position: Position, mark: number): number {
  return position.margin > 0 ? unrealisedPnl(position, mark) / position.margin : 0;
}

/**
 * The original's `margin_level = (position_margin + upnl) / (size × mark × maint_margin_rate)`.
 * Liquidation happens at ≤ 1. Infinity for a position with no maintenance requirement.
 */
export function marginLevel(position: Position, mark: number, maintMarginRate: number): number {
  const maintenance = position.size * mark * maintMarginRate;
  if (maintenance <= 0) return Number.POSITIVE_INFINITY;
  return (position.margin + unrealisedPnl(position, mark)) / maintenance;
}

/** The mark price at which marginLevel reaches 1. */
export function liquidationPrice(position: Position, maintMarginRate: number): number {
  const marginPerUnit = position.margin / position.size;
  return position.side === 'long'
    ? Math.max(0, (position.entryPrice - marginPerUnit) / (1 - maintMarginRate))
    : (position.entryPrice + marginPerUnit) / (1 + maintMarginRate);
}

/** The position after a fill that increases it: average entry is total quote over total base. */
export function increased(position: Position | null, side: PositionSide, qty: number, price: number, leverage: number): Position {
  const margin = (qty * price) / leverage;
  if (!position) return { side, size: qty, entryPrice: price, margin, leverage };
  const size = position.size + qty;
  return {
    side,
    size,
    entryPrice: (position.entryPrice * position.size + price * qty) / size,
    margin: position.margin + margin,
    leverage: position.leverage,
  };
}

/** The position after a reducing fill of `qty` (clamped to its size), and the PnL that realises. */
export function reduced(position: Position, qty: number, price: number): { position: Position | null; realisedPnl: number; releasedMargin: number } {
  const closing = Math.min(qty, position.size);
  const share = closing / position.size;
  const realisedPnl = direction(position.side) * (price - position.entryPrice) * closing;
  const releasedMargin = position.margin * share;
  const size = position.size - closing;
  if (size <= position.size * 1e-12) return { position: null, realisedPnl, releasedMargin: position.margin };
  return { position: { ...position, size, margin: position.margin - releasedMargin }, realisedPnl, releasedMargin };
}
