import DecimalJs from 'decimal.js';

/**
 * The one decimal type for persisted decimal arithmetic (money maths, crypto prices and
 * quantities stored as `numeric`). Never a JS number on the way to storage.
 *
 * - precision 40 significant digits: an int8 amount (19 digits) times a rate with 20 significant
 *   digits is still exact before the final rounding.
 * - rounding half-even (banker's) for any intermediate step that has to round (division): it is
 *   unbiased over many operations, IEEE 754's default and Python `decimal`'s default (the
 *   Python reference apps). Functions that produce a stored amount take their rounding as an
 *   explicit argument instead of relying on this default.
 * - exponent limits wide enough that `toString()` never switches to exponential notation.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -100,
  toExpPos: 100,
});
export type Decimal = DecimalJs;

/** What decimal arithmetic accepts: a decimal string, an integer bigint or a Decimal — no floats. */
export type DecimalInput = string | bigint | DecimalJs;

/** Rounding modes by name, so a call site says which one it means. */
export type Rounding = 'half-even' | 'half-up' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor';

const ROUNDING: Record<Rounding, DecimalJs.Rounding> = {
  'half-even': DecimalJs.ROUND_HALF_EVEN,
  'half-up': DecimalJs.ROUND_HALF_UP,
  'half-down': DecimalJs.ROUND_HALF_DOWN,
  up: DecimalJs.ROUND_UP,
  down: DecimalJs.ROUND_DOWN,
  ceil: DecimalJs.ROUND_CEIL,
  floor: DecimalJs.ROUND_FLOOR,
};

export function roundingMode(rounding: Rounding): DecimalJs.Rounding {
  return ROUNDING[rounding];
}

export function decimal(value: DecimalInput): Decimal {
  if (typeof value === 'string' && !DECIMAL_STRING.test(value.trim())) {
    throw new RangeError(`Not a decimal number: ${JSON.stringify(value)}`);
  }
  return new Decimal(typeof value === 'string' ? value.trim() : value);
}

/** Plain decimal notation only: no exponent, hex, Infinity or NaN (which decimal.js accepts). */
const DECIMAL_STRING = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
