import { AppError } from '@/lib/errors/app-error';
import { type CurrencyCode, minorUnits } from './currency-code';
import { Decimal, type DecimalInput, type Rounding, decimal, roundingMode } from './decimal';

// Conversions between an amount in major units (a decimal: "12.34" dollars) and the integer
// number of minor units that is stored (1234n cents). bigint and decimal.js only: no floats.

/** Postgres int8, the range of a `bigint` minor-units column. */
export const MAX_MINOR = 9_223_372_036_854_775_807n;
export const MIN_MINOR = -9_223_372_036_854_775_808n;

/** Major → minor, rounding whatever the currency's minor unit can't hold the way you say. */
export function toMinor(amount: DecimalInput, currency: CurrencyCode, rounding: Rounding): bigint {
  const scaled = decimal(amount).times(new Decimal(10).pow(minorUnits(currency)));
  return checkedMinor(BigInt(scaled.toDecimalPlaces(0, roundingMode(rounding)).toFixed(0)), currency);
}

/** Minor → major as an exact decimal string with the currency's digits: 1234n USD → "12.34". */
export function fromMinor(minor: bigint, currency: CurrencyCode): string {
  const digits = minorUnits(currency);
  const sign = minor < 0n ? '-' : '';
  const abs = (minor < 0n ? -minor : minor).toString();
  if (digits === 0) return sign + abs;
  const padded = abs.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** Minor → major as a Decimal, for further arithmetic. */
export function minorToDecimal(minor: bigint, currency: CurrencyCode): Decimal {
  return new Decimal(minor).dividedBy(new Decimal(10).pow(minorUnits(currency)));
}

const AMOUNT = /^([+-])?(\d*)(?:\.(\d*))?$/;

/**
 * Exact parse of what a person typed ("12.34", "-0.5", "1200") into minor units. No rounding:
 * more decimals than the currency has is an error (trailing zeros are fine, "12.340" is 12.34).
 * No thousands separators, exponents or currency symbols: strip those before, per locale.
 */
export function parseMoney(text: string, currency: CurrencyCode): bigint {
  const trimmed = text.trim();
  const match = AMOUNT.exec(trimmed);
  const [, sign, whole = '', fraction = ''] = match ?? [];
  if (!match || (whole === '' && fraction === '')) {
    const example = fromMinor(BigInt('1234567'.slice(0, 2 + minorUnits(currency))), currency);
    throw new AppError('validation_failed', `Enter an amount like ${example}.`, { reason: 'not_a_number', currency });
  }
  const digits = minorUnits(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) {
    throw new AppError(
      'validation_failed',
      digits === 0
        ? `${currency} amounts have no decimal places (got ${trimmed}).`
        : `${currency} amounts have at most ${digits} decimal place${digits === 1 ? '' : 's'} (got ${trimmed}).`,
      { reason: 'too_many_decimals', currency, decimals: significant.length, allowed: digits },
    );
  }
  const magnitude = BigInt((whole || '0') + significant.padEnd(digits, '0'));
  return checkedMinor(sign === '-' ? -magnitude : magnitude, currency);
}

/** Throws the form-friendly error when a result can't be stored in an int8 column. */
export function checkedMinor(minor: bigint, currency: CurrencyCode): bigint {
  if (minor > MAX_MINOR || minor < MIN_MINOR) {
    throw new AppError('validation_failed', `That ${currency} amount is too large to store.`, { reason: 'out_of_range', currency });
  }
  return minor;
}
