// Calendar arithmetic on `YYYY-MM-DD` strings (no time of day, no time zone): the dates a bank
// books a transaction on. Pure; shared by recurring and transfer detection.
import { AppError } from '@/lib/errors/app-error';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function parts(iso: string): [number, number, number] {
  const match = ISO_DAY.exec(iso);
  if (match) {
    const y = Number(match[1]);
    const m = Number(match[2]);
    const d = Number(match[3]);
    if (m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return [y, m, d];
  }
  throw new AppError('validation_failed', `Not a date: “${iso}” (expected YYYY-MM-DD).`, { value: iso });
}

/** Days in month `m` (1–12) of year `y`, Gregorian. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 (negative before). Throws AppError('validation_failed') on a bad date. */
export function dayNumber(iso: string): number {
  const [y, m, d] = parts(iso);
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d); // setUTCFullYear keeps years 0–99 literal, unlike Date.UTC
  return Math.round(date.getTime() / MS_PER_DAY);
}

/** The `YYYY-MM-DD` of a day number. */
export function fromDayNumber(day: number): string {
  const date = new Date(day * MS_PER_DAY);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `b − a` in days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** Same day `months` later, clamped to the end of a shorter month (Jan 31 + 1 → Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}
