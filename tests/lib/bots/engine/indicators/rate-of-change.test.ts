import { ROC } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { meanBack, rateOfChange } from '@/lib/bots/engine/indicators/rate-of-change';
import { RingWindow } from '@/lib/bots/engine/indicators/ring-window';
import { randomWalk } from '../original/helpers';

describe('rateOfChange', () => {
  it('hand case: percent change against the close `periods` back', () => {
    const closes = new RingWindow(10);
    [100, 101, 102, 103, 104, 95].forEach((close) => closes.push(close));
    expect(rateOfChange(closes, 5)).toBeCloseTo(-5, 12);
    expect(rateOfChange(closes, 6)).toBeNull();
  });

  it('is trading-signals ROC × 100', () => {
    const closes = new RingWindow(40);
    const reference = new ROC(15);
    for (const close of randomWalk(200, 9)) {
      closes.push(close);
      const theirs = reference.update(close, false);
      const mine = rateOfChange(closes, 15);
      if (theirs === null) expect(mine).toBeNull();
      else expect(mine!).toBeCloseTo(theirs * 100, 10);
    }
  });
});

describe('meanBack', () => {
  it('averages an inclusive lag range', () => {
    const window = new RingWindow(4);
    [1, 2, 3, 4, 5].forEach((value) => window.push(value)); // holds 2, 3, 4, 5
    expect(meanBack(window, 0, 1)).toBe(4.5);
    expect(meanBack(window, 1, 3)).toBe(3);
    expect(meanBack(window, 0, 4)).toBeNull();
  });
});
