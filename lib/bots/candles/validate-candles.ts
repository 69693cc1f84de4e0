import type { Candle } from '../engine/types';
import { CandleFileError, type CandleProblem } from './candle-file-error';

// What makes a candle series usable by a backtest: sane values and one candle per interval, in
// order, with nothing missing. Problems are reported by the row they came from in the file.

export const MAX_PROBLEMS = 100;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

export interface ValidateCandlesOptions {
  /** The interval the candles must have; inferred as the most common step when absent. */
  intervalMinutes?: number;
  /** The file row each candle came from (candles[i] from rows[i]); defaults to i + 1. */
  rows?: readonly number[];
}

/** Candles in series order with the file row of each, as the parsers hand them over. */
export interface ParsedCandles {
  candles: Candle[];
  rows: number[];
  /** The interval the file itself states, if it does. */
  intervalMinutes?: number;
}

export function validateCandles(candles: Candle[], opts: ValidateCandlesOptions = {}): { intervalMinutes: number } {
  if (candles.length === 0) throw new CandleFileError([{ row: 0, message: 'the file has no candles' }]);
  const given = opts.intervalMinutes;
  if (given !== undefined && (!Number.isInteger(given) || given <= 0)) throw new RangeError(`intervalMinutes must be a positive whole number, got ${given}`);
  const rowOf = (i: number) => opts.rows?.[i] ?? i + 1;
  const problems: CandleProblem[] = [];
  const add = (row: number, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ row, message });
  };

  const intervalMinutes = given ?? inferInterval(candles, add);
  const step = intervalMinutes === null ? null : intervalMinutes * MINUTE_MS;
  // Weekly and longer candles start on an exchange-chosen weekday, so only the day is checked.
  const alignment = intervalMinutes === null ? null : Math.min(intervalMinutes, DAY_MINUTES) * MINUTE_MS;
  // The latest time so far: a row out of order is reported once, not again as a gap after it.
  let last: { time: number; row: number } | null = null;

  candles.forEach((c, i) => {
    const row = rowOf(i);
    const valuesOk = checkValues(c, row, add);
    if (!Number.isFinite(c.time) || c.time < 0) return;
    if (alignment !== null && c.time % alignment !== 0) add(row, `${when(c.time)} is not aligned to the ${intervalMinutes}-minute interval`);
    if (valuesOk && c.high < Math.max(c.open, c.close)) add(row, `high ${c.high} is below the open or close`);
    if (valuesOk && c.low > Math.min(c.open, c.close)) add(row, `low ${c.low} is above the open or close`);
    if (last === null) {
      last = { time: c.time, row };
      return;
    }
    if (c.time < last.time) {
      add(row, `out of order: ${when(c.time)} comes after ${when(last.time)} (row ${last.row})`);
      return;
    }
    if (c.time === last.time) {
      add(row, `duplicate timestamp ${when(c.time)} (also row ${last.row})`);
      return;
    }
    if (step !== null && c.time - last.time !== step) {
      const missing = (c.time - last.time) / step - 1;
      add(
        row,
        Number.isInteger(missing)
          ? `gap: ${missing} candle${missing === 1 ? '' : 's'} missing between row ${last.row} (${when(last.time)}) and ${when(c.time)}`
          : `${(c.time - last.time) / MINUTE_MS} minutes after row ${last.row}, expected ${intervalMinutes}`,
      );
    }
    last = { time: c.time, row };
  });

  if (problems.length > 0 || intervalMinutes === null) throw new CandleFileError(problems.sort((a, b) => a.row - b.row));
  return { intervalMinutes };
}

/**
 * The most common step between neighbouring times (the smaller on a tie), in minutes. Times are
 * sorted first, so a few rows out of order do not make a series look like it has a longer step.
 */
function inferInterval(candles: Candle[], add: (row: number, message: string) => void): number | null {
  const times = candles.map((c) => c.time).filter(Number.isFinite).sort((a, b) => a - b);
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const step = times[i]! - times[i - 1]!;
    if (step > 0) counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [step, count] of counts) {
    const bestCount = best === null ? 0 : counts.get(best)!;
    if (count > bestCount || (count === bestCount && step < best!)) best = step;
  }
  if (best === null) {
    add(0, 'cannot tell the interval: need at least two candles with different times');
    return null;
  }
  if (best % MINUTE_MS !== 0) {
    add(0, `the usual step between candles (${best / 1000} s) is not a whole number of minutes`);
    return null;
  }
  return best / MINUTE_MS;
}

function checkValues(c: Candle, row: number, add: (row: number, message: string) => void): boolean {
  let ok = true;
  for (const field of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    const value = c[field];
    const message = !Number.isFinite(value)
      ? `${field} is not a finite number`
      : value < 0
        ? `${field} is negative`
        : value === 0 && field !== 'volume' && field !== 'time'
          ? `${field} is zero`
          : null;
    if (message) {
      add(row, message);
      ok = false;
    }
  }
  return ok;
}

function when(time: number): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? String(time) : date.toISOString();
}

// Number() would read '' as 0 and '0x10' as 16; files hold plain decimals only.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal string's value, or null when it is not a plain decimal. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : null;
}

/** Exchanges send newest first; flipping a descending list (rows too) lets validation judge the result. */
export function oldestFirst(parsed: ParsedCandles): ParsedCandles {
  const { candles, rows } = parsed;
  if (candles.length < 2 || candles[0]!.time <= candles[candles.length - 1]!.time) return parsed;
  return { ...parsed, candles: [...candles].reverse(), rows: [...rows].reverse() };
}
