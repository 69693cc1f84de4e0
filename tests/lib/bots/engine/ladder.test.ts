import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ladderPreview, maxDealVolume, safetyDeviation, safetyPrice, safetySize, takeProfitPrice, type LadderShape } from '@/lib/bots/engine/ladder';

// The hand-computed ladder: BO 10 and SO 20, d 1 %, v 1.5, s 1.2, TP 1.5 %, entry 100.
const SHAPE: LadderShape = {
  side: 'long',
  sizeUnit: 'base',
  baseOrderSize: 10,
  safetyOrderSize: 20,
  maxSafetyOrders: 3,
  priceDeviation: 0.01,
  volumeScale: 1.5,
  stepScale: 1.2,
  takeProfit: 0.015,
};

describe('ladder maths', () => {
  it('places safety order n at d·(sⁿ−1)/(s−1), sized SO·vⁿ⁻¹', () => {
    expect(safetyDeviation(1, 0.01, 1.2)).toBeCloseTo(0.01, 12);
    expect(safetyDeviation(2, 0.01, 1.2)).toBeCloseTo(0.022, 12);
    expect(safetyDeviation(3, 0.01, 1.2)).toBeCloseTo(0.0364, 12);
    expect(safetySize(1, 20, 1.5)).toBe(20);
    expect(safetySize(2, 20, 1.5)).toBe(30);
    expect(safetySize(3, 20, 1.5)).toBe(45);
  });

  it('is linear when the step scale is 1', () => {
    expect(safetyDeviation(4, 0.02, 1)).toBeCloseTo(0.08, 12);
  });

  it('reproduces the hand-computed ladder in base units', () => {
    const { rows } = ladderPreview(SHAPE, 100, 1);
    expect(rows[1]!.price).toBeCloseTo(99, 10);
    expect(rows[1]!.averagePrice).toBeCloseTo(2980 / 30, 10); // 99.333…
    expect(rows[1]!.takeProfitPrice).toBeCloseTo((2980 / 30) * 1.015, 10); // 100.823…
    expect(rows[1]!.takeProfitPrice).toBeCloseTo(100.8233, 4);
    expect(rows[2]!.deviation).toBeCloseTo(0.022, 12);
    expect(rows[2]!.price).toBeCloseTo(97.8, 10);
    expect(rows[2]!.qty).toBe(30);
  });

  it('averages quote-sized orders as total quote over total base', () => {
    const { rows } = ladderPreview({ ...SHAPE, sizeUnit: 'quote' }, 100, 1);
    expect(rows[1]!.averagePrice).toBeCloseTo(30 / (10 / 100 + 20 / 99), 10); // 99.331…
    expect(rows[1]!.averagePrice).toBeCloseTo(99.3311, 4);
    expect(rows[1]!.totalVolume).toBe(30);
  });

  it('shows the capital a deal can ever use: BO + SO·(vᴺ−1)/(v−1)', () => {
    expect(maxDealVolume(SHAPE)).toBeCloseTo(10 + 20 * (1.5 ** 3 - 1) / 0.5, 10); // 10 + 20 + 30 + 45
    expect(maxDealVolume({ ...SHAPE, volumeScale: 1 })).toBe(10 + 60);
    const quote = ladderPreview({ ...SHAPE, sizeUnit: 'quote' }, 100, 5);
    expect(quote.maxCapital).toBeCloseTo(105, 10);
    expect(quote.maxMargin).toBeCloseTo(21, 10);
  });

  it('puts the liquidation price of the full ladder below the deepest order at low leverage, and flags it above', () => {
    const safe = ladderPreview({ ...SHAPE, sizeUnit: 'quote' }, 100, 3);
    expect(safe.liquidationPrice).toBeLessThan(safe.rows.at(-1)!.price);
    expect(safe.liquidatedBeforeDeepest).toBe(false);
    const risky = ladderPreview({ ...SHAPE, sizeUnit: 'quote', maxSafetyOrders: 8, priceDeviation: 0.03 }, 100, 20);
    expect(risky.liquidatedBeforeDeepest).toBe(true);
  });

  it('takes profit from the average on the right side', () => {
    expect(takeProfitPrice(100, 0.015, 'long')).toBeCloseTo(101.5, 10);
    expect(takeProfitPrice(100, 0.015, 'short')).toBeCloseTo(98.5, 10);
  });

  const shapes = fc.record({
    sizeUnit: fc.constantFrom('quote' as const, 'base' as const),
    baseOrderSize: fc.double({ min: 1, max: 1000, noNaN: true }),
    safetyOrderSize: fc.double({ min: 1, max: 1000, noNaN: true }),
    maxSafetyOrders: fc.integer({ min: 0, max: 10 }),
    priceDeviation: fc.double({ min: 0.001, max: 0.05, noNaN: true }),
    volumeScale: fc.double({ min: 0.5, max: 2, noNaN: true }),
    stepScale: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
    takeProfit: fc.double({ min: 0.001, max: 0.1, noNaN: true }),
  });

  it('keeps every average entry within the prices filled so far (property)', () => {
    fc.assert(
      fc.property(shapes, fc.constantFrom('long' as const, 'short' as const), fc.double({ min: 1, max: 100_000, noNaN: true }), (shape, side, entry) => {
        // A long ladder reaching 100 % below the entry is refused by the parameter schema.
        fc.pre(safetyDeviation(shape.maxSafetyOrders, shape.priceDeviation, shape.stepScale) < 0.99);
        const { rows } = ladderPreview({ ...shape, side }, entry, 3);
        let low = Number.POSITIVE_INFINITY;
        let high = 0;
        for (const row of rows) {
          low = Math.min(low, row.price);
          high = Math.max(high, row.price);
          expect(row.averagePrice).toBeGreaterThanOrEqual(low * (1 - 1e-9));
          expect(row.averagePrice).toBeLessThanOrEqual(high * (1 + 1e-9));
        }
      }),
    );
  });

  it('mirrors a long ladder for a short around the entry in base units (property)', () => {
    fc.assert(
      fc.property(shapes, fc.double({ min: 1, max: 100_000, noNaN: true }), (shape, entry) => {
        fc.pre(safetyDeviation(shape.maxSafetyOrders, shape.priceDeviation, shape.stepScale) < 0.9);
        const long = ladderPreview({ ...shape, sizeUnit: 'base', side: 'long' }, entry, 3);
        const short = ladderPreview({ ...shape, sizeUnit: 'base', side: 'short' }, entry, 3);
        long.rows.forEach((row, i) => {
          const other = short.rows[i]!;
          expect(other.price - entry).toBeCloseTo(entry - row.price, 6);
          expect(other.qty).toBe(row.qty);
          expect(other.averagePrice - entry).toBeCloseTo(entry - row.averagePrice, 6);
        });
        expect(safetyPrice(entry, 1, { ...shape, side: 'short' }) - entry).toBeCloseTo(entry - safetyPrice(entry, 1, { ...shape, side: 'long' }), 6);
      }),
    );
  });
});
