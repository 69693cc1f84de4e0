import { liquidationPrice } from './position-math';
import type { PositionSide } from './types';

// DCA ladder maths (3Commas' definitions, the field's lingua franca). With price deviation d, step
// scale s and volume scale v, safety order n (1-based) triggers at a cumulative deviation of
// d·(sⁿ−1)/(s−1) from the base order's fill (d·n when s = 1) and is sized SO·vⁿ⁻¹. The average
// entry is total quote over total base, and the take-profit price follows it.

export type SizeUnit = 'quote' | 'base';

export interface LadderShape {
  side: PositionSide;
  sizeUnit: SizeUnit;
  baseOrderSize: number;
  safetyOrderSize: number;
  maxSafetyOrders: number;
  /** Fractions: 0.01 is 1 %. */
  priceDeviation: number;
  volumeScale: number;
  stepScale: number;
  takeProfit: number;
}

/** Cumulative deviation of safety order n from the entry, as a fraction. */
export function safetyDeviation(n: number, deviation: number, stepScale: number): number {
  if (n <= 0) return 0;
  if (Math.abs(stepScale - 1) < 1e-12) return deviation * n;
  return (deviation * (stepScale ** n - 1)) / (stepScale - 1);
}

/** Size of safety order n in the ladder's unit (quote or base). */
export function safetySize(n: number, safetyOrderSize: number, volumeScale: number): number {
  return safetyOrderSize * volumeScale ** (n - 1);
}

/** Trigger price of safety order n: below the entry for a long, above it for a short. */
export function safetyPrice(entry: number, n: number, shape: Pick<LadderShape, 'side' | 'priceDeviation' | 'stepScale'>): number {
  const deviation = safetyDeviation(n, shape.priceDeviation, shape.stepScale);
  return shape.side === 'long' ? entry * (1 - deviation) : entry * (1 + deviation);
}

/** The take-profit price for an average entry. */
export function takeProfitPrice(average: number, takeProfit: number, side: PositionSide): number {
  return side === 'long' ? average * (1 + takeProfit) : average * (1 - takeProfit);
}

/**
 * The capital a deal can ever use in the ladder's unit: BO + SO·(vᴺ−1)/(v−1), or BO + SO·N when
 * v = 1. For quote-sized ladders that is quote currency; for base-sized ones, base units.
 */
export function maxDealVolume(shape: Pick<LadderShape, 'baseOrderSize' | 'safetyOrderSize' | 'maxSafetyOrders' | 'volumeScale'>): number {
  const { baseOrderSize, safetyOrderSize, maxSafetyOrders: n, volumeScale: v } = shape;
  if (Math.abs(v - 1) < 1e-12) return baseOrderSize + safetyOrderSize * n;
  return baseOrderSize + (safetyOrderSize * (v ** n - 1)) / (v - 1);
}

export interface LadderRow {
  /** 0 is the base order. */
  step: number;
  /** Cumulative deviation from the entry (fraction). */
  deviation: number;
  price: number;
  /** Base units bought at this step. */
  qty: number;
  /** Quote spent at this step. */
  volume: number;
  totalQty: number;
  totalVolume: number;
  averagePrice: number;
  takeProfitPrice: number;
  /** The move from this step's price to the take-profit price (fraction, positive). */
  requiredMove: number;
}

export interface LadderPreview {
  rows: LadderRow[];
  /** Quote the whole ladder spends when every safety order fills. */
  maxCapital: number;
  /** That capital's isolated margin at the leverage. */
  maxMargin: number;
  /** Liquidation price of the full position (every safety order filled), isolated margin. */
  liquidationPrice: number;
  /** Whether the position would be liquidated before the deepest safety order's price. */
  liquidatedBeforeDeepest: boolean;
  /** The deepest safety order's cumulative deviation (fraction). */
  deepestDeviation: number;
}

/** The ladder a deal would place from an entry price: what the wizard shows before launch. */
export function ladderPreview(shape: LadderShape, entry: number, leverage: number, maintMarginRate = 0.005): LadderPreview {
  const rows: LadderRow[] = [];
  let totalQty = 0;
  let totalVolume = 0;
  let liquidation = shape.side === 'long' ? 0 : Number.POSITIVE_INFINITY;
  let liquidatedBeforeDeepest = false;
  for (let step = 0; step <= shape.maxSafetyOrders; step += 1) {
    const price = step === 0 ? entry : safetyPrice(entry, step, shape);
    const size = step === 0 ? shape.baseOrderSize : safetySize(step, shape.safetyOrderSize, shape.volumeScale);
    // The position before this step fills is liquidated first when the price gets here past its liquidation.
    if (step > 0 && (shape.side === 'long' ? price <= liquidation : price >= liquidation)) liquidatedBeforeDeepest = true;
    const qty = shape.sizeUnit === 'quote' ? size / price : size;
    const volume = shape.sizeUnit === 'quote' ? size : size * price;
    totalQty += qty;
    totalVolume += volume;
    const averagePrice = totalVolume / totalQty;
    const target = takeProfitPrice(averagePrice, shape.takeProfit, shape.side);
    liquidation = liquidationPrice({ side: shape.side, size: totalQty, entryPrice: averagePrice, margin: totalVolume / leverage, leverage }, maintMarginRate);
    rows.push({
      step,
      deviation: step === 0 ? 0 : safetyDeviation(step, shape.priceDeviation, shape.stepScale),
      price,
      qty,
      volume,
      totalQty,
      totalVolume,
      averagePrice,
      takeProfitPrice: target,
      requiredMove: Math.abs(target - price) / price,
    });
  }
  return {
    rows,
    maxCapital: totalVolume,
    maxMargin: totalVolume / leverage,
    liquidationPrice: liquidation,
    liquidatedBeforeDeepest,
    deepestDeviation: safetyDeviation(shape.maxSafetyOrders, shape.priceDeviation, shape.stepScale),
  };
}
