import { describe, expect, it } from 'vitest';
import { Decimal, decimal } from '@/lib/currency';

describe('the configured decimal', () => {
  it('is exact where floats are not', () => {
    expect(decimal('0.1').plus('0.2').toString()).toBe('0.3');
    expect(decimal('1.005').times(100).toString()).toBe('100.5');
  });

  it('rounds half to even by default and keeps 40 significant digits', () => {
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_EVEN);
    expect(Decimal.precision).toBe(40);
    expect(decimal('2.5').toDecimalPlaces(0).toString()).toBe('2');
    expect(decimal('3.5').toDecimalPlaces(0).toString()).toBe('4');
    expect(decimal('1').dividedBy(3).toString()).toBe(`0.${'3'.repeat(40)}`);
  });

  it('never prints exponential notation for stored values', () => {
    expect(decimal('0.00000000000000000001').toString()).toBe('0.00000000000000000001');
    expect(decimal(10n ** 30n).toString()).toBe(`1${'0'.repeat(30)}`);
  });

  it('accepts plain decimal strings and bigints only', () => {
    for (const bad of ['1e3', 'NaN', 'Infinity', '0x10', '', '1,5', '1 000']) expect(() => decimal(bad)).toThrow(/Not a decimal number/);
    expect(decimal(' -12.50 ').toString()).toBe('-12.5');
    expect(decimal(42n).toString()).toBe('42');
  });
});
