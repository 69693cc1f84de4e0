import { describe, expect, it } from 'vitest';
import { meanAndStdDev, RingWindow } from '@/lib/bots/engine/indicators/ring-window';

describe('RingWindow', () => {
  it('keeps the newest `capacity` values across wrap-around', () => {
    const window = new RingWindow(3);
    [1, 2, 3, 4, 5].forEach((value) => window.push(value));
    expect(window.length).toBe(3);
    expect(window.full).toBe(true);
    expect([window.back(0), window.back(1), window.back(2)]).toEqual([5, 4, 3]);
    expect([window.at(0), window.at(1), window.at(2)]).toEqual([3, 4, 5]);
    expect(window.back(3)).toBeNaN();
  });

  it('computes mean and deviation of the newest n values across the wrap', () => {
    const window = new RingWindow(4);
    [100, 100, 1, 2, 3, 4].forEach((value) => window.push(value));
    const out = { mean: 0, stdDev: 0 };
    expect(meanAndStdDev(window, 4, false, out)).toBe(true);
    expect(out.mean).toBe(2.5);
    expect(out.stdDev).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(meanAndStdDev(window, 5, true, out)).toBe(false);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new RingWindow(0)).toThrow(/at least 1/);
  });
});
