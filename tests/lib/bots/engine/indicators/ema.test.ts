import { EMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { Ema } from '@/lib/bots/engine/indicators/ema';
import { randomWalk } from '../original/helpers';

describe('Ema', () => {
  it('follows α = 2/(n+1) seeded with the first value (pandas ewm adjust=False)', () => {
    const ema = new Ema(3); // α = 0.5
    expect(ema.update(10)).toBe(10);
    expect(ema.update(20)).toBe(15);
    expect(ema.update(30)).toBe(22.5);
    expect(ema.update(0)).toBe(11.25);
  });

  it('is null until span values were seen, then ready', () => {
    const ema = new Ema(3);
    ema.update(1);
    ema.update(2);
    expect(ema.value).toBeNull();
    expect(ema.ready).toBe(false);
    ema.update(3);
    expect(ema.ready).toBe(true);
    expect(ema.value).toBe(2.25);
  });

  it('matches trading-signals EMA value for value (same seed and recursion)', () => {
    for (const span of [2, 14, 50, 200]) {
      const ours = new Ema(span);
      const theirs = new EMA(span);
      for (const close of randomWalk(1000, span)) {
        const mine = ours.update(close);
        const reference = theirs.update(close, false);
        expect(Math.abs(mine - reference) / reference).toBeLessThan(1e-9);
        expect(ours.ready).toBe(theirs.isStable);
      }
    }
  });

  it('refuses a span below 1', () => {
    expect(() => new Ema(0)).toThrow(/at least 1/);
  });
});
