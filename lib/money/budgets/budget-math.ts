// The budget arithmetic, pure: periods, the rollover chain, status, projection and the
// thresholds crossed. The reference's formulas (spent ÷ days elapsed × days in the period;
// exceeded at ≥ 100 %, warning at ≥ 80 %), with yearly budgets and rollover computed as well
// (the original stored both and never computed them). Amounts are bigint minor units.
import { addMonths, daysInMonth, dayNumber } from '@/lib/money/recurring/dates';
import { divRoundHalfEven } from '@/lib/money/recurring/detect-recurring';

export const BUDGET_PERIODS = ['monthly', 'yearly'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];
export type BudgetStatus = 'on_track' | 'warning' | 'exceeded';

export const DEFAULT_THRESHOLDS = [80, 100] as const;
export const WARNING_PERCENT = 80;
export const EXCEEDED_PERCENT = 100;
/** A rollover chain reaches back at most this many periods (ten years of months). */
export const MAX_CHAIN = 120;

/** The first day of the period `day` (YYYY-MM-DD) falls in. */
export function periodStartOf(period: BudgetPeriod, day: string): string {
  return period === 'yearly' ? `${day.slice(0, 4)}-01-01` : `${day.slice(0, 7)}-01`;
}

export function nextPeriodStart(period: BudgetPeriod, start: string): string {
  return addMonths(start, period === 'yearly' ? 12 : 1);
}

/** The last day of the period starting on `start`. */
export function periodEndOf(period: BudgetPeriod, start: string): string {
  const y = Number(start.slice(0, 4));
  if (period === 'yearly') return `${y}-12-31`;
  const m = Number(start.slice(5, 7));
  return `${start.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

export function daysInPeriod(period: BudgetPeriod, start: string): number {
  return dayNumber(periodEndOf(period, start)) - dayNumber(start) + 1;
}

/** The starts of every period from the one holding `from` to the one holding `to`, oldest first. */
export function periodStartsBetween(period: BudgetPeriod, from: string, to: string, limit = MAX_CHAIN): string[] {
  const starts: string[] = [];
  const last = periodStartOf(period, to);
  for (let start = periodStartOf(period, from); start <= last && starts.length < limit; start = nextPeriodStart(period, start)) starts.push(start);
  return starts;
}

export type RolloverPeriod = { start: string; carriedMinor: bigint; availableMinor: bigint; spentMinor: bigint };

/**
 * The chain of periods: each makes `amount` available plus, with rollover, what the previous
 * period left unspent (never less than nothing: an overspent month does not shrink the next).
 */
export function rolloverChain(amountMinor: bigint, starts: readonly string[], spentByStart: ReadonlyMap<string, bigint>, rollover: boolean): RolloverPeriod[] {
  let carry = 0n;
  return starts.map((start) => {
    const spentMinor = spentByStart.get(start) ?? 0n;
    const availableMinor = amountMinor + carry;
    const left = availableMinor - spentMinor;
    carry = rollover && left > 0n ? left : 0n;
    return { start, carriedMinor: availableMinor - amountMinor, availableMinor, spentMinor };
  });
}

/** spent × 100 ÷ limit as a whole percentage, halves up (82.5 % shows as 83 %): display and the alert line. */
export function percentOf(spentMinor: bigint, limitMinor: bigint): number {
  if (limitMinor <= 0n || spentMinor <= 0n) return 0;
  return Number((spentMinor * 200n + limitMinor) / (2n * limitMinor));
}

/** Exact: spent ≥ p % of the limit, without rounding. */
export function reached(spentMinor: bigint, limitMinor: bigint, percent: number): boolean {
  return spentMinor * 100n >= BigInt(percent) * limitMinor;
}

export function budgetStatus(spentMinor: bigint, limitMinor: bigint): BudgetStatus {
  if (reached(spentMinor, limitMinor, EXCEEDED_PERCENT)) return 'exceeded';
  if (reached(spentMinor, limitMinor, WARNING_PERCENT)) return 'warning';
  return 'on_track';
}

/** The thresholds the spending has reached, ascending. */
export function crossedThresholds(spentMinor: bigint, limitMinor: bigint, thresholds: readonly number[]): number[] {
  return [...new Set(thresholds)].sort((a, b) => a - b).filter((t) => reached(spentMinor, limitMinor, t));
}

/**
 * Projected spend by the period's end: spent ÷ days elapsed × days in the period (today counts
 * as elapsed). Before the period it is 0; after it, what was spent.
 */
export function projectedSpend(period: BudgetPeriod, start: string, spentMinor: bigint, today: string): bigint {
  const elapsed = dayNumber(today) - dayNumber(start) + 1;
  const total = daysInPeriod(period, start);
  if (elapsed <= 0) return 0n;
  if (elapsed >= total) return spentMinor;
  return divRoundHalfEven(spentMinor * BigInt(total), BigInt(elapsed));
}

/** The reference's alert wording: "Budget warning: £85.00 / £100.00 (85%)". */
export function alertLine(threshold: number, spent: string, limit: string, percent: number): string {
  return `Budget ${threshold >= EXCEEDED_PERCENT ? 'exceeded' : 'warning'}: ${spent} / ${limit} (${percent}%)`;
}
