import { describe, expect, it } from 'vitest';
import { declineBlocksAdds, declineClass, declineIsSafe, declineSmoothness, scoreDecline } from '@/lib/bots/engine/filters/decline';
import { dipSideOk, entryAllowed, manageAllowed } from '@/lib/bots/engine/filters/ema-gates';
import { assessVolatility, volatilityBlocks, volatilityTriggerDetail } from '@/lib/bots/engine/filters/volatility';
import { calmVolatility, filtersWith } from './helpers';

const metrics = (over: Partial<Parameters<typeof assessVolatility>[0]> = {}) => ({ atr: 1, atrMean: 1, bollingerWidth: 2, historicalVolatility: 1, ...over });

describe('volatility thresholds', () => {
  it('ATR: high above 1.5 × the mean ATR, not at it', () => {
    expect(assessVolatility(metrics({ atr: 1.5, atrMean: 1 })).high).toBe(false);
    expect(assessVolatility(metrics({ atr: 1.5001, atrMean: 1 }))).toEqual({ high: true, trigger: 'atr' });
  });

  it('Bollinger width: high above 8, not at it', () => {
    expect(assessVolatility(metrics({ bollingerWidth: 8 })).high).toBe(false);
    expect(assessVolatility(metrics({ bollingerWidth: 8.01 }))).toEqual({ high: true, trigger: 'bollinger_width' });
  });

  it('historical volatility: high above 5, not at it', () => {
    expect(assessVolatility(metrics({ historicalVolatility: 5 })).high).toBe(false);
    expect(assessVolatility(metrics({ historicalVolatility: 5.01 }))).toEqual({ high: true, trigger: 'historical_volatility' });
  });

  it('reports the first that triggers, in the order ATR, width, HV', () => {
    expect(assessVolatility(metrics({ atr: 2, bollingerWidth: 9, historicalVolatility: 6 })).trigger).toBe('atr');
    expect(assessVolatility(metrics({ bollingerWidth: 9, historicalVolatility: 6 })).trigger).toBe('bollinger_width');
  });

  it('a missing metric never triggers', () => {
    expect(assessVolatility({ atr: 5, atrMean: null, bollingerWidth: null, historicalVolatility: null }).high).toBe(false);
  });

  it('uses the configured thresholds', () => {
    const settings = filtersWith({ atrMultiplier: 3, bollingerWidthMax: 20, historicalVolatilityMax: 10 });
    expect(assessVolatility(metrics({ atr: 2.9, bollingerWidth: 19, historicalVolatility: 9 }), settings).high).toBe(false);
    expect(assessVolatility(metrics({ historicalVolatility: 10.5 }), settings).trigger).toBe('historical_volatility');
  });

  it('describes the trigger with its value and threshold', () => {
    const reading = calmVolatility({ high: true, trigger: 'atr', atr: 2, atrMean: 1 });
    expect(volatilityTriggerDetail(reading)).toEqual({ metric: 'atr', value: 2, threshold: 1.5 });
  });

  it('blocks when high or unknown, never when disabled', () => {
    expect(volatilityBlocks(calmVolatility())).toBe(false);
    expect(volatilityBlocks(calmVolatility({ high: true }))).toBe(true);
    expect(volatilityBlocks(null)).toBe(true);
    const off = filtersWith({ volatilityEnabled: false });
    expect(volatilityBlocks(null, off)).toBe(false);
    expect(volatilityBlocks(calmVolatility({ high: true }), off)).toBe(false);
  });
});

describe('decline score', () => {
  it('roc5 steps: < −5 → 40, < −3 → 25, < −1 → 10, else 0', () => {
    expect(scoreDecline(-5.01, 1, 1)).toBe(40);
    expect(scoreDecline(-5, 1, 1)).toBe(25);
    expect(scoreDecline(-3.01, 1, 1)).toBe(25);
    expect(scoreDecline(-3, 1, 1)).toBe(10);
    expect(scoreDecline(-1.01, 1, 1)).toBe(10);
    expect(scoreDecline(-1, 1, 1)).toBe(0);
  });

  it('smoothness steps: > 2.5 → 30, > 1.5 → 15', () => {
    expect(scoreDecline(0, 2.51, 1)).toBe(30);
    expect(scoreDecline(0, 2.5, 1)).toBe(15);
    expect(scoreDecline(0, 1.51, 1)).toBe(15);
    expect(scoreDecline(0, 1.5, 1)).toBe(0);
  });

  it('volume ratio steps: > 3 → 30, > 2 → 15', () => {
    expect(scoreDecline(0, 1, 3.01)).toBe(30);
    expect(scoreDecline(0, 1, 3)).toBe(15);
    expect(scoreDecline(0, 1, 2.01)).toBe(15);
    expect(scoreDecline(0, 1, 2)).toBe(0);
  });

  it('adds the parts and caps at 100', () => {
    expect(scoreDecline(-4, 2, 2.5)).toBe(55);
    expect(scoreDecline(-10, 3, 4)).toBe(100);
  });

  it('smoothness is |roc5/roc15|, 1 when roc15 is 0', () => {
    expect(declineSmoothness(-3, -1)).toBe(3);
    expect(declineSmoothness(2, -4)).toBe(0.5);
    expect(declineSmoothness(-3, 0)).toBe(1);
  });
});

