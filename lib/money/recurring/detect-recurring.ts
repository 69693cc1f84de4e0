// Recurring payment detection (subscriptions, bills, salaries): the original app's algorithm
// (docs/reference "Recurring"; its code in backend/app/routers/recurring.py), pure, no database.
//
// Where this differs from the original, on purpose:
// - transfers (`isTransfer`) are left out (the original fed every transaction in; the reference
//   says transfers are excluded from every figure);
// - a transaction without a merchant is grouped by its payee (the original skipped it); a blank
//   merchant counts as none; keys are trimmed as well as lower-cased;
// - amounts are exact: bigint minor units, the range rounded half-even (the original used floats);
// - the flags (missed, amountWentUp, isNew) are new.
import { AppError } from '@/lib/errors/app-error';
import { addDays, dayNumber, fromDayNumber } from './dates';

export type RecurringFrequency = 'weekly' | 'biweekly' | 'monthly' | 'quarterly' | 'yearly';

/**
 * The original's table, tried in this order; the first whose |mean gap − expected| ≤ tolerance
 * (both ends inclusive) wins. The windows do not overlap, so the order only matters for reading.
 */
export const RECURRING_FREQUENCIES: readonly { frequency: RecurringFrequency; expectedDays: number; toleranceDays: number }[] = [
  { frequency: 'weekly', expectedDays: 7, toleranceDays: 2 },
  { frequency: 'biweekly', expectedDays: 14, toleranceDays: 3 },
  { frequency: 'monthly', expectedDays: 30, toleranceDays: 3 },
  { frequency: 'quarterly', expectedDays: 90, toleranceDays: 7 },
  { frequency: 'yearly', expectedDays: 365, toleranceDays: 14 },
];

export const RECURRING_DEFAULTS = { minOccurrences: 3, minConfidence: 0.7, upcomingDays: 30, missingDaysOverdue: 7 } as const;

export interface RecurringTransaction {
  id: string;
  bookedOn: string;
  amountMinor: bigint;
  merchant: string | null;
  payee: string;
  isTransfer?: boolean;
}

export interface RecurringOptions {
  /** Occurrences a merchant needs: integer 2–10, default 3. */
  minOccurrences?: number;
  /** Lowest confidence kept (inclusive): 0.5–1.0, default 0.7. */
  minConfidence?: number;
  /**
   * The day the `missed` flag is judged on (YYYY-MM-DD, the person's own day: the caller
   * resolves it in their time zone). Default: the newest `bookedOn` among the transactions given,
   * so the function stays pure ("as of the data").
   */
  today?: string;
}

export interface RecurringFlags {
  /** At least 7 days past the next expected date (see `isMissing`). */
  missed: boolean;
  /** The last |amount| is above the amount range (amountMaxMinor). */
  amountWentUp: boolean;
  /**
   * The series reached `minOccurrences` only with its last transaction: occurrences ===
   * minOccurrences, so without the last one the merchant would not have had enough occurrences
   * to be considered (whatever its gaps).
   */
  isNew: boolean;
}

export interface RecurringPattern {
  /** The merchant (else payee), trimmed and lower-cased: the grouping key. */
  key: string;
  /** The merchant (else payee) as the latest transaction spells it. */
  merchant: string;
  frequency: RecurringFrequency;
  meanGapDays: number;
  /** 0.5–1 (see `recurringConfidence`). */
  confidence: number;
  occurrences: number;
  /** round-half-even(mean |amount| × 0.9), ≥ 0. */
  amountMinMinor: bigint;
  /** round-half-even(mean |amount| × 1.1), ≥ 0. */
  amountMaxMinor: bigint;
  /** round-half-even(mean |amount|), ≥ 0: a magnitude like the range (the original's average_amount). */
  averageMinor: bigint;
  lastOn: string;
  nextExpectedOn: string;
  /** Oldest first. */
  transactionIds: string[];
  flags: RecurringFlags;
}

