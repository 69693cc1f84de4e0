import { describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { createBudget, deleteBudget, listBudgets, updateBudget } from '@/lib/money/budgets/budgets';
import { listBudgetProgress } from '@/lib/money/budgets/progress';
import { moneyCacheVersion } from '@/lib/money/cache-version';
import { addTransactions, household, meta, setBudgetCreatedAt } from './support';

// Budgets against the real tables: what counts as spent, rollover over months, yearly budgets,
// and the form's refusals.

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('what a budget has spent', () => {
  it('counts negative, non-transfer amounts with its category in the month; split lines toward their own category', async () => {
    const h = await household();
    const groceries = h.category('Groceries');
    const dining = h.category('Eating out');
    await addTransactions(h.ctx, h.account.id, 'GBP', [
      { on: '2026-04-02', minor: -4_250n, categoryId: groceries },
      { on: '2026-04-09', minor: -1_000n, categoryId: groceries },
      { on: '2026-04-10', minor: 500n, categoryId: groceries }, // a refund is not negative spending
      { on: '2026-04-11', minor: -9_999n, categoryId: groceries, transfer: true }, // transfers never count
      { on: '2026-03-31', minor: -7_000n, categoryId: groceries }, // the month before
      { on: '2026-05-01', minor: -7_000n, categoryId: groceries }, // the month after
      // A supermarket run split: £30 groceries, £12 dining, £3 left unallocated (the parent's category: dining).
      { on: '2026-04-15', minor: -4_500n, categoryId: dining, splits: [{ minor: -3_000n, categoryId: groceries }, { minor: -1_200n, categoryId: dining }] },
    ]);
    const budget = await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { categoryId: groceries, amount: '100', currency: 'GBP' }, meta));
    const diningBudget = await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { categoryId: dining, amount: '50', currency: 'GBP' }, meta));
    const progress = await withTenant(h.ctx, (tx) => listBudgetProgress(tx, { month: '2026-04', today: '2026-04-20' }));
    const of = (id: string) => progress.find((p) => p.budget.id === id)!;
    // 42.50 + 10.00 + 30.00
    expect(of(budget.id)).toMatchObject({ spentMinor: 8_250n, availableMinor: 10_000n, remainingMinor: 1_750n, percent: 83, status: 'warning', periodStart: '2026-04-01', periodEnd: '2026-04-30' });
    // 82.50 ÷ 20 days × 30 days
    expect(of(budget.id).projectedMinor).toBe(12_375n);
    // 12.00 + the unallocated 3.00
    expect(of(diningBudget.id)).toMatchObject({ spentMinor: 1_500n, status: 'on_track' });
  });

  it('measures a bucket budget by bucket, and only in its own currency', async () => {
    const h = await household();
    await addTransactions(h.ctx, h.account.id, 'GBP', [
      { on: '2026-04-02', minor: -2_000n, bucket: 'transportation' },
      { on: '2026-04-03', minor: -3_000n, bucket: 'transportation' },
      { on: '2026-04-03', minor: -3_000n, bucket: 'travel' },
    ]);
    const budget = await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { bucket: 'Transportation', amount: '40.00', currency: 'GBP' }, meta));
    expect(budget).toMatchObject({ bucket: 'transportation', name: 'transportation', thresholds: [80, 100] });
    const usd = await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { bucket: 'travel', amount: '40.00', currency: 'USD' }, meta));
    const progress = await withTenant(h.ctx, (tx) => listBudgetProgress(tx, { month: '2026-04', today: '2026-04-30' }));
    expect(progress.find((p) => p.budget.id === budget.id)).toMatchObject({ spentMinor: 5_000n, percent: 125, status: 'exceeded', projectedMinor: 5_000n });
    expect(progress.find((p) => p.budget.id === usd.id)).toMatchObject({ spentMinor: 0n });
  });

  it('rolls what was left over from the month the budget was made, and a yearly budget counts the whole year', async () => {
    const h = await household();
    const groceries = h.category('Groceries');
    await addTransactions(h.ctx, h.account.id, 'GBP', [
      { on: '2025-12-20', minor: -50_000n, categoryId: groceries }, // before the budget existed: no chain from here
      { on: '2026-01-05', minor: -15_000n, categoryId: groceries }, // 200 − 150 = 50 left
      { on: '2026-02-05', minor: -10_000n, categoryId: groceries }, // 250 − 100 = 150 left
      { on: '2026-03-05', minor: -5_000n, categoryId: groceries }, // 350 available
    ]);
    const rolling = await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { categoryId: groceries, amount: '200', currency: 'GBP', rollover: true }, meta));
    await setBudgetCreatedAt(h.ctx, rolling.id, new Date('2026-01-03T10:00:00Z'));
    const yearly = await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { categoryId: groceries, period: 'yearly', amount: '2400', currency: 'GBP' }, meta));
    const progress = await withTenant(h.ctx, (tx) => listBudgetProgress(tx, { month: '2026-03', today: '2026-03-10' }));
    expect(progress.find((p) => p.budget.id === rolling.id)).toMatchObject({ carriedMinor: 15_000n, availableMinor: 35_000n, spentMinor: 5_000n, status: 'on_track' });
    // 300 spent in 2026 by 10 March (day 69 of 365): 300 × 365 / 69 = 1586.96.
    expect(progress.find((p) => p.budget.id === yearly.id)).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-12-31', spentMinor: 30_000n, availableMinor: 240_000n, projectedMinor: 158_696n });
  });
});

