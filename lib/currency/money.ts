import { AppError } from '@/lib/errors/app-error';
import type { CurrencyCode } from './currency-code';
import { Decimal, type DecimalInput, type Rounding, decimal, roundingMode } from './decimal';
import { checkedMinor, minorToDecimal, toMinor } from './minor-units';

/** An amount in a currency's minor units: what a `money('x')` column pair holds. */
export type Money = { readonly minor: bigint; readonly currency: CurrencyCode };

export function money(minor: bigint, currency: CurrencyCode): Money {
  return { minor, currency };
}

/** Sum of amounts in one currency; exact (integers), so no rounding to choose. */
export function addMoney(first: Money, ...rest: Money[]): Money {
  let minor = first.minor;
  for (const next of rest) {
    sameCurrency(first, next);
    minor += next.minor;
  }
  return money(checkedMinor(minor, first.currency), first.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(checkedMinor(a.minor - b.minor, a.currency), a.currency);
}

/** Amount × rate (tax, discount, fee, interest), rounded to a minor unit the way you say. */
export function multiplyMoney(amount: Money, rate: DecimalInput, rounding: Rounding): Money {
  const minor = new Decimal(amount.minor).times(decimal(rate)).toDecimalPlaces(0, roundingMode(rounding));
  return money(checkedMinor(BigInt(minor.toFixed(0)), amount.currency), amount.currency);
}

/**
 * Currency conversion: `rate` is units of `to` per one unit of `amount.currency` (major units,
 * as exchanges quote it), so JPY → USD at "0.0067" works whatever the minor units are.
 */
export function convertMoney(amount: Money, rate: DecimalInput, to: CurrencyCode, rounding: Rounding): Money {
  return money(toMinor(minorToDecimal(amount.minor, amount.currency).times(decimal(rate)), to, rounding), to);
}

/**
 * Splits an amount by weights so the parts add up to it exactly (largest remainder): 10.00 in
 * three equal parts is 3.34 + 3.33 + 3.33, never 9.99. Weights are decimals ≥ 0, not all zero.
 */
export function allocateMoney(amount: Money, weights: readonly DecimalInput[]): Money[] {
  const parts = weights.map((weight) => decimal(weight));
  if (parts.length === 0 || parts.some((weight) => weight.isNegative()) || parts.every((weight) => weight.isZero())) {
    throw new RangeError('allocateMoney needs at least one weight, none negative, not all zero');
  }
  const total = parts.reduce((sum, weight) => sum.plus(weight), new Decimal(0));
  const exact = parts.map((weight) => new Decimal(amount.minor).times(weight).dividedBy(total));
  const shares = exact.map((share) => BigInt(share.toDecimalPlaces(0, Decimal.ROUND_DOWN).toFixed(0)));
  let left = amount.minor - shares.reduce((sum, share) => sum + share, 0n);
  const step = left < 0n ? -1n : 1n;
  // Hand the remaining minor units, one each, to the shares that lost the most to truncation.
  const order = exact
    .map((share, index) => ({ index, remainder: share.minus(shares[index]!.toString()).abs() }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (let i = 0; left !== 0n; i = (i + 1) % order.length) {
    shares[order[i]!.index]! += step;
    left -= step;
  }
  return shares.map((share) => money(share, amount.currency));
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new AppError('bad_request', `Can't combine ${a.currency} and ${b.currency} amounts without a conversion.`, {
      reason: 'currency_mismatch',
    });
  }
}
