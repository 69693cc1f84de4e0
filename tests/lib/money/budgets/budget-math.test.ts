import { describe, expect, it } from 'vitest';
import {
  alertLine,
  budgetStatus,
  crossedThresholds,
  daysInPeriod,
  percentOf,
  periodEndOf,
  periodStartOf,
  periodStartsBetween,
  projectedSpend,
  rolloverChain,
} from '@/lib/money/budgets/budget-math';

describe('budget periods', () => {
  it('finds monthly and yearly periods, leap February included', () => {
    expect(periodStartOf('monthly', '2024-02-17')).toBe('2024-02-01');
    expect(periodEndOf('monthly', '2024-02-01')).toBe('2024-02-29');
    expect(periodEndOf('monthly', '2026-02-01')).toBe('2026-02-28');
    expect(periodStartOf('yearly', '2026-07-04')).toBe('2026-01-01');
    expect(periodEndOf('yearly', '2026-01-01')).toBe('2026-12-31');
    expect(daysInPeriod('yearly', '2024-01-01')).toBe(366);
    expect(periodStartsBetween('monthly', '2025-11-20', '2026-02-03')).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
  });
});

describe('budget status and thresholds', () => {
  it('is exceeded at ≥ 100 %, a warning at ≥ 80 %, else on track (exact, no rounding up)', () => {
    expect(budgetStatus(10_000n, 10_000n)).toBe('exceeded');
    expect(budgetStatus(9_999n, 10_000n)).toBe('warning');
    expect(budgetStatus(8_000n, 10_000n)).toBe('warning');
    // 79.998 % rounds to 80 for display but is not yet 80 %.
    expect(budgetStatus(7_999n, 9_999n)).toBe('on_track');
    expect(percentOf(7_999n, 9_999n)).toBe(80);
    expect(budgetStatus(0n, 10_000n)).toBe('on_track');
  });

  it('lists the thresholds reached, ascending and once each', () => {
    expect(crossedThresholds(8_500n, 10_000n, [100, 80, 80])).toEqual([80]);
    expect(crossedThresholds(12_000n, 10_000n, [80, 100, 120])).toEqual([80, 100, 120]);
    expect(crossedThresholds(7_000n, 10_000n, [80, 100])).toEqual([]);
  });

  it('words the alert as the reference does', () => {
    expect(alertLine(80, '£85.00', '£100.00', 85)).toBe('Budget warning: £85.00 / £100.00 (85%)');
    expect(alertLine(100, '£120.00', '£100.00', 120)).toBe('Budget exceeded: £120.00 / £100.00 (120%)');
  });
});

describe('projected spend', () => {
  it('is spent ÷ days elapsed × days in the month', () => {
    // £120 by 10 April (10 of 30 days): £360.
    expect(projectedSpend('monthly', '2026-04-01', 12_000n, '2026-04-10')).toBe(36_000n);
    // £100 by 3 March (3 of 31 days): 10000 × 31 / 3 = 103333.33 → 103333.
    expect(projectedSpend('monthly', '2026-03-01', 10_000n, '2026-03-03')).toBe(103_333n);
    // A yearly budget: £500 by 31 January (31 of 365 days) → 500 × 365 / 31 = 5887.10.
    expect(projectedSpend('yearly', '2026-01-01', 50_000n, '2026-01-31')).toBe(588_710n);
  });

  it('is what was spent once the period is over, and nothing before it starts', () => {
    expect(projectedSpend('monthly', '2026-03-01', 10_000n, '2026-04-02')).toBe(10_000n);
    expect(projectedSpend('monthly', '2026-05-01', 10_000n, '2026-04-30')).toBe(0n);
  });
});

describe('rollover', () => {
  const starts = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'];

  it('carries what was left unspent into the next month, cumulatively, and never a deficit', () => {
    const spent = new Map([
      ['2026-01-01', 15_000n], // of 200: 50 left
      ['2026-02-01', 20_000n], // of 250: 50 left
      ['2026-03-01', 40_000n], // of 250: overspent, nothing carried
    ]);
    expect(rolloverChain(20_000n, starts, spent, true)).toEqual([
      { start: '2026-01-01', carriedMinor: 0n, availableMinor: 20_000n, spentMinor: 15_000n },
      { start: '2026-02-01', carriedMinor: 5_000n, availableMinor: 25_000n, spentMinor: 20_000n },
      { start: '2026-03-01', carriedMinor: 5_000n, availableMinor: 25_000n, spentMinor: 40_000n },
      { start: '2026-04-01', carriedMinor: 0n, availableMinor: 20_000n, spentMinor: 0n },
    ]);
  });

  it('carries nothing without rollover', () => {
    const chain = rolloverChain(20_000n, starts, new Map([['2026-01-01', 1_000n]]), false);
    expect(chain.map((p) => p.availableMinor)).toEqual([20_000n, 20_000n, 20_000n, 20_000n]);
  });
});
