import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween } from '@/lib/money/recurring/dates';
import { TRANSFER_PATTERNS, type TransferCandidate, detectTransfers, looksLikeTransfer } from '@/lib/money/transfers/detect-transfers';

function t(id: string, accountId: string, bookedOn: string, amountMinor: bigint, extra: Partial<TransferCandidate> = {}): TransferCandidate {
  return { id, accountId, bookedOn, amountMinor, currency: 'USD', payee: 'Something', ...extra };
}

describe('looksLikeTransfer', () => {
  it('recognises the original list, case-insensitively', () => {
    for (const text of [
      'AUTOPAY PAYMENT - THANK YOU',
      'Payment Thank You-Mobile',
      'auto pay chase card',
      'ONLINE PMT CHASE',
      'Online Transfer to SAV ...4821',
      'online transfer ref #IB0K2',
      'Transfer from Checking',
      'XFER TO SAVINGS',
      'ACH Payment AMEX EPAYMENT',
      'BILL PAY Verizon',
      'Electronic Payment',
      'PAYMENT RECEIVED',
      'Credit Card Payment',
      'bank transfer',
      'WIRE TRANSFER OUTGOING',
      'Internal Transfer',
      'funds transfer',
      'Mobile Deposit',
      'PayPal Instant Transfer',
      'PAYPAL *BANK VERIF',
    ]) {
      expect(looksLikeTransfer(text), text).toBe(true);
    }
  });

  it('leaves ordinary spending alone', () => {
    for (const text of ['Netflix.com', 'STARBUCKS #1234', 'Amazon Marketplace', 'PayPal *Etsy', 'Transferwise fee', '', null, undefined]) {
      expect(looksLikeTransfer(text), String(text)).toBe(false);
    }
    expect(TRANSFER_PATTERNS.every((p) => p.flags.includes('i') && !p.global)).toBe(true);
  });
});

describe('detectTransfers', () => {
  it('pairs a checking −500.00 with a savings +500.00 two days later', () => {
    const txs = [t('out', 'checking', '2026-03-02', -50_000n), t('in', 'savings', '2026-03-04', 50_000n)];
    expect(detectTransfers(txs)).toEqual([{ outId: 'out', inId: 'in', days: 2 }]);
  });

  it('pairs within the window, both ends inclusive, and either order of booking', () => {
    expect(detectTransfers([t('out', 'a', '2026-03-02', -50_000n), t('in', 'b', '2026-03-05', 50_000n)])).toEqual([{ outId: 'out', inId: 'in', days: 3 }]);
    expect(detectTransfers([t('out', 'a', '2026-03-02', -50_000n), t('in', 'b', '2026-03-01', 50_000n)])).toEqual([{ outId: 'out', inId: 'in', days: 1 }]);
    expect(detectTransfers([t('out', 'a', '2026-03-02', -50_000n), t('in', 'b', '2026-03-02', 50_000n)])).toEqual([{ outId: 'out', inId: 'in', days: 0 }]);
  });

  it('does not pair 4 days apart, unless the window allows it', () => {
    const txs = [t('out', 'checking', '2026-03-02', -50_000n), t('in', 'savings', '2026-03-06', 50_000n)];
    expect(detectTransfers(txs)).toEqual([]);
    expect(detectTransfers(txs, { windowDays: 4 })).toEqual([{ outId: 'out', inId: 'in', days: 4 }]);
    expect(detectTransfers([t('out', 'a', '2026-03-02', -50_000n), t('in', 'b', '2026-03-03', 50_000n)], { windowDays: 0 })).toEqual([]);
  });

  it('does not pair on the same account, across currencies, or unequal amounts', () => {
    expect(detectTransfers([t('out', 'checking', '2026-03-02', -50_000n), t('in', 'checking', '2026-03-03', 50_000n)])).toEqual([]);
    expect(detectTransfers([t('out', 'a', '2026-03-02', -50_000n), t('in', 'b', '2026-03-03', 50_000n, { currency: 'EUR' })])).toEqual([]);
    expect(detectTransfers([t('out', 'a', '2026-03-02', -50_000n), t('in', 'b', '2026-03-03', 50_001n)])).toEqual([]);
    expect(detectTransfers([t('out', 'a', '2026-03-02', -50_000n), t('in', 'b', '2026-03-03', -50_000n)])).toEqual([]);
    expect(detectTransfers([t('out', 'a', '2026-03-02', 0n), t('in', 'b', '2026-03-03', 0n)])).toEqual([]);
  });

  it('prefers the closer date', () => {
    const txs = [t('out', 'checking', '2026-03-02', -50_000n), t('far', 'savings', '2026-03-05', 50_000n), t('near', 'brokerage', '2026-03-03', 50_000n)];
    expect(detectTransfers(txs)).toEqual([{ outId: 'out', inId: 'near', days: 1 }]);
  });

  it('at equal distance prefers a payee or memo that reads like a transfer, then the earlier date, then the id', () => {
    const out = t('out', 'checking', '2026-03-02', -50_000n);
    const before = t('before', 'savings', '2026-03-01', 50_000n);
    const after = t('after', 'card', '2026-03-03', 50_000n, { memo: 'PAYMENT RECEIVED - THANK YOU' });
    expect(detectTransfers([out, before, after])).toEqual([{ outId: 'out', inId: 'after', days: 1 }]);
    expect(detectTransfers([out, before, { ...after, memo: null }])).toEqual([{ outId: 'out', inId: 'before', days: 1 }]);
    expect(detectTransfers([out, t('b', 'x', '2026-03-03', 50_000n), t('a', 'y', '2026-03-03', 50_000n)])).toEqual([{ outId: 'out', inId: 'a', days: 1 }]);
  });

  it('uses each transaction once', () => {
    const one = detectTransfers([t('o1', 'checking', '2026-03-02', -50_000n), t('o2', 'checking', '2026-03-03', -50_000n), t('i1', 'savings', '2026-03-03', 50_000n)]);
    expect(one).toEqual([{ outId: 'o2', inId: 'i1', days: 0 }]);
    const two = detectTransfers([
      t('o1', 'checking', '2026-03-02', -50_000n),
      t('o2', 'checking', '2026-03-03', -50_000n),
      t('i1', 'savings', '2026-03-03', 50_000n),
      t('i2', 'savings', '2026-03-04', 50_000n),
    ]);
    // o2–i1 (0 days) first; then o1–i2 (2 days) is what remains
    expect(two).toEqual([
      { outId: 'o1', inId: 'i2', days: 2 },
      { outId: 'o2', inId: 'i1', days: 0 },
    ]);
  });

  it('leaves already linked transactions out', () => {
    const txs = [t('out', 'a', '2026-03-02', -50_000n, { transferId: 'tr_1' }), t('in', 'b', '2026-03-03', 50_000n), t('out2', 'c', '2026-03-03', -50_000n)];
    expect(detectTransfers(txs)).toEqual([{ outId: 'out2', inId: 'in', days: 0 }]);
  });

  it('refuses a bad window or date', () => {
    expect(() => detectTransfers([], { windowDays: -1 })).toThrow(/windowDays/);
    expect(() => detectTransfers([], { windowDays: 1.5 })).toThrow(/windowDays/);
    expect(() => detectTransfers([t('x', 'a', '2026-13-01', -1n)])).toThrow(/Not a date/);
  });
});

