import { type CurrencyCode, minorUnits } from './currency-code';
import { fromMinor } from './minor-units';

export const DEFAULT_MONEY_LOCALE = 'en-US';

export type FormatMoneyOptions = {
  /** BCP 47 locale; defaults to en-US ("$19.00", "¥1,234", "KWD 1.500"). */
  locale?: string;
  /** How the currency is named: "$" (symbol, default), "$" in every locale (narrowSymbol), "USD" (code). */
  display?: 'symbol' | 'narrowSymbol' | 'code' | 'name';
  /** 'strip-if-integer' shows "$19" for 1900n, as price tags do; 'keep' (default) shows "$19.00". */
  trailingZeros?: 'keep' | 'strip-if-integer';
  signDisplay?: 'auto' | 'always' | 'exceptZero' | 'negative';
};

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: CurrencyCode, locale: string, display: string, minDigits: number, maxDigits: number, strip: boolean, sign: string) {
  const key = [currency, locale, display, minDigits, maxDigits, strip, sign].join('|');
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: display as Intl.NumberFormatOptions['currencyDisplay'],
      minimumFractionDigits: minDigits,
      maximumFractionDigits: maxDigits,
      trailingZeroDisplay: strip ? 'stripIfInteger' : 'auto',
      signDisplay: sign as Intl.NumberFormatOptions['signDisplay'],
    });
    formatters.set(key, format);
  }
  return format;
}

const displayDigits = new Map<CurrencyCode, number>();

/** CLDR's display digits, which drop a minor unit nobody writes (IDR 15,000 rather than 15,000.00). */
function cldrDigits(currency: CurrencyCode): number {
  let digits = displayDigits.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? minorUnits(currency);
    displayDigits.set(currency, digits);
  }
  return digits;
}

/**
 * Formats a stored amount exactly: Intl receives the decimal string, never a float, so 2^63−1
 * cents still prints to the cent. A currency whose ISO minor unit CLDR doesn't display (IDR,
 * HUF, IQD …) shows its minor digits only when they aren't zero, so nothing stored is hidden.
 */
export function formatMoney(minor: bigint, currency: CurrencyCode, options: FormatMoneyOptions = {}): string {
  const digits = minorUnits(currency);
  const amount = fromMinor(minor, currency);
  const fractionIsZero = digits === 0 || minor % 10n ** BigInt(digits) === 0n;
  const minDigits = fractionIsZero ? Math.min(cldrDigits(currency), digits) : digits;
  return formatter(
    currency,
    options.locale ?? DEFAULT_MONEY_LOCALE,
    options.display ?? 'symbol',
    minDigits,
    digits,
    options.trailingZeros === 'strip-if-integer',
    options.signDisplay ?? 'auto',
  ).format(amount as Intl.StringNumericLiteral);
}
