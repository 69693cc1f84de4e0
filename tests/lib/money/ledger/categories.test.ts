import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moneyBudgets, moneyRules, moneyTransactions, moneyTransactionSplits } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { createBudget } from '@/lib/money/budgets/budgets';
import { createCategory, deleteCategory, listCategories, listCategoriesWithUse, updateCategory } from '@/lib/money/categories';
import { createSavedFilter, getSavedFilterOrThrow } from '@/lib/money/filters/saved-filters';
import { createRule } from '@/lib/money/rules/rules';
import { createTransaction } from '@/lib/money/transactions/transactions';
import { audits, cacheVersion, changedEvents, failure, household, meta, seedRows } from './support';

// Categories: names unique per workspace, archived ones hidden from pickers, and a category in
// use deleted only by moving its transactions, split lines and rules elsewhere in one go.

describe('categories', () => {
  it('creates at the end of the list, refuses a taken name, renames, recolours and archives, bumping the cache each time', async () => {
    const h = await household();
    const v0 = await cacheVersion(h.ctx);
    const pets = await withTenant(h.ctx, (tx) => createCategory(tx, h.ctx, { name: ' Pets ', color: '#AABBCC' }));
    expect(pets).toMatchObject({ name: 'Pets', kind: 'expense', color: '#AABBCC', archivedAt: null });
    const all = await withTenant(h.ctx, (tx) => listCategories(tx));
    expect(pets.sortOrder).toBe(Math.max(...all.map((c) => c.sortOrder)));
    expect(await cacheVersion(h.ctx)).toBe(v0 + 1);

    const taken = await failure(withTenant(h.ctx, (tx) => createCategory(tx, h.ctx, { name: 'Groceries' })));
    expect(taken).toMatchObject({ code: 'conflict' });
    expect(taken.details?.fields).toHaveProperty('name');
    const renameTaken = await failure(withTenant(h.ctx, (tx) => updateCategory(tx, h.ctx, pets.id, { name: 'Groceries' })));
    expect(renameTaken.code).toBe('conflict');

    const changed = await withTenant(h.ctx, (tx) => updateCategory(tx, h.ctx, pets.id, { name: 'Pet care', color: '', archived: true }));
    expect(changed).toMatchObject({ name: 'Pet care', color: null });
    expect(changed.archivedAt).toBeInstanceOf(Date);
    expect(await cacheVersion(h.ctx)).toBe(v0 + 2);
    expect((await withTenant(h.ctx, (tx) => listCategories(tx))).map((c) => c.id)).not.toContain(pets.id);
    expect((await withTenant(h.ctx, (tx) => listCategories(tx, { includeArchived: true }))).map((c) => c.id)).toContain(pets.id);
    const back = await withTenant(h.ctx, (tx) => updateCategory(tx, h.ctx, pets.id, { archived: false }));
    expect(back.archivedAt).toBeNull();

    const other = await household();
    expect((await failure(withTenant(other.ctx, (tx) => updateCategory(tx, other.ctx, pets.id, { name: 'Mine' })))).code).toBe('not_found');
  });

  it('counts use by transactions, split lines and rules', async () => {
    const h = await household();
    const groceries = h.category('Groceries');
    await seedRows(h.ctx, [
      { accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -100n, payee: 'A', categoryId: groceries },
      { accountId: h.checking.id, bookedOn: '2026-03-02', amountMinor: -100n, payee: 'B', categoryId: groceries },
    ]);
    await withTenant(h.ctx, (tx) =>
      createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-03-03', amount: '-10', payee: 'C', splits: [{ categoryId: groceries, amount: '-4' }, { categoryId: h.category('Health'), amount: '-6' }] }, meta),
    );
    await withTenant(h.ctx, (tx) => createRule(tx, h.ctx, { name: 'Shop', conditions: [{ field: 'payee', op: 'contains', value: 'shop' }], actions: [{ type: 'set_category', categoryId: groceries }] }, meta));
    const withUse = await withTenant(h.ctx, (tx) => listCategoriesWithUse(tx));
    expect(withUse.find((c) => c.id === groceries)).toMatchObject({ transactions: 3, rules: 1 });
    expect(withUse.find((c) => c.id === h.category('Travel'))).toMatchObject({ transactions: 0, rules: 0 });
  });

  it('refuses to delete a category in use without a destination, then moves transactions, splits, rules and saved filters to it, drops its budget, and audits', async () => {
    const h = await household();
    const groceries = h.category('Groceries');
    const shopping = h.category('Shopping');
    const [row] = await seedRows(h.ctx, [{ accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -100n, payee: 'A', categoryId: groceries }]);
    const split = await withTenant(h.ctx, (tx) =>
      createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-03-03', amount: '-10', payee: 'C', splits: [{ categoryId: groceries, amount: '-4' }, { categoryId: h.category('Health'), amount: '-6' }] }, meta),
    );
    const rule = await withTenant(h.ctx, (tx) =>
      createRule(tx, h.ctx, { name: 'Shop', conditions: [{ field: 'payee', op: 'contains', value: 'shop' }], actions: [{ type: 'add_tags', tags: ['x'] }, { type: 'set_category', categoryId: groceries }] }, meta),
    );
    const budget = await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { categoryId: groceries, amount: '100', currency: 'USD' }, meta));
    const saved = await withTenant(h.ctx, (tx) => createSavedFilter(tx, h.ctx, { name: 'Food', filter: { categories: [groceries, shopping, 'none'] } }));
    const unrelated = await withTenant(h.ctx, (tx) => createSavedFilter(tx, h.ctx, { name: 'Travel', filter: { categories: [h.category('Travel')] } }));

    const refused = await failure(withTenant(h.ctx, (tx) => deleteCategory(tx, h.ctx, groceries, {}, meta)));
    expect(refused).toMatchObject({ code: 'conflict', details: { transactions: 2, rules: 1 } });
    expect((await failure(withTenant(h.ctx, (tx) => deleteCategory(tx, h.ctx, groceries, { moveTo: groceries }, meta)))).details?.fields).toHaveProperty('moveTo');
    expect((await failure(withTenant(h.ctx, (tx) => deleteCategory(tx, h.ctx, groceries, { moveTo: crypto.randomUUID() }, meta)))).details?.fields).toHaveProperty('moveTo');

    const before = await cacheVersion(h.ctx);
    const queued = (await changedEvents(h.ctx)).length;
    const result = await withTenant(h.ctx, (tx) => deleteCategory(tx, h.ctx, groceries, { moveTo: shopping }, meta));
    // The destination's budgets are checked over the days of what moved (the split's parent included).
    expect((await changedEvents(h.ctx)).slice(queued)).toEqual([{ tenantId: h.ctx.tenantId, from: '2026-03-01', to: '2026-03-03' }]);
    expect(result).toEqual({ movedTransactions: 2, movedRules: 1 });
    const moved = await withTenant(h.ctx, (tx) => tx.select({ categoryId: moneyTransactions.categoryId }).from(moneyTransactions).where(eq(moneyTransactions.id, row!.id)));
    expect(moved).toEqual([{ categoryId: shopping }]);
    const splits = await withTenant(h.ctx, (tx) => tx.select({ categoryId: moneyTransactionSplits.categoryId }).from(moneyTransactionSplits).where(eq(moneyTransactionSplits.transactionId, split.id)));
    expect(splits.map((s) => s.categoryId).sort()).toEqual([h.category('Health'), shopping].sort());
    const [ruleRow] = await withTenant(h.ctx, (tx) => tx.select({ actions: moneyRules.actions }).from(moneyRules).where(eq(moneyRules.id, rule.id)));
    expect(ruleRow!.actions).toEqual([{ type: 'add_tags', tags: ['x'] }, { type: 'set_category', categoryId: shopping }]);
    expect(await withTenant(h.ctx, (tx) => tx.select().from(moneyBudgets).where(inArray(moneyBudgets.id, [budget.id])))).toEqual([]);
    expect((await withTenant(h.ctx, (tx) => getSavedFilterOrThrow(tx, saved.id))).filter).toEqual({ categories: [shopping, 'none'] });
    expect((await withTenant(h.ctx, (tx) => getSavedFilterOrThrow(tx, unrelated.id))).filter).toEqual({ categories: [h.category('Travel')] });
    expect(await cacheVersion(h.ctx)).toBe(before + 1);
    expect(await audits(h.ctx, 'money.category_deleted')).toEqual([
      expect.objectContaining({ targetId: groceries, metadata: { name: 'Groceries', movedTo: shopping, transactions: 2, rules: 1 } }),
    ]);
  });

  it('deletes an unused category without a destination', async () => {
    const h = await household();
    const result = await withTenant(h.ctx, (tx) => deleteCategory(tx, h.ctx, h.category('Travel'), {}, meta));
    expect(result).toEqual({ movedTransactions: 0, movedRules: 0 });
    expect((await withTenant(h.ctx, (tx) => listCategories(tx, { includeArchived: true }))).map((c) => c.name)).not.toContain('Travel');
  });
});