describe('detectTransfers: properties', () => {
  const transaction = fc.record({
    accountId: fc.constantFrom('checking', 'savings', 'card'),
    day: fc.integer({ min: 1, max: 20 }),
    amount: fc.constantFrom(-2_500n, 2_500n, -10_000n, 10_000n, -1n, 1n, 0n),
    currency: fc.constantFrom('USD', 'EUR'),
    payee: fc.constantFrom('Online Transfer to Savings', 'Coffee', 'AUTOPAY', 'Groceries'),
    linked: fc.boolean(),
  });
  const sets = fc.array(transaction, { maxLength: 40 }).map((rows) =>
    rows.map((r, i): TransferCandidate => ({
      id: `t${String(i).padStart(2, '0')}`,
      accountId: r.accountId,
      bookedOn: `2026-03-${String(r.day).padStart(2, '0')}`,
      amountMinor: r.amount,
      currency: r.currency,
      payee: r.payee,
      transferId: r.linked && i % 5 === 0 ? `link${i}` : null,
    })),
  );

  it('pairs each transaction at most once, every pair sums to zero within the window, and no possible pair is left', () => {
    fc.assert(
      fc.property(sets, fc.integer({ min: 0, max: 5 }), (txs, windowDays) => {
        const byId = new Map(txs.map((x) => [x.id, x]));
        const pairs = detectTransfers(txs, { windowDays });
        const seen = new Set<string>();
        for (const { outId, inId, days } of pairs) {
          expect(seen.has(outId) || seen.has(inId)).toBe(false);
          seen.add(outId);
          seen.add(inId);
          const out = byId.get(outId)!;
          const inn = byId.get(inId)!;
          expect(out.amountMinor).toBeLessThan(0n);
          expect(out.amountMinor + inn.amountMinor).toBe(0n);
          expect(out.currency).toBe(inn.currency);
          expect(out.accountId).not.toBe(inn.accountId);
          expect(days).toBe(Math.abs(daysBetween(out.bookedOn, inn.bookedOn)));
          expect(days).toBeLessThanOrEqual(windowDays);
          expect(out.transferId ?? null).toBeNull();
          expect(inn.transferId ?? null).toBeNull();
        }
        // Maximal: no unpaired outgoing and incoming could still form a pair.
        const free = txs.filter((x) => !seen.has(x.id) && !x.transferId);
        for (const out of free.filter((x) => x.amountMinor < 0n)) {
          for (const inn of free) {
            const fits = inn.amountMinor === -out.amountMinor && inn.currency === out.currency && inn.accountId !== out.accountId && Math.abs(daysBetween(out.bookedOn, inn.bookedOn)) <= windowDays;
            expect(fits).toBe(false);
          }
        }
        // Deterministic: the input order does not matter.
        expect(detectTransfers([...txs].reverse(), { windowDays })).toEqual(pairs);
      }),
      { numRuns: 300, seed: 20260317 },
    );
  });
});