/** Round p / q to the nearest integer, ties to even. q > 0. */
export function divRoundHalfEven(p: bigint, q: bigint): bigint {
  if (q <= 0n) throw new RangeError('divRoundHalfEven: the divisor must be positive.');
  let quotient = p / q; // truncates toward zero
  let rest = p % q; // same sign as p
  if (rest < 0n) {
    quotient -= 1n;
    rest += q;
  } // now p = quotient × q + rest with 0 ≤ rest < q
  const twice = rest * 2n;
  if (twice > q || (twice === q && quotient % 2n !== 0n)) quotient += 1n;
  return quotient;
}

/**
 * Standard deviation of the gaps as the original computes it: Python's `statistics.stdev`, the
 * SAMPLE standard deviation (divisor n − 1), and 0 when there is a single gap. The reference text
 * only says "stdev"; its code says sample, so sample it is (population would give lower spreads
 * and higher confidences than a migrating household sees today).
 */
export function sampleStdev(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

/**
 * The reference's formula read literally, operator by operator, as the original's code has it:
 *
 *   penalty    = min(stdev / expected, 0.5)   stdev: sample stdev of the gaps (see sampleStdev);
 *                                             expected: the matched frequency's nominal days
 *                                             (7, 14, 30, 90 or 365), not the mean gap
 *   bonus      = min(0.1 × gaps, 0.5)         gaps: the NUMBER of gaps, occurrences − 1
 *   confidence = min(max(0.5, 1 − penalty + bonus), 1)
 *
 * Consequences of the literal reading: with ≥ 3 occurrences the confidence is never below 0.7
 * (the default threshold), and with ≥ 6 occurrences it is always 1.
 */
export function recurringConfidence(gaps: readonly number[], expectedDays: number): number {
  const penalty = Math.min(sampleStdev(gaps) / expectedDays, 0.5);
  const bonus = Math.min(gaps.length * 0.1, 0.5);
  return Math.min(Math.max(0.5, 1.0 - penalty + bonus), 1.0);
}

/** The frequency whose window holds the mean gap, or null (not recurring). */
export function frequencyOf(meanGapDays: number): (typeof RECURRING_FREQUENCIES)[number] | null {
  return RECURRING_FREQUENCIES.find((f) => Math.abs(meanGapDays - f.expectedDays) <= f.toleranceDays) ?? null;
}

/**
 * Last date + one period in days, as the original computes it (weekly 7, biweekly 14, monthly
 * 30, quarterly 90, yearly 365): a migrating household sees the same expected dates. A bill due
 * on the 15th thus drifts a day or two in the list; the missed flag allows 7 days either way.
 */
export function nextExpected(lastOn: string, frequency: RecurringFrequency): string {
  return addDays(lastOn, RECURRING_FREQUENCIES.find((f) => f.frequency === frequency)!.expectedDays);
}

/**
 * Missing as the original's /recurring/missing has it: next expected ≤ today − daysOverdue, i.e.
 * at least `daysOverdue` (default 7) whole days late. (Read as "7 days overdue": on the 7th day
 * after the expected date it counts, on the 6th not.)
 */
export function isMissing(pattern: Pick<RecurringPattern, 'nextExpectedOn'>, today: string, daysOverdue: number = RECURRING_DEFAULTS.missingDaysOverdue): boolean {
  return dayNumber(today) - dayNumber(pattern.nextExpectedOn) >= daysOverdue;
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError('validation_failed', `${name} must be a whole number from ${min} to ${max}.`, { field: name, value });
  }
}

function groupKey(t: RecurringTransaction): { key: string; name: string } | null {
  const merchant = t.merchant?.trim();
  const name = merchant ? merchant : t.payee.trim();
  return name ? { key: name.toLowerCase(), name } : null;
}

const abs = (v: bigint) => (v < 0n ? -v : v);

