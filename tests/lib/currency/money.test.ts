import { describe, expect, it } from 'vitest';
import { MAX_MINOR, addMoney, allocateMoney, convertMoney, decimal, money, moneyValues, multiplyMoney, readMoney, subtractMoney } from '@/lib/currency';

describe('money arithmetic', () => {
  it('adds and subtracts exactly in one currency', () => {
    expect(addMoney(money(10n, 'USD'), money(20n, 'USD'), money(-5n, 'USD'))).toEqual(money(25n, 'USD'));
    expect(subtractMoney(money(10n, 'JPY'), money(25n, 'JPY'))).toEqual(money(-15n, 'JPY'));
  });

  it('refuses to mix currencies', () => {
    expect(() => addMoney(money(1n, 'USD'), money(1n, 'EUR'))).toThrow("Can't combine USD and EUR amounts without a conversion.");
    expect(() => subtractMoney(money(1n, 'USD'), money(1n, 'JPY'))).toThrow(/Can't combine/);
  });

  it('refuses a result an int8 column cannot hold', () => {
    expect(() => addMoney(money(MAX_MINOR, 'USD'), money(1n, 'USD'))).toThrow('That USD amount is too large to store.');
    expect(() => multiplyMoney(money(MAX_MINOR, 'USD'), '2', 'half-even')).toThrow(/too large/);
  });

  it('multiplies by a rate with the rounding the caller names', () => {
    expect(multiplyMoney(money(1999n, 'USD'), '0.2', 'half-up')).toEqual(money(400n, 'USD')); // 399.8
    expect(multiplyMoney(money(250n, 'USD'), '0.05', 'half-even')).toEqual(money(12n, 'USD')); // 12.5 → 12
    expect(multiplyMoney(money(250n, 'USD'), '0.05', 'half-up')).toEqual(money(13n, 'USD'));
    expect(multiplyMoney(money(1000n, 'KWD'), decimal('1').dividedBy(3), 'down')).toEqual(money(333n, 'KWD'));
  });

  it('converts between currencies of different minor units', () => {
    expect(convertMoney(money(10_000n, 'JPY'), '0.0067', 'USD', 'half-even')).toEqual(money(6_700n, 'USD'));
    expect(convertMoney(money(1_000n, 'USD'), '0.3075', 'KWD', 'half-even')).toEqual(money(3_075n, 'KWD'));
    expect(convertMoney(money(1_999n, 'USD'), '149.5', 'JPY', 'half-even')).toEqual(money(2_989n, 'JPY')); // 2988.505
  });

  it('allocates so the parts always add up to the whole', () => {
    expect(allocateMoney(money(1000n, 'USD'), ['1', '1', '1']).map((m) => m.minor)).toEqual([334n, 333n, 333n]);
    expect(allocateMoney(money(-1000n, 'USD'), ['1', '1', '1']).map((m) => m.minor)).toEqual([-334n, -333n, -333n]);
    expect(allocateMoney(money(5n, 'JPY'), ['0.7', '0.3']).map((m) => m.minor)).toEqual([4n, 1n]);
    expect(allocateMoney(money(100n, 'USD'), ['0', '1']).map((m) => m.minor)).toEqual([0n, 100n]);
    expect(() => allocateMoney(money(1n, 'USD'), [])).toThrow(RangeError);
    expect(() => allocateMoney(money(1n, 'USD'), ['0', '0'])).toThrow(RangeError);
    expect(() => allocateMoney(money(1n, 'USD'), ['-1', '2'])).toThrow(RangeError);
  });

  it('allocation property: sums match and no part is more than one minor unit off its exact share', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let run = 0; run < 500; run++) {
      const total = BigInt(Math.floor((next() - 0.3) * 1e9));
      const weights = Array.from({ length: 1 + Math.floor(next() * 7) }, () => String(Math.floor(next() * 1000)));
      if (!weights.some((w) => w !== '0')) weights[0] = '1';
      const parts = allocateMoney(money(total, 'USD'), weights);
      expect(parts.reduce((sum, part) => sum + part.minor, 0n)).toBe(total);
      const weightSum = weights.reduce((sum, w) => sum.plus(w), decimal('0'));
      parts.forEach((part, i) => {
        const exact = decimal(total).times(weights[i]!).dividedBy(weightSum);
        expect(exact.minus(part.minor.toString()).abs().lessThan(1)).toBe(true);
      });
    }
  });

  it('maps a money() column pair to Money and back', () => {
    const row = { id: 1, amountMinor: 1234n, amountCurrency: 'EUR' as const };
    expect(readMoney(row, 'amount')).toEqual(money(1234n, 'EUR'));
    expect(moneyValues('unitPrice', money(5n, 'JPY'))).toEqual({ unitPriceMinor: 5n, unitPriceCurrency: 'JPY' });
  });
});
