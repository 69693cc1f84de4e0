import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, currencyCode, currencyCodeSchema, isCurrencyCode, minorUnits } from '@/lib/currency';
import { ISO_4217_MINOR_UNITS, WITHOUT_MINOR_UNIT } from '@/lib/currency/iso-4217';

const icuDigits = (code: string) => new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits;

describe('currency codes and minor units', () => {
  it('has a minor unit for every currency Intl knows, except the ISO units of account', () => {
    const intl = Intl.supportedValuesOf('currency');
    const missing = intl.filter((code) => !(code in ISO_4217_MINOR_UNITS) && !WITHOUT_MINOR_UNIT.includes(code));
    expect(missing).toEqual([]);
    expect(CURRENCY_CODES.length).toBe(intl.length - WITHOUT_MINOR_UNIT.length);
  });

  it('follows ISO 4217: JPY 0, USD 2, KWD 3 and the others the brief names', () => {
    expect(Object.fromEntries((['JPY', 'USD', 'EUR', 'KWD', 'BHD', 'CLP', 'ISK', 'TND', 'OMR'] as const).map((c) => [c, minorUnits(c)]))).toEqual({
      JPY: 0,
      USD: 2,
      EUR: 2,
      KWD: 3,
      BHD: 3,
      CLP: 0,
      ISK: 0,
      TND: 3,
      OMR: 3,
    });
  });

  it('overrides ICU only where CLDR display digits differ from ISO 4217, and says which', () => {
    const differs = CURRENCY_CODES.filter((code) => icuDigits(code) !== minorUnits(code));
    // CLDR drops minor units nobody writes by hand; stored amounts still carry them.
    expect(differs).toEqual(['AFN', 'ALL', 'COP', 'HUF', 'IDR', 'IQD', 'IRR', 'KPW', 'LAK', 'LBP', 'MGA', 'MMK', 'PKR', 'SLL', 'SOS', 'SYP', 'YER']);
    expect(minorUnits('IQD')).toBe(3);
    expect(icuDigits('KWD')).toBe(3);
    expect(icuDigits('BHD')).toBe(3);
    expect(icuDigits('CLP')).toBe(0);
    expect(icuDigits('ISK')).toBe(0);
  });

  it('parses form input: trims, upper-cases, names the problem', () => {
    expect(currencyCodeSchema.parse(' gbp ')).toBe('GBP');
    const message = (value: string) => currencyCodeSchema.safeParse(value).error?.issues[0]?.message;
    expect(message('EURO')).toBe('Use a three-letter ISO 4217 code, like USD.');
    expect(message('ZZZ')).toBe('That is not a currency we know. Use an ISO 4217 code, like EUR.');
    expect(message('XDR')).toBe('That is not a currency we know. Use an ISO 4217 code, like EUR.');
  });

  it('guards trusted input too', () => {
    expect(currencyCode('usd')).toBe('USD');
    expect(() => currencyCode('US')).toThrow(/Unknown ISO 4217 currency/);
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
  });
});
