import { describe, expect, it } from 'vitest';
import { MAX_MINOR, formatMoney } from '@/lib/currency';

describe('formatMoney', () => {
  it('shows each currency with its own minor units', () => {
    expect(formatMoney(1234n, 'USD')).toBe('$12.34');
    expect(formatMoney(1900n, 'USD')).toBe('$19.00');
    expect(formatMoney(123456n, 'JPY')).toBe('¥123,456');
    expect(formatMoney(1500n, 'KWD')).toBe('KWD\u00a01.500');
    expect(formatMoney(1n, 'BHD')).toBe('BHD\u00a00.001');
    expect(formatMoney(-5n, 'USD')).toBe('-$0.05');
  });

  it('is exact beyond float precision', () => {
    expect(formatMoney(MAX_MINOR, 'USD')).toBe('$92,233,720,368,547,758.07');
    expect(formatMoney(900719925474099301n, 'USD')).toBe('$9,007,199,254,740,993.01');
  });

  it('trims a zero fraction on request (price tags) but never a non-zero one', () => {
    expect(formatMoney(1900n, 'USD', { trailingZeros: 'strip-if-integer' })).toBe('$19');
    expect(formatMoney(1950n, 'USD', { trailingZeros: 'strip-if-integer' })).toBe('$19.50');
    expect(formatMoney(0n, 'USD', { trailingZeros: 'strip-if-integer' })).toBe('$0');
  });

  it('hides the minor unit CLDR does not display only while it is zero (IDR, IQD)', () => {
    expect(formatMoney(1_500_000n, 'IDR')).toBe('IDR\u00a015,000');
    expect(formatMoney(1_500_050n, 'IDR')).toBe('IDR\u00a015,000.50');
    expect(formatMoney(1_000n, 'IQD')).toBe('IQD\u00a01');
    expect(formatMoney(1_250n, 'IQD')).toBe('IQD\u00a01.250');
  });

  it('follows the locale and display options', () => {
    expect(formatMoney(123456n, 'EUR', { locale: 'de-DE' })).toBe('1.234,56\u00a0€');
    expect(formatMoney(123456n, 'EUR', { locale: 'fr-FR' })).toBe('1\u202f234,56\u00a0€');
    expect(formatMoney(1900n, 'USD', { locale: 'en-GB' })).toBe('US$19.00');
    expect(formatMoney(1900n, 'USD', { display: 'code' })).toBe('USD\u00a019.00');
    expect(formatMoney(1900n, 'SAR', { display: 'name' })).toBe('19.00 Saudi riyals');
    expect(formatMoney(1900n, 'USD', { signDisplay: 'always' })).toBe('+$19.00');
  });
});
