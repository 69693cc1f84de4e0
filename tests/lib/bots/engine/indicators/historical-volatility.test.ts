import { describe, expect, it } from 'vitest';
import { HistoricalVolatility } from '@/lib/bots/engine/indicators/historical-volatility';
import { randomWalk } from '../original/helpers';

function sampleStdDev(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

describe('HistoricalVolatility', () => {
  it('hand case: sample stdev of log returns × 100 needs period + 1 closes', () => {
    const hv = new HistoricalVolatility(2);
    expect(hv.update(100)).toBeNull();
    expect(hv.update(110)).toBeNull();
    const r1 = Math.log(1.1);
    const r2 = Math.log(99 / 110);
    expect(hv.update(99)).toBeCloseTo(sampleStdDev([r1, r2]) * 100, 12);
  });

  it('matches the pandas formula on a long series', () => {
    const closes = randomWalk(300, 5, 100, 0.02);
    const hv = new HistoricalVolatility(20);
    closes.forEach((close) => hv.update(close));
    const returns = closes.slice(-21).map((close, i, all) => (i === 0 ? 0 : Math.log(close / all[i - 1]!))).slice(1);
    expect(Math.abs(hv.value! - sampleStdDev(returns) * 100) / hv.value!).toBeLessThan(1e-10);
  });

  it('is 0 for a constant series', () => {
    const hv = new HistoricalVolatility(3);
    [5, 5, 5, 5].forEach((close) => hv.update(close));
    expect(hv.value).toBe(0);
  });
});