describe('decline class', () => {
  it('boundaries 70 / 40 / 20 are inclusive', () => {
    expect(declineClass(100)).toBe('CRASH');
    expect(declineClass(70)).toBe('CRASH');
    expect(declineClass(69)).toBe('FAST_DECLINE');
    expect(declineClass(40)).toBe('FAST_DECLINE');
    expect(declineClass(39)).toBe('MODERATE_DECLINE');
    expect(declineClass(20)).toBe('MODERATE_DECLINE');
    expect(declineClass(19)).toBe('SLOW_DECLINE');
    expect(declineClass(0)).toBe('SLOW_DECLINE');
  });

  it('uses the configured boundaries', () => {
    const settings = filtersWith({ declineModerateScore: 10, declineFastScore: 50, declineCrashScore: 90 });
    expect(declineClass(70, settings)).toBe('FAST_DECLINE');
    expect(declineClass(10, settings)).toBe('MODERATE_DECLINE');
  });

  it('FAST_DECLINE, CRASH and unknown block adds; SLOW and MODERATE are the safe allowance', () => {
    expect(declineBlocksAdds('CRASH')).toBe(true);
    expect(declineBlocksAdds('FAST_DECLINE')).toBe(true);
    expect(declineBlocksAdds(null)).toBe(true);
    expect(declineBlocksAdds('MODERATE_DECLINE')).toBe(false);
    expect(declineBlocksAdds('SLOW_DECLINE')).toBe(false);
    expect(declineIsSafe('SLOW_DECLINE')).toBe(true);
    expect(declineIsSafe('MODERATE_DECLINE')).toBe(true);
    expect(declineIsSafe('FAST_DECLINE')).toBe(false);
    expect(declineIsSafe(null)).toBe(false);
  });

  it('disabled: never blocks and grants no allowance', () => {
    const off = filtersWith({ declineEnabled: false });
    expect(declineBlocksAdds('CRASH', off)).toBe(false);
    expect(declineBlocksAdds(null, off)).toBe(false);
    expect(declineIsSafe('SLOW_DECLINE', off)).toBe(false);
  });
});

describe('EMA gates', () => {
  it('manage: a long above EMA200, a short below it, or any side under the critical margin level', () => {
    expect(manageAllowed('long', 101, 100, 5)).toBe(true);
    expect(manageAllowed('long', 100, 100, 5)).toBe(false);
    expect(manageAllowed('long', 99, 100, 1.99)).toBe(true);
    expect(manageAllowed('long', 99, 100, 2)).toBe(false);
    expect(manageAllowed('short', 99, 100, 5)).toBe(true);
    expect(manageAllowed('short', 101, 100, 5)).toBe(false);
    expect(manageAllowed('short', 101, 100, 1.5)).toBe(true);
  });

  it('manage while EMA200 warms up: only under the critical margin level', () => {
    expect(manageAllowed('long', 101, null, 5)).toBe(false);
    expect(manageAllowed('long', 101, null, 1.9)).toBe(true);
    expect(manageAllowed('long', 101, null, 2.5, undefined, 3)).toBe(true);
  });

  it('dip side: a long above EMA50, a short below; null blocks', () => {
    expect(dipSideOk('long', 101, 100)).toBe(true);
    expect(dipSideOk('long', 99, 100)).toBe(false);
    expect(dipSideOk('short', 99, 100)).toBe(true);
    expect(dipSideOk('short', 101, 100)).toBe(false);
    expect(dipSideOk('long', 101, null)).toBe(false);
  });

  it('entry: a long below the hourly EMA, a short above; null blocks', () => {
    expect(entryAllowed('long', 99, 100)).toBe(true);
    expect(entryAllowed('long', 100, 100)).toBe(false);
    expect(entryAllowed('short', 101, 100)).toBe(true);
    expect(entryAllowed('short', 100, 100)).toBe(false);
    expect(entryAllowed('long', 99, null)).toBe(false);
  });

  it('disabled: never blocks, even while warming up', () => {
    const off = filtersWith({ emaEnabled: false });
    expect(manageAllowed('long', 50, 100, 5, off)).toBe(true);
    expect(dipSideOk('long', 50, null, off)).toBe(true);
    expect(entryAllowed('long', 150, null, off)).toBe(true);
  });
});
