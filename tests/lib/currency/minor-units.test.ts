import { describe, expect, it } from 'vitest';
import { type CurrencyCode, MAX_MINOR, MIN_MINOR, formatMoney, fromMinor, minorUnits, moneyAmountSchema, parseMoney, toMinor } from '@/lib/currency';
import { AppError } from '@/lib/errors/app-error';

/** A small deterministic PRNG (mulberry32), so property runs are reproducible. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random int8 values of every magnitude, plus the edges. */
function sampleMinors(count: number, seed = 7): bigint[] {
  const next = random(seed);
  const out = [0n, 1n, -1n, 9n, 10n, 99n, 100n, 101n, 999n, 1000n, MAX_MINOR, MIN_MINOR, MAX_MINOR - 1n, MIN_MINOR + 1n];
  while (out.length < count) {
    const digits = 1 + Math.floor(next() * 18);
    let value = 0n;
    for (let i = 0; i < digits; i++) value = value * 10n + BigInt(Math.floor(next() * 10));
    out.push(next() < 0.5 ? -value : value);
  }
  return out;
}

const CURRENCIES: CurrencyCode[] = ['JPY', 'USD', 'KWD', 'IDR', 'CLP', 'BHD'];

describe('parseMoney and fromMinor', () => {
  it('parses typed amounts exactly', () => {
    expect(parseMoney('12.34', 'USD')).toBe(1234n);
    expect(parseMoney(' 12.3 ', 'USD')).toBe(1230n);
    expect(parseMoney('12', 'USD')).toBe(1200n);
    expect(parseMoney('-0.05', 'USD')).toBe(-5n);
    expect(parseMoney('+.5', 'USD')).toBe(50n);
    expect(parseMoney('12.', 'USD')).toBe(1200n);
    expect(parseMoney('1234', 'JPY')).toBe(1234n);
    expect(parseMoney('1.5', 'KWD')).toBe(1500n);
    expect(parseMoney('0.001', 'KWD')).toBe(1n);
    expect(parseMoney('12.340', 'USD')).toBe(1234n);
    expect(parseMoney('1234.000', 'JPY')).toBe(1234n);
    expect(parseMoney('92233720368547758.07', 'USD')).toBe(MAX_MINOR);
  });

  it('rejects more decimals than the currency has, saying how many it allows', () => {
    const error = (text: string, currency: CurrencyCode) => {
      try {
        parseMoney(text, currency);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return { message: (e as AppError).message, code: (e as AppError).code, details: (e as AppError).details };
      }
      throw new Error(`parsed ${text}`);
    };
    expect(error('12.345', 'USD')).toEqual({
      message: 'USD amounts have at most 2 decimal places (got 12.345).',
      code: 'validation_failed',
      details: { reason: 'too_many_decimals', currency: 'USD', decimals: 3, allowed: 2 },
    });
    expect(error('1.5', 'JPY').message).toBe('JPY amounts have no decimal places (got 1.5).');
    expect(error('1.0001', 'KWD').message).toBe('KWD amounts have at most 3 decimal places (got 1.0001).');
  });

  it('rejects what is not a plain amount, and what int8 cannot hold', () => {
    for (const bad of ['', ' ', '.', '-', 'abc', '1e3', '1,000.00', '$12', '12 34', '--1', 'Infinity']) {
      expect(() => parseMoney(bad, 'USD'), bad).toThrow('Enter an amount like 12.34.');
    }
    expect(() => parseMoney('x', 'JPY')).toThrow('Enter an amount like 12.');
    expect(() => parseMoney('x', 'KWD')).toThrow('Enter an amount like 12.345.');
    expect(() => parseMoney('92233720368547758.08', 'USD')).toThrow('That USD amount is too large to store.');
  });

  it('prints minor units as an exact decimal with the currency’s digits', () => {
    expect(fromMinor(1234n, 'USD')).toBe('12.34');
    expect(fromMinor(5n, 'USD')).toBe('0.05');
    expect(fromMinor(-5n, 'USD')).toBe('-0.05');
    expect(fromMinor(1234n, 'JPY')).toBe('1234');
    expect(fromMinor(1n, 'KWD')).toBe('0.001');
    expect(fromMinor(MIN_MINOR, 'USD')).toBe('-92233720368547758.08');
  });

  it('round-trips: parseMoney(fromMinor(m)) = m for 2,000 amounts in each currency', () => {
    for (const currency of CURRENCIES) {
      for (const minor of sampleMinors(2000)) expect(parseMoney(fromMinor(minor, currency), currency)).toBe(minor);
    }
  });

  it('round-trips through the formatted text: strip the code and separators, parse back the same minor units', () => {
    for (const currency of CURRENCIES) {
      for (const minor of sampleMinors(500, 11)) {
        const text = formatMoney(minor, currency, { locale: 'en-US', display: 'code' });
        const bare = text.replace(currency, '').replace(/[,\s\u00a0]/g, '');
        expect(parseMoney(bare, currency), text).toBe(minor);
      }
    }
  });

  it('converts major to minor with the rounding the caller names', () => {
    expect(toMinor('0.125', 'USD', 'half-even')).toBe(12n);
    expect(toMinor('0.135', 'USD', 'half-even')).toBe(14n);
    expect(toMinor('0.125', 'USD', 'half-up')).toBe(13n);
    expect(toMinor('-0.125', 'USD', 'half-up')).toBe(-13n);
    expect(toMinor('0.129', 'USD', 'down')).toBe(12n);
    expect(toMinor('-0.121', 'USD', 'floor')).toBe(-13n);
    expect(toMinor('0.121', 'USD', 'ceil')).toBe(13n);
    expect(toMinor('1234.5', 'JPY', 'half-even')).toBe(1234n);
    expect(toMinor('1.2345', 'KWD', 'half-even')).toBe(1234n);
    expect(toMinor(12n, 'KWD', 'half-even')).toBe(12_000n);
  });

  it('gives forms a field error instead of an exception', () => {
    const schema = moneyAmountSchema('USD');
    expect(schema.parse('19.99')).toBe(1999n);
    expect(schema.safeParse('19.999').error?.issues[0]?.message).toBe('USD amounts have at most 2 decimal places (got 19.999).');
  });

  it('knows the digits of each currency it is tested with', () => {
    expect(CURRENCIES.map(minorUnits)).toEqual([0, 2, 3, 2, 0, 3]);
  });
});
