import { asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moneyImportBatches, moneyTransactions } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { createAccount } from '@/lib/money/accounts';
import { getMemberMoneySettings, updateMemberMoneySettings } from '@/lib/money/member-settings';
import { markReconciliation, reconcileView } from '@/lib/money/reconcile';
import { createTransaction } from '@/lib/money/transactions/transactions';
import { audits, cacheVersion, failure, household, meta, seedRows } from './support';

// Reconciling against a statement (matched balance = opening + matched rows; open rows oldest
// first, hand-entered ones included), and a member's own Money settings.

const statuses = (ctx: TenantContext, ids: string[]) =>
  withTenant(ctx, (tx) =>
    tx.select({ payee: moneyTransactions.payee, reconciliation: moneyTransactions.reconciliation }).from(moneyTransactions).where(inArray(moneyTransactions.id, ids)).orderBy(asc(moneyTransactions.bookedOn)),
  );

describe('reconciling an account', () => {
  it('shows the matched balance and the open rows oldest first, then ticks rows off, bumping the cache and auditing', async () => {
    const h = await household();
    const account = await withTenant(h.ctx, (tx) => createAccount(tx, h.ctx, { name: 'Joint', type: 'checking', currency: 'USD', openingBalance: '1000.00' }, meta));
    const [a, b, c, d] = await seedRows(h.ctx, [
      { accountId: account.id, bookedOn: '2026-03-01', amountMinor: -2_000n, payee: 'A', reconciliation: 'matched' },
      { accountId: account.id, bookedOn: '2026-03-03', amountMinor: -3_000n, payee: 'C' },
      { accountId: account.id, bookedOn: '2026-03-02', amountMinor: 5_000n, payee: 'B', isTransfer: true },
      { accountId: account.id, bookedOn: '2026-03-04', amountMinor: -9_000n, payee: 'D', reconciliation: 'ignored' },
    ]);
    const typed = await withTenant(h.ctx, (tx) => createTransaction(tx, h.ctx, { accountId: account.id, bookedOn: '2026-03-05', amount: '-1', payee: 'E' }, meta));
    await seedRows(h.ctx, [{ accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -7n, payee: 'OTHER ACCOUNT' }]);

    const view = await withTenant(h.ctx, (tx) => reconcileView(tx, account.id));
    expect(view.matchedBalanceMinor).toBe(98_000n);
    expect(view.open.map((r) => [r.payee, r.reconciliation])).toEqual([
      ['B', 'unreconciled'],
      ['C', 'unreconciled'],
      ['E', 'manually_entered'],
    ]);

    const v0 = await cacheVersion(h.ctx);
    // Ids of another account in the list are left alone.
    const result = await withTenant(h.ctx, (tx) => markReconciliation(tx, h.ctx, { accountId: account.id, ids: [b!.id, c!.id, typed.id, h.checking.id], status: 'matched' }, meta));
    expect(result).toEqual({ updated: 3 });
    expect(await cacheVersion(h.ctx)).toBe(v0 + 1);
    const after = await withTenant(h.ctx, (tx) => reconcileView(tx, account.id));
    // 1000 − 20 + 50 − 30 − 1
    expect(after.matchedBalanceMinor).toBe(99_900n);
    expect(after.open).toEqual([]);
    expect(await audits(h.ctx, 'money.transactions_reconciled')).toEqual([expect.objectContaining({ targetId: account.id, metadata: { status: 'matched', count: 3 } })]);

    await withTenant(h.ctx, (tx) => markReconciliation(tx, h.ctx, { accountId: account.id, ids: [a!.id], status: 'unreconciled' }, meta));
    await withTenant(h.ctx, (tx) => markReconciliation(tx, h.ctx, { accountId: account.id, ids: [d!.id], status: 'ignored' }, meta));
    // A came from no bank file (no batch), so unmatching it opens it as entered by hand.
    expect(await statuses(h.ctx, [a!.id, d!.id])).toEqual([
      { payee: 'A', reconciliation: 'manually_entered' },
      { payee: 'D', reconciliation: 'ignored' },
    ]);
  });

  it('puts a hand-entered row back as manually entered when it is unmatched', async () => {
    const h = await household();
    const typed = await withTenant(h.ctx, (tx) => createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-03-05', amount: '-1', payee: 'CASH' }, meta));
    const [imported] = await seedRows(h.ctx, [{ accountId: h.checking.id, bookedOn: '2026-03-04', amountMinor: -5n, payee: 'BANK LINE' }]);
    // A bank line comes with its import batch.
    await withTenant(h.ctx, async (tx) => {
      const [batch] = await tx
        .insert(moneyImportBatches)
        .values({ tenantId: h.ctx.tenantId, accountId: h.checking.id, status: 'completed', fileName: 'f.csv', fileHash: crypto.randomUUID(), sizeBytes: 1, format: 'csv' })
        .returning();
      await tx.update(moneyTransactions).set({ batchId: batch!.id }).where(eq(moneyTransactions.id, imported!.id));
    });
    const ids = [typed.id, imported!.id];
    await withTenant(h.ctx, (tx) => markReconciliation(tx, h.ctx, { accountId: h.checking.id, ids, status: 'matched' }, meta));
    await withTenant(h.ctx, (tx) => markReconciliation(tx, h.ctx, { accountId: h.checking.id, ids, status: 'unreconciled' }, meta));
    expect(await statuses(h.ctx, ids)).toEqual([
      { payee: 'BANK LINE', reconciliation: 'unreconciled' },
      { payee: 'CASH', reconciliation: 'manually_entered' },
    ]);
  });

  it('refuses another workspace’s account and a bad status', async () => {
    const h = await household();
    const other = await household();
    expect((await failure(withTenant(other.ctx, (tx) => reconcileView(tx, h.checking.id)))).code).toBe('not_found');
    const [row] = await seedRows(h.ctx, [{ accountId: h.checking.id, bookedOn: '2026-03-04', amountMinor: -5n, payee: 'X' }]);
    expect((await failure(withTenant(other.ctx, (tx) => markReconciliation(tx, other.ctx, { accountId: h.checking.id, ids: [row!.id], status: 'matched' }, meta)))).code).toBe('not_found');
    expect((await failure(withTenant(h.ctx, (tx) => markReconciliation(tx, h.ctx, { accountId: h.checking.id, ids: [row!.id], status: 'manually_entered' }, meta)))).code).toBe('validation_failed');
    expect(await statuses(h.ctx, [row!.id])).toEqual([{ payee: 'X', reconciliation: 'unreconciled' }]);
  });
});

describe('member Money settings', () => {
  it('is off until the member turns the weekly summary on, audited, and per member', async () => {
    const h = await household();
    expect(await withTenant(h.ctx, (tx) => getMemberMoneySettings(tx, h.ctx.userId!))).toEqual({ weeklySummary: false, lastWeeklySentOn: null });
    expect(await withTenant(h.ctx, (tx) => updateMemberMoneySettings(tx, h.ctx, { weeklySummary: true }, meta))).toEqual({ weeklySummary: true, lastWeeklySentOn: null });
    expect(await withTenant(h.ctx, (tx) => updateMemberMoneySettings(tx, h.ctx, { weeklySummary: false }, meta))).toMatchObject({ weeklySummary: false });
    expect(await withTenant(h.ctx, (tx) => updateMemberMoneySettings(tx, h.ctx, { weeklySummary: true }, meta))).toMatchObject({ weeklySummary: true });
    expect((await audits(h.ctx, 'money.settings_changed')).map((a) => a.metadata)).toEqual([{ weeklySummary: true }, { weeklySummary: false }, { weeklySummary: true }]);
    const bad = await failure(withTenant(h.ctx, (tx) => updateMemberMoneySettings(tx, h.ctx, { weeklySummary: 'yes' }, meta)));
    expect(bad.details?.fields).toHaveProperty('weeklySummary');
    // Another workspace of the same person keeps its own setting.
    const other = await household();
    expect(await withTenant(other.ctx, (tx) => getMemberMoneySettings(tx, h.ctx.userId!))).toMatchObject({ weeklySummary: false });
  });
});
