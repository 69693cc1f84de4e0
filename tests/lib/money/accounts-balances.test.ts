import { describe, expect, it } from 'vitest';
import { moneyTags } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { createAccount, listAccountsWithBalances, nextDueDate } from '@/lib/money/accounts';
import { household, meta, seedRows } from './transactions/support';

describe('accounts with balances', () => {
  it('adds the cleared transactions to the opening balance, and gives a card its available credit and next due date', async () => {
    const { ctx, checking } = await household();
    const card = await withTenant(ctx, (tx) => createAccount(tx, ctx, { name: 'Visa Card', type: 'credit_card', currency: 'USD', creditLimit: '2000', dueDay: 15 }, meta));
    await withTenant(ctx, (tx) => createAccount(tx, ctx, { name: 'Wallet', type: 'cash', currency: 'USD', openingBalance: '40.50' }, meta));
    await seedRows(ctx, [
      { accountId: checking.id, bookedOn: '2026-03-01', amountMinor: 100_000n, payee: 'PAY' },
      { accountId: checking.id, bookedOn: '2026-03-02', amountMinor: -2_500n, payee: 'SHOP' },
      { accountId: checking.id, bookedOn: '2026-03-03', amountMinor: -9_999n, payee: 'PENDING', status: 'pending' },
      { accountId: card.id, bookedOn: '2026-03-02', amountMinor: -30_000n, payee: 'FLIGHT' },
    ]);
    const accounts = await withTenant(ctx, (tx) => listAccountsWithBalances(tx, { today: '2026-03-20' }));
    const byName = Object.fromEntries(accounts.map((a) => [a.name, a]));
    expect(byName.Checking).toMatchObject({ balanceMinor: 97_500n, availableCreditMinor: null, nextDueOn: null, mismatch: null });
    expect(byName['Visa Card']).toMatchObject({ balanceMinor: -30_000n, availableCreditMinor: 170_000n, nextDueOn: '2026-04-15' });
    expect(byName.Wallet!.balanceMinor).toBe(4_050n);
    // Every account has its tag from the start.
    const tags = await withTenant(ctx, (tx) => tx.select().from(moneyTags));
    expect(tags.filter((t) => t.namespace === 'account').map((t) => t.name).sort()).toEqual(['checking', 'visa-card', 'wallet']);
  });

  it('finds the next due day in this month or the next', () => {
    expect(nextDueDate(15, '2026-03-15')).toBe('2026-03-15');
    expect(nextDueDate(1, '2026-12-02')).toBe('2027-01-01');
  });
});