/** Recurring patterns among the transactions, ordered by key. */
export function detectRecurring(transactions: readonly RecurringTransaction[], options: RecurringOptions = {}): RecurringPattern[] {
  const minOccurrences = options.minOccurrences ?? RECURRING_DEFAULTS.minOccurrences;
  const minConfidence = options.minConfidence ?? RECURRING_DEFAULTS.minConfidence;
  checkInteger('minOccurrences', minOccurrences, 2, 10);
  if (!Number.isFinite(minConfidence) || minConfidence < 0.5 || minConfidence > 1) {
    throw new AppError('validation_failed', 'minConfidence must be from 0.5 to 1.0.', { field: 'minConfidence', value: minConfidence });
  }

  const groups = new Map<string, { t: RecurringTransaction; day: number; name: string }[]>();
  let newest: number | null = null;
  for (const t of transactions) {
    const day = dayNumber(t.bookedOn); // validates every date, transfers included
    if (t.isTransfer) continue;
    newest = newest === null ? day : Math.max(newest, day);
    const group = groupKey(t);
    if (!group) continue;
    const list = groups.get(group.key);
    if (list) list.push({ t, day, name: group.name });
    else groups.set(group.key, [{ t, day, name: group.name }]);
  }
  const today = options.today !== undefined ? dayNumber(options.today) : newest;

  const patterns: RecurringPattern[] = [];
  for (const [key, list] of groups) {
    if (list.length < minOccurrences) continue;
    list.sort((a, b) => a.day - b.day || (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0));
    const gaps = list.slice(1).map((entry, i) => entry.day - list[i]!.day);
    const meanGapDays = gaps.reduce((sum, g) => sum + g, 0) / gaps.length;
    const match = frequencyOf(meanGapDays);
    if (!match) continue;
    const confidence = recurringConfidence(gaps, match.expectedDays);
    if (confidence < minConfidence) continue;

    const n = BigInt(list.length);
    const total = list.reduce((sum, entry) => sum + abs(entry.t.amountMinor), 0n);
    const amountMinMinor = divRoundHalfEven(total * 9n, n * 10n);
    const amountMaxMinor = divRoundHalfEven(total * 11n, n * 10n);
    const last = list[list.length - 1]!;
    const lastOn = fromDayNumber(last.day);
    const nextExpectedOn = nextExpected(lastOn, match.frequency);

    patterns.push({
      key,
      merchant: last.name,
      frequency: match.frequency,
      meanGapDays,
      confidence,
      occurrences: list.length,
      amountMinMinor,
      amountMaxMinor,
      averageMinor: divRoundHalfEven(total, n),
      lastOn,
      nextExpectedOn,
      transactionIds: list.map((entry) => entry.t.id),
      flags: {
        missed: today !== null && isMissing({ nextExpectedOn }, fromDayNumber(today)),
        amountWentUp: abs(last.t.amountMinor) > amountMaxMinor,
        isNew: list.length === minOccurrences,
      },
    });
  }
  return patterns.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Patterns expected within the next `days` (1–365, default 30): today ≤ next expected ≤ today +
 * days, both inclusive, soonest first (then by key), as the original's /predictions/upcoming. A
 * date already past is not upcoming, even before it counts as missing.
 */
export function upcoming<P extends Pick<RecurringPattern, 'key' | 'nextExpectedOn'>>(patterns: readonly P[], today: string, days: number = RECURRING_DEFAULTS.upcomingDays): P[] {
  checkInteger('days', days, 1, 365);
  const from = dayNumber(today);
  return patterns
    .filter((p) => {
      const next = dayNumber(p.nextExpectedOn);
      return next >= from && next <= from + days;
    })
    .sort((a, b) => dayNumber(a.nextExpectedOn) - dayNumber(b.nextExpectedOn) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Patterns at least `daysOverdue` (1–90, default 7) days past their next expected date, most
 * overdue first (then by key), as the original's /recurring/missing.
 */
export function missing<P extends Pick<RecurringPattern, 'key' | 'nextExpectedOn'>>(patterns: readonly P[], today: string, daysOverdue: number = RECURRING_DEFAULTS.missingDaysOverdue): P[] {
  checkInteger('daysOverdue', daysOverdue, 1, 90);
  return patterns
    .filter((p) => isMissing(p, today, daysOverdue))
    .sort((a, b) => dayNumber(a.nextExpectedOn) - dayNumber(b.nextExpectedOn) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
