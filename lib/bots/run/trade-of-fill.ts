import { increased, marginLevel, reduced } from '../engine/position-math';
import type { OrderSide, Position, PositionSide } from '../engine/types';

// A fill, told as what it did to the position — the original bot's OPENED / ADDED / REDUCED /
// CLOSED — with the realised PnL of a reducing fill. Pure: the runner folds a run's fills through
// it in time order, starting from the position the previous run left.

export type TradeAction = 'OPENED' | 'ADDED' | 'REDUCED' | 'CLOSED';

export type FillLike = { side: OrderSide; price: number; qty: number; fee: number; liquidation?: boolean };

export type Trade = {
  action: TradeAction;
  qty: number;
  price: number;
  fee: number;
  /** Realised on a reducing fill, before fees; null when the fill opened or added. */
  pnl: number | null;
  /** pnl ÷ the margin the fill released. */
  pnlPct: number | null;
  positionValue: number;
  marginLevel: number | null;
  liquidation: boolean;
  after: Position | null;
};

const increases = (side: PositionSide, fill: OrderSide) => (side === 'long' ? fill === 'buy' : fill === 'sell');

export function tradeOfFill(before: Position | null, fill: FillLike, pairSide: PositionSide, leverage: number, maintMarginRate: number): Trade {
  const liquidation = fill.liquidation ?? false;
  if (!before || increases(before.side, fill.side)) {
    const side = before?.side ?? pairSide;
    const after = increased(before, side, fill.qty, fill.price, leverage);
    return {
      action: before ? 'ADDED' : 'OPENED',
      qty: fill.qty,
      price: fill.price,
      fee: fill.fee,
      pnl: null,
      pnlPct: null,
      positionValue: after.size * fill.price,
      marginLevel: marginLevel(after, fill.price, maintMarginRate),
      liquidation,
      after,
    };
  }
  const { position: after, realisedPnl, releasedMargin } = reduced(before, fill.qty, fill.price);
  return {
    action: after ? 'REDUCED' : 'CLOSED',
    qty: Math.min(fill.qty, before.size),
    price: fill.price,
    fee: fill.fee,
    pnl: realisedPnl,
    pnlPct: releasedMargin > 0 ? realisedPnl / releasedMargin : null,
    positionValue: after ? after.size * fill.price : 0,
    marginLevel: after ? marginLevel(after, fill.price, maintMarginRate) : null,
    liquidation,
    after,
  };
}