describe('changing budgets', () => {
  it('creates, changes and deletes, bumping the report cache each time', async () => {
    const h = await household();
    const v0 = await withTenant(h.ctx, (tx) => moneyCacheVersion(tx));
    const budget = await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { categoryId: h.category('Transport'), amount: '80', currency: 'GBP', thresholds: '50, 90,100' }, meta));
    expect(budget.thresholds).toEqual([50, 90, 100]);
    const changed = await withTenant(h.ctx, (tx) => updateBudget(tx, h.ctx, budget.id, { amount: '95.50', rollover: true }, meta));
    expect(changed).toMatchObject({ amountMinor: 9_550n, rollover: true });
    expect(changed.updatedAt.getTime()).toBeGreaterThanOrEqual(budget.updatedAt.getTime());
    await withTenant(h.ctx, (tx) => deleteBudget(tx, h.ctx, budget.id, meta));
    expect(await withTenant(h.ctx, (tx) => listBudgets(tx))).toEqual([]);
    expect(await withTenant(h.ctx, (tx) => moneyCacheVersion(tx))).toBe(v0 + 3);
  });

  it('refuses bad input with field errors and changes nothing', async () => {
    const h = await household();
    const none = await failure(withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { amount: '10', currency: 'GBP' }, meta)));
    expect(none.details?.fields).toMatchObject({ categoryId: [expect.stringContaining('category or a bucket')] });
    const amount = await failure(withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { bucket: 'dining', amount: '-5', currency: 'GBP' }, meta)));
    expect(amount.details?.fields).toHaveProperty('amount');
    const zero = await failure(withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { bucket: 'dining', amount: '0', currency: 'GBP' }, meta)));
    expect(zero.code).toBe('validation_failed');
    const thresholds = await failure(withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { bucket: 'dining', amount: '5', currency: 'GBP', thresholds: 'eighty' }, meta)));
    expect(thresholds.details?.fields).toHaveProperty('thresholds');
    await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { bucket: 'dining', amount: '5', currency: 'GBP' }, meta));
    const twice = await failure(withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { bucket: 'dining', amount: '7', currency: 'GBP' }, meta)));
    expect(twice.code).toBe('conflict');
    expect(await withTenant(h.ctx, (tx) => listBudgets(tx))).toHaveLength(1);
  });
});
