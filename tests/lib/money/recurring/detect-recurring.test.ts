import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, addDays, daysBetween } from '@/lib/money/recurring/dates';
import {
  type RecurringTransaction,
  detectRecurring,
  divRoundHalfEven,
  missing,
  nextExpected,
  recurringConfidence,
  sampleStdev,
  upcoming,
} from '@/lib/money/recurring/detect-recurring';

let counter = 0;
function tx(bookedOn: string, amountMinor: bigint, merchant: string | null, extra: Partial<RecurringTransaction> = {}): RecurringTransaction {
  counter += 1;
  return { id: `t${String(counter).padStart(4, '0')}`, bookedOn, amountMinor, merchant, payee: merchant ?? 'Unknown', ...extra };
}

function series(merchant: string, dates: string[], amount: bigint | bigint[]): RecurringTransaction[] {
  return dates.map((d, i) => tx(d, Array.isArray(amount) ? amount[i]! : amount, merchant));
}

const NETFLIX_DATES = ['2026-01-15', '2026-02-15', '2026-03-15', '2026-04-15', '2026-05-15', '2026-06-15'];

describe('dates and arithmetic helpers', () => {
  it('adds calendar months clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addDays('2026-12-30', 7)).toBe('2027-01-06');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(/Not a date/);
  });

  it('rounds half to even on bigints', () => {
    expect(divRoundHalfEven(5n, 2n)).toBe(2n);
    expect(divRoundHalfEven(7n, 2n)).toBe(4n);
    expect(divRoundHalfEven(-5n, 2n)).toBe(-2n);
    expect(divRoundHalfEven(-7n, 2n)).toBe(-4n);
    expect(divRoundHalfEven(1n, 3n)).toBe(0n);
    expect(divRoundHalfEven(2n, 3n)).toBe(1n);
    expect(divRoundHalfEven(123_456_789_012_345_678_901n, 10n)).toBe(12_345_678_901_234_567_890n);
  });

  it('uses the sample standard deviation, as Python statistics.stdev', () => {
    expect(sampleStdev([7])).toBe(0);
    expect(sampleStdev([20, 40])).toBeCloseTo(Math.SQRT2 * 10, 12); // sqrt((100 + 100) / 1)
    expect(sampleStdev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('computes the confidence formula literally', () => {
    // gaps 20, 40 (monthly, expected 30): penalty = min(14.142/30, 0.5) = 0.4714, bonus = min(2 × 0.1, 0.5) = 0.2
    expect(recurringConfidence([20, 40], 30)).toBeCloseTo(1 - Math.SQRT2 / 3 + 0.2, 12); // 0.72860
    // penalty capped at 0.5, bonus 0.2 → 0.7 exactly
    expect(recurringConfidence([1, 59], 30)).toBe(0.7);
    // one gap: stdev 0, bonus 0.1 → 1.1 → capped 1
    expect(recurringConfidence([30], 30)).toBe(1);
    // never below 0.5 (impossible with ≥ 1 gap: the bonus is ≥ 0.1), never above 1
    expect(recurringConfidence([1, 200, 1, 200, 1, 200], 7)).toBe(1); // 1 − 0.5 + 0.5
  });

  it('computes the next expected date per frequency', () => {
    expect(nextExpected('2026-03-30', 'weekly')).toBe('2026-04-06');
    expect(nextExpected('2026-03-30', 'biweekly')).toBe('2026-04-13');
    // The original's periods in days: + 30, + 90, + 365.
    expect(nextExpected('2026-01-31', 'monthly')).toBe('2026-03-02');
    expect(nextExpected('2025-11-30', 'quarterly')).toBe('2026-02-28');
    expect(nextExpected('2024-02-29', 'yearly')).toBe('2025-02-28');
  });
});

describe('detectRecurring: one case per frequency, computed by hand', () => {
  it('Netflix on the 15th for six months → monthly', () => {
    const txs = series('Netflix', NETFLIX_DATES, -1549n);
    const [p, ...rest] = detectRecurring(txs);
    expect(rest).toEqual([]);
    // Gaps 31, 28, 31, 30, 31 (2026 is no leap year): mean 151 / 5 = 30.2 → monthly (30 ± 3).
    // Sample stdev: deviations .8, −2.2, .8, −.2, .8 → squares sum 6.8 → sqrt(6.8 / 4) = 1.3038.
    // Confidence = max(0.5, 1 − min(1.3038 / 30, 0.5) + min(5 × 0.1, 0.5)) = 1 − 0.0435 + 0.5
    // = 1.4565 → capped at 1.
    // Amounts: mean |−15.49| = 1549 minor; × 0.9 = 1394.1 → 1394; × 1.1 = 1703.9 → 1704.
    expect(p).toEqual({
      key: 'netflix',
      merchant: 'Netflix',
      frequency: 'monthly',
      meanGapDays: 30.2,
      confidence: 1,
      occurrences: 6,
      amountMinMinor: 1394n,
      amountMaxMinor: 1704n,
      averageMinor: 1549n,
      lastOn: '2026-06-15',
      nextExpectedOn: '2026-07-15', // the original: 2026-06-15 + 30 days = 2026-07-15 too (June has 30)
      transactionIds: txs.map((t) => t.id),
      flags: { missed: false, amountWentUp: false, isNew: false },
    });
  });

  it('a gym every Monday → weekly', () => {
    const txs = series('PureGym', ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'], -2500n);
    const [p] = detectRecurring(txs);
    // gaps 7, 7, 7: stdev 0 → 1 − 0 + 0.3 → capped 1
    expect(p).toMatchObject({ key: 'puregym', frequency: 'weekly', meanGapDays: 7, confidence: 1, occurrences: 4, nextExpectedOn: '2026-03-30' });
    expect(p).toMatchObject({ amountMinMinor: 2250n, amountMaxMinor: 2750n, averageMinor: 2500n });
  });

  it('a salary every other Friday → biweekly (income keeps a positive range)', () => {
    const txs = series('ACME Payroll', ['2026-01-02', '2026-01-16', '2026-01-30', '2026-02-13'], 250_000n);
    const [p] = detectRecurring(txs);
    expect(p).toMatchObject({ key: 'acme payroll', frequency: 'biweekly', meanGapDays: 14, confidence: 1, nextExpectedOn: '2026-02-27' });
    expect(p).toMatchObject({ amountMinMinor: 225_000n, amountMaxMinor: 275_000n, averageMinor: 250_000n });
  });

  it('water bills on the 10th every three months → quarterly, next 90 days after the last as the original has it', () => {
    const txs = series('City Water', ['2025-01-10', '2025-04-10', '2025-07-10', '2025-10-10'], -8_000n);
    const [p] = detectRecurring(txs);
    // gaps 90, 91, 92: mean 91 (90 ± 7); sample stdev 1 → 1 − 1/90 + 0.3 → 1.
    // Next: 2025-10-10 + 90 days = 2026-01-08.
    expect(p).toMatchObject({ frequency: 'quarterly', meanGapDays: 91, confidence: 1, nextExpectedOn: '2026-01-08' });
  });

  it('an insurance premium every March → yearly', () => {
    const txs = series('Aviva', ['2023-03-01', '2024-03-01', '2025-03-01'], [-9_900n, -9_900n, -10_900n]);
    const [p] = detectRecurring(txs);
    // gaps 366 (2024 is a leap year), 365: mean 365.5 (365 ± 14); sample stdev 0.7071 →
    // 1 − 0.0019 + 0.2 → 1.
    // Amounts: total 30 700 over 3 → mean 10 233.33; × 0.9 = 9 210 exactly; × 1.1 = 11 256.67 → 11 257.
    expect(p).toMatchObject({ frequency: 'yearly', meanGapDays: 365.5, confidence: 1, nextExpectedOn: '2026-03-01' });
    expect(p).toMatchObject({ amountMinMinor: 9_210n, amountMaxMinor: 11_257n, averageMinor: 10_233n });
    expect(p!.flags.amountWentUp).toBe(false); // 10 900 ≤ 11 257
  });

  it('rounds the amount range half to even', () => {
    const txs = series('Corner Shop', ['2026-01-01', '2026-01-31'], [-12n, -13n]);
    const [p] = detectRecurring(txs, { minOccurrences: 2 });
    // total 25 over 2: mean 12.5 → 12 (even); × 0.9 = 11.25 → 11; × 1.1 = 13.75 → 14.
    expect(p).toMatchObject({ averageMinor: 12n, amountMinMinor: 11n, amountMaxMinor: 14n });
  });

  it('finds a frequency only inside its window, both ends inclusive', () => {
    const at = (gap: number) => detectRecurring(series('X', ['2026-01-01', addDays('2026-01-01', gap), addDays('2026-01-01', 2 * gap)], -100n))[0]?.frequency ?? null;
    expect([4, 5, 9, 10, 11, 17, 18, 26, 27, 33, 34, 82, 83, 97, 98, 350, 351, 379, 380].map(at)).toEqual([
      null, 'weekly', 'weekly', null, 'biweekly', 'biweekly', null, null, 'monthly', 'monthly', null, null, 'quarterly', 'quarterly', null, null, 'yearly', 'yearly', null,
    ]);
  });
});

describe('detectRecurring: what counts', () => {
  it('still detects a monthly series with 1–2 days of jitter', () => {
    const txs = series('Phone Co', ['2026-01-14', '2026-02-16', '2026-03-15', '2026-04-13', '2026-05-17', '2026-06-15'], -3_000n);
    const [p] = detectRecurring(txs);
    // gaps 33, 27, 29, 34, 29 → mean 30.4
    expect(p).toMatchObject({ frequency: 'monthly', meanGapDays: 30.4, occurrences: 6, nextExpectedOn: '2026-07-15' });
  });

  it('needs minOccurrences: two payments are recurring only with minOccurrences 2', () => {
    const txs = series('Dentist', ['2026-01-05', '2026-02-04'], -6_000n);
    expect(detectRecurring(txs)).toEqual([]);
    const [p] = detectRecurring(txs, { minOccurrences: 2 });
    // one gap of 30: stdev 0 (a single gap), bonus 0.1 → 1.1 → 1
    expect(p).toMatchObject({ frequency: 'monthly', occurrences: 2, confidence: 1, flags: { isNew: true } });
  });

  it('an irregular series (gaps 5, 40, 12) is not recurring', () => {
    // mean 19: between biweekly (11–17) and monthly (27–33)
    expect(detectRecurring(series('Hardware Store', ['2026-01-01', '2026-01-06', '2026-02-15', '2026-02-27'], -4_000n))).toEqual([]);
  });

  it('respects the confidence threshold (inclusive)', () => {
    const txs = series('Gardener', ['2026-01-01', '2026-01-21', '2026-03-02'], -5_000n);
    // gaps 20, 40: mean 30 → monthly; sample stdev 14.142 → confidence 1 − 0.4714 + 0.2 = 0.7286
    const [p] = detectRecurring(txs);
    expect(p!.confidence).toBeCloseTo(0.7286, 4);
    expect(detectRecurring(txs, { minConfidence: 0.72 })).toHaveLength(1);
    expect(detectRecurring(txs, { minConfidence: 0.73 })).toEqual([]);
    expect(detectRecurring(txs, { minConfidence: p!.confidence })).toHaveLength(1);
  });

  it('leaves transfers out', () => {
    const transfers = series('Savings', ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'], -10_000n).map((t) => ({ ...t, isTransfer: true }));
    expect(detectRecurring(transfers)).toEqual([]);
    // a transfer in the middle of a real series does not count as an occurrence
    const rent = series('Landlord', ['2026-01-01', '2026-02-01', '2026-03-01'], -100_000n);
    const stray = tx('2026-01-15', -100_000n, 'Landlord', { isTransfer: true });
    const [p] = detectRecurring([...rent, stray]);
    expect(p).toMatchObject({ frequency: 'monthly', occurrences: 3, transactionIds: rent.map((t) => t.id) });
  });

  it('groups by merchant case-insensitively and falls back to the payee', () => {
    const txs = [
      tx('2026-01-03', -999n, 'SPOTIFY'),
      tx('2026-02-03', -999n, 'spotify'),
      tx('2026-03-03', -999n, ' Spotify '),
      tx('2026-01-20', -4_500n, null, { payee: 'Thames Water' }),
      tx('2026-02-20', -4_500n, null, { payee: 'THAMES WATER' }),
      tx('2026-03-20', -4_500n, '', { payee: 'thames water' }),
    ];
    const patterns = detectRecurring(txs);
    expect(patterns.map((p) => [p.key, p.merchant, p.occurrences])).toEqual([
      ['spotify', 'Spotify', 3],
      ['thames water', 'thames water', 3],
    ]);
  });

  it('sorts each series by date whatever the input order', () => {
    const txs = series('Netflix', NETFLIX_DATES, -1549n);
    const [p] = detectRecurring([...txs].reverse());
    expect(p!.transactionIds).toEqual(txs.map((t) => t.id));
  });

  it('refuses options out of range', () => {
    expect(() => detectRecurring([], { minOccurrences: 1 })).toThrow(/minOccurrences/);
    expect(() => detectRecurring([], { minOccurrences: 11 })).toThrow(/minOccurrences/);
    expect(() => detectRecurring([], { minOccurrences: 2.5 })).toThrow(/minOccurrences/);
    expect(() => detectRecurring([], { minConfidence: 0.49 })).toThrow(/minConfidence/);
    expect(() => detectRecurring([], { minConfidence: 1.01 })).toThrow(/minConfidence/);
    expect(detectRecurring([], { minOccurrences: 10, minConfidence: 1 })).toEqual([]);
  });
});

describe('detectRecurring: flags', () => {
  it('missed: 7 or more days past the next expected date', () => {
    const txs = series('Netflix', NETFLIX_DATES, -1549n); // next expected 2026-07-15
    expect(detectRecurring(txs, { today: '2026-07-21' })[0]!.flags.missed).toBe(false); // 6 days late
    expect(detectRecurring(txs, { today: '2026-07-22' })[0]!.flags.missed).toBe(true); // 7 days late
    // without `today`, judged as of the newest transaction given (here another merchant's)
    expect(detectRecurring(txs)[0]!.flags.missed).toBe(false);
    expect(detectRecurring([...txs, tx('2026-08-01', -500n, 'Bakery')])[0]!.flags.missed).toBe(true);
  });

  it('amountWentUp: the last amount above the range', () => {
    const txs = series('Spotify', ['2026-01-03', '2026-02-03', '2026-03-03', '2026-04-03', '2026-05-03', '2026-06-03'], [-999n, -999n, -999n, -999n, -999n, -1_199n]);
    const [p] = detectRecurring(txs);
    // total 6 194 over 6 = 1 032.33; × 1.1 = 1 135.57 → 1 136 < 1 199
    expect(p).toMatchObject({ amountMaxMinor: 1_136n, flags: { amountWentUp: true } });
    const steady = series('Spotify', ['2026-01-03', '2026-02-03', '2026-03-03'], [-999n, -999n, -1_050n]);
    expect(detectRecurring(steady)[0]!.flags.amountWentUp).toBe(false); // max round(1 016 × 1.1) = 1 118
  });

  it('isNew: the series reached minOccurrences only with its last transaction', () => {
    const three = series('Gym', ['2026-03-02', '2026-03-09', '2026-03-16'], -2_500n);
    expect(detectRecurring(three)[0]!.flags.isNew).toBe(true);
    expect(detectRecurring([...three, tx('2026-03-23', -2_500n, 'Gym')])[0]!.flags.isNew).toBe(false);
    expect(detectRecurring([...three, tx('2026-03-23', -2_500n, 'Gym')], { minOccurrences: 4 })[0]!.flags.isNew).toBe(true);
  });
});

describe('upcoming and missing', () => {
  const patterns = detectRecurring([
    ...series('Netflix', NETFLIX_DATES, -1549n), // next 2026-07-15
    ...series('Gym', ['2026-06-09', '2026-06-16', '2026-06-23'], -2_500n), // next 2026-06-30
    ...series('Rent', ['2026-04-01', '2026-05-01', '2026-06-01'], -100_000n), // next 2026-07-01
    ...series('Aviva', ['2024-07-31', '2025-07-31'], -9_900n), // needs 2: not detected
  ]);

  it('lists what is due in the next days, inclusive, soonest first', () => {
    expect(patterns.map((p) => [p.key, p.nextExpectedOn])).toEqual([
      ['gym', '2026-06-30'],
      ['netflix', '2026-07-15'],
      ['rent', '2026-07-01'],
    ]);
    expect(upcoming(patterns, '2026-06-30').map((p) => p.key)).toEqual(['gym', 'rent', 'netflix']);
    expect(upcoming(patterns, '2026-07-01').map((p) => p.key)).toEqual(['rent', 'netflix']); // the gym is past
    expect(upcoming(patterns, '2026-06-15', 15).map((p) => p.key)).toEqual(['gym']); // 06-30 is day 15, inclusive
    expect(upcoming(patterns, '2026-06-15', 14)).toEqual([]);
    expect(() => upcoming(patterns, '2026-06-15', 0)).toThrow(/days/);
  });

  it('lists what is 7 days overdue, most overdue first', () => {
    expect(missing(patterns, '2026-07-06')).toEqual([]); // gym 6 days late
    expect(missing(patterns, '2026-07-07').map((p) => p.key)).toEqual(['gym']);
    expect(missing(patterns, '2026-07-22').map((p) => p.key)).toEqual(['gym', 'rent', 'netflix']);
    expect(missing(patterns, '2026-07-03', 3).map((p) => p.key)).toEqual(['gym']);
  });
});

describe('detectRecurring: properties', () => {
  const startDay = fc.integer({ min: 0, max: 3_000 }).map((n) => addDays('2020-01-01', n));

  it('finds a weekly or monthly series with jitter within tolerance and amounts within ±5%', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('weekly' as const, 'monthly' as const),
        startDay,
        fc.integer({ min: 3, max: 12 }),
        fc.bigInt({ min: 100n, max: 10_000_000n }),
        fc.array(fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -500, max: 500 })), { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        (frequency, start, count, base, noise, income) => {
          // A monthly series starts on a day ≤ 28, so calendar months never clamp; weekly jitter
          // is ±1 day (a mean gap within 7 ± 2 whatever the count), monthly ±2 days.
          const first = frequency === 'monthly' ? `${start.slice(0, 8)}${String(Math.min(Number(start.slice(8)), 28)).padStart(2, '0')}` : start;
          const txs = Array.from({ length: count }, (_, i) => {
            const [jitter, basisPoints] = noise[i]!;
            const nominal = frequency === 'weekly' ? addDays(first, 7 * i) : addMonths(first, i);
            const day = addDays(nominal, frequency === 'weekly' ? Math.sign(jitter) : jitter);
            const amount = base + (base * BigInt(basisPoints)) / 10_000n;
            return tx(day, income ? amount : -amount, 'Subscription');
          });
          const patterns = detectRecurring(txs);
          expect(patterns).toHaveLength(1);
          const [p] = patterns;
          expect(p!.frequency).toBe(frequency);
          expect(p!.occurrences).toBe(count);
          expect(p!.confidence).toBeGreaterThanOrEqual(0.7);
          expect(p!.confidence).toBeLessThanOrEqual(1);
          expect(p!.amountMinMinor).toBeLessThanOrEqual(p!.averageMinor);
          expect(p!.averageMinor).toBeLessThanOrEqual(p!.amountMaxMinor);
          expect(p!.lastOn).toBe([...txs].sort((a, b) => (a.bookedOn < b.bookedOn ? -1 : 1)).at(-1)!.bookedOn);
        },
      ),
      { numRuns: 300, seed: 20260315 },
    );
  });

  it('finds nothing in dates scattered far beyond the tolerances', () => {
    // Gaps drawn uniformly from 1–400 days; the literal formula gives any series of ≥ 3 a
    // confidence ≥ 0.7, so what rules a scattered series out is its mean gap falling outside
    // every window. Series whose mean happens to land inside one are discarded (fc.pre).
    const windows = [[5, 9], [11, 17], [27, 33], [83, 97], [351, 379]] as const;
    fc.assert(
      fc.property(startDay, fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 2, maxLength: 9 }), (start, gaps) => {
        const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
        fc.pre(!windows.some(([lo, hi]) => mean >= lo && mean <= hi));
        let day = start;
        const txs = [tx(day, -1_000n, 'Random Shop')];
        for (const gap of gaps) {
          day = addDays(day, gap);
          txs.push(tx(day, -1_000n, 'Random Shop'));
        }
        expect(detectRecurring(txs, { minOccurrences: 2 })).toEqual([]);
      }),
      { numRuns: 300, seed: 20260316 },
    );
  });
});
