import { BollingerBands as ReferenceBands } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { BollingerBands } from '@/lib/bots/engine/indicators/bollinger';
import { randomWalk } from '../original/helpers';

describe('BollingerBands', () => {
  it('hand case: sample deviation (pandas rolling std), width = (upper − lower)/middle × 100', () => {
    const bands = new BollingerBands(4, 2);
    [1, 2, 3].forEach((close) => expect(bands.update(close)).toBeNull());
    const result = bands.update(4)!;
    const sd = Math.sqrt(5 / 3); // squares 2.25 + 0.25 + 0.25 + 2.25 = 5 over n − 1 = 3
    expect(result.middle).toBe(2.5);
    expect(result.upper).toBeCloseTo(2.5 + 2 * sd, 12);
    expect(result.lower).toBeCloseTo(2.5 - 2 * sd, 12);
    expect(bands.width).toBeCloseTo(((4 * sd) / 2.5) * 100, 10);
  });

  it('rolls: only the newest `period` closes count', () => {
    const bands = new BollingerBands(2, 1);
    [100, 1, 3].forEach((close) => bands.update(close));
    // closes 1 and 3: mean 2, sample sd √2
    expect(bands.value!.middle).toBe(2);
    expect(bands.value!.upper).toBeCloseTo(2 + Math.SQRT2, 12);
  });

  it('with population deviation matches trading-signals, and the sample width is √(n/(n−1)) wider', () => {
    const population = new BollingerBands(20, 2, { sample: false });
    const sample = new BollingerBands(20, 2);
    const reference = new ReferenceBands(20, 2);
    for (const close of randomWalk(500, 11)) {
      const mine = population.update(close);
      sample.update(close);
      const theirs = reference.update(close, false);
      if (theirs === null) {
        expect(mine).toBeNull();
        continue;
      }
      expect(Math.abs(mine!.upper - theirs.upper) / theirs.upper).toBeLessThan(1e-9);
      expect(Math.abs(mine!.lower - theirs.lower) / theirs.lower).toBeLessThan(1e-9);
      const referenceWidth = ((theirs.upper - theirs.lower) / theirs.middle) * 100;
      expect(Math.abs(sample.width! - referenceWidth * Math.sqrt(20 / 19)) / referenceWidth).toBeLessThan(1e-9);
    }
  });

  it('has no width while the middle is 0', () => {
    const bands = new BollingerBands(2);
    bands.update(1);
    bands.update(-1);
    expect(bands.width).toBeNull();
  });
});
