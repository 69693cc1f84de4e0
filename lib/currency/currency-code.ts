import { z } from 'zod';
import { ISO_4217_MINOR_UNITS } from './iso-4217';

/** An ISO 4217 code this runtime can format: the one type for every currency column and field. */
export type CurrencyCode = keyof typeof ISO_4217_MINOR_UNITS;

const KNOWN_TO_INTL = new Set(Intl.supportedValuesOf('currency'));

/** Sorted; ISO codes the runtime's ICU doesn't know are left out so formatting never throws. */
export const CURRENCY_CODES: readonly CurrencyCode[] = (Object.keys(ISO_4217_MINOR_UNITS) as CurrencyCode[])
  .filter((code) => KNOWN_TO_INTL.has(code))
  .sort();

const CODE_SET: ReadonlySet<string> = new Set(CURRENCY_CODES);

export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && CODE_SET.has(value);
}

/** For trusted input (config, seeds): throws on an unknown code instead of returning an error. */
export function currencyCode(value: string): CurrencyCode {
  const code = value.trim().toUpperCase();
  if (!isCurrencyCode(code)) throw new RangeError(`Unknown ISO 4217 currency: ${JSON.stringify(value)}`);
  return code;
}

/** Digits after the decimal point in the minor unit (ISO 4217): JPY 0, USD 2, KWD 3. */
export function minorUnits(currency: CurrencyCode): number {
  const digits = ISO_4217_MINOR_UNITS[currency] as number | undefined;
  if (digits === undefined) throw new RangeError(`Unknown ISO 4217 currency: ${JSON.stringify(currency)}`);
  return digits;
}

/** Form and API input: trims, upper-cases, and accepts only codes in CURRENCY_CODES. */
export const currencyCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 code, like USD.')
  .refine(isCurrencyCode, 'That is not a currency we know. Use an ISO 4217 code, like EUR.')
  .transform((code) => code as CurrencyCode);
