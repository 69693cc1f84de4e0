import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moneyBudgets, moneyRules, moneyTags, moneyTransactions, moneyTransactionSplits } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { createBudget } from '@/lib/money/budgets/budgets';
import { createSavedFilter, getSavedFilterOrThrow } from '@/lib/money/filters/saved-filters';
import { createRule } from '@/lib/money/rules/rules';
import { createTag, deleteTag, listTags, tagNames, updateTag } from '@/lib/money/tags';
import { createTransaction } from '@/lib/money/transactions/transactions';
import { audits, cacheVersion, failure, household, meta, seedRows } from './support';

// Buckets and occasion tags by name: renaming rewrites every transaction, split line, rule,
// budget and saved filter that names it; deleting takes it off (buckets fall back to none).

const tagRow = async (ctx: TenantContext, namespace: string, name: string) =>
  (await withTenant(ctx, (tx) => tx.select().from(moneyTags).where(and(eq(moneyTags.namespace, namespace), eq(moneyTags.name, name)))))[0];

const labels = (ctx: TenantContext, ids: string[]) =>
  withTenant(ctx, (tx) =>
    tx.select({ payee: moneyTransactions.payee, bucket: moneyTransactions.bucket, tags: moneyTransactions.tags }).from(moneyTransactions).where(inArray(moneyTransactions.id, ids)).orderBy(asc(moneyTransactions.payee)),
  );

describe('tags', () => {
  it('creates buckets and occasion tags with their namespace spelling, refuses duplicates and reserved prefixes', async () => {
    const h = await household();
    const v0 = await cacheVersion(h.ctx);
    const bucket = await withTenant(h.ctx, (tx) => createTag(tx, h.ctx, { namespace: 'bucket', name: 'bucket:Home Improvement', color: '#112233' }));
    expect(bucket).toMatchObject({ namespace: 'bucket', name: 'home-improvement', color: '#112233' });
    const occasion = await withTenant(h.ctx, (tx) => createTag(tx, h.ctx, { namespace: 'occasion', name: 'occasion:Vacation 2026' }));
    expect(occasion).toMatchObject({ namespace: 'occasion', name: 'vacation-2026', sortOrder: 0 });
    expect(await cacheVersion(h.ctx)).toBe(v0 + 2);
    expect((await failure(withTenant(h.ctx, (tx) => createTag(tx, h.ctx, { namespace: 'bucket', name: 'Groceries' })))).code).toBe('conflict');
    expect((await failure(withTenant(h.ctx, (tx) => createTag(tx, h.ctx, { namespace: 'occasion', name: 'bucket:groceries' })))).details?.fields).toHaveProperty('name');
    expect((await failure(withTenant(h.ctx, (tx) => createTag(tx, h.ctx, { namespace: 'account', name: 'x' })))).code).toBe('validation_failed');
    expect(await withTenant(h.ctx, (tx) => tagNames(tx, 'occasion'))).toEqual(['vacation-2026']);
    expect(await withTenant(h.ctx, (tx) => tagNames(tx, 'bucket'))).toContain('home-improvement');
    // The account tag follows the account's name.
    expect(await tagRow(h.ctx, 'account', 'checking')).toMatchObject({ accountId: h.checking.id });
  });

  it('lists each tag with how many transactions carry it (an account tag: its account’s)', async () => {
    const h = await household();
    await seedRows(h.ctx, [
      { accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -1n, payee: 'A', bucket: 'dining', tags: ['party', 'work'] },
      { accountId: h.checking.id, bookedOn: '2026-03-02', amountMinor: -1n, payee: 'B', bucket: 'dining', tags: ['party'] },
    ]);
    await withTenant(h.ctx, (tx) => createTag(tx, h.ctx, { namespace: 'occasion', name: 'party' }));
    const tags = await withTenant(h.ctx, (tx) => listTags(tx));
    const use = (namespace: string, name: string) => tags.find((t) => t.namespace === namespace && t.name === name)?.transactions;
    expect(use('bucket', 'dining')).toBe(2);
    expect(use('bucket', 'groceries')).toBe(0);
    expect(use('occasion', 'party')).toBe(2);
    expect(use('account', 'checking')).toBe(2);
    expect((await withTenant(h.ctx, (tx) => listTags(tx, 'occasion'))).map((t) => t.name)).toEqual(['party']);
  });

  it('renames a bucket everywhere it is named: transactions, split lines, budgets, rules and saved filters', async () => {
    const h = await household();
    const [row] = await seedRows(h.ctx, [{ accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -100n, payee: 'A', bucket: 'dining' }]);
    const split = await withTenant(h.ctx, (tx) => createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-03-02', amount: '-10', payee: 'B', splits: [{ bucket: 'dining', amount: '-5' }, { bucket: 'travel', amount: '-5' }] }, meta));
    const budget = await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { bucket: 'dining', amount: '100', currency: 'USD' }, meta));
    const rule = await withTenant(h.ctx, (tx) => createRule(tx, h.ctx, { name: 'Cafe', conditions: [{ field: 'payee', op: 'contains', value: 'cafe' }], actions: [{ type: 'set_bucket', bucket: 'dining' }] }, meta));
    const saved = await withTenant(h.ctx, (tx) => createSavedFilter(tx, h.ctx, { name: 'Eating', filter: { buckets: ['dining', 'groceries'] } }));
    const tag = (await tagRow(h.ctx, 'bucket', 'dining'))!;
    const v0 = await cacheVersion(h.ctx);

    const renamed = await withTenant(h.ctx, (tx) => updateTag(tx, h.ctx, tag.id, { name: 'Eating Out', color: '#000000' }, meta));
    expect(renamed).toMatchObject({ name: 'eating-out', color: '#000000' });
    expect((await labels(h.ctx, [row!.id]))[0]!.bucket).toBe('eating-out');
    const splits = await withTenant(h.ctx, (tx) => tx.select({ bucket: moneyTransactionSplits.bucket }).from(moneyTransactionSplits).where(eq(moneyTransactionSplits.transactionId, split.id)).orderBy(asc(moneyTransactionSplits.position)));
    expect(splits).toEqual([{ bucket: 'eating-out' }, { bucket: 'travel' }]);
    const [budgetRow] = await withTenant(h.ctx, (tx) => tx.select({ bucket: moneyBudgets.bucket }).from(moneyBudgets).where(eq(moneyBudgets.id, budget.id)));
    expect(budgetRow!.bucket).toBe('eating-out');
    const [ruleRow] = await withTenant(h.ctx, (tx) => tx.select({ actions: moneyRules.actions }).from(moneyRules).where(eq(moneyRules.id, rule.id)));
    expect(ruleRow!.actions).toEqual([{ type: 'set_bucket', bucket: 'eating-out' }]);
    expect((await withTenant(h.ctx, (tx) => getSavedFilterOrThrow(tx, saved.id))).filter).toEqual({ buckets: ['eating-out', 'groceries'] });
    expect(await cacheVersion(h.ctx)).toBe(v0 + 1);
    expect(await audits(h.ctx, 'money.tag_renamed')).toEqual([expect.objectContaining({ targetId: tag.id, metadata: { namespace: 'bucket', from: 'dining', to: 'eating-out' } })]);

    // Renaming onto a taken name, renaming none and renaming an account tag are refused.
    const groceries = (await tagRow(h.ctx, 'bucket', 'groceries'))!;
    expect((await failure(withTenant(h.ctx, (tx) => updateTag(tx, h.ctx, groceries.id, { name: 'eating-out' }, meta)))).code).toBe('conflict');
    const none = (await tagRow(h.ctx, 'bucket', 'none'))!;
    expect((await failure(withTenant(h.ctx, (tx) => updateTag(tx, h.ctx, none.id, { name: 'unfiled' }, meta)))).details?.fields).toHaveProperty('name');
    const account = (await tagRow(h.ctx, 'account', 'checking'))!;
    expect((await failure(withTenant(h.ctx, (tx) => updateTag(tx, h.ctx, account.id, { name: 'main' }, meta)))).details?.fields).toHaveProperty('name');
    expect(await withTenant(h.ctx, (tx) => updateTag(tx, h.ctx, account.id, { color: '#ffffff' }, meta))).toMatchObject({ name: 'checking', color: '#ffffff' });
  });

  it('renames an occasion tag on transactions keeping their order, and in rules and saved filters', async () => {
    const h = await household();
    const [a, b] = await seedRows(h.ctx, [
      { accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -1n, payee: 'A', tags: ['work', 'trip', 'gift'] },
      { accountId: h.checking.id, bookedOn: '2026-03-02', amountMinor: -1n, payee: 'B', tags: ['gift'] },
    ]);
    await withTenant(h.ctx, (tx) => createRule(tx, h.ctx, { name: 'Tagger', conditions: [{ field: 'payee', op: 'contains', value: 'x' }], actions: [{ type: 'add_tags', tags: ['trip', 'gift'] }] }, meta));
    const saved = await withTenant(h.ctx, (tx) => createSavedFilter(tx, h.ctx, { name: 'Trips', filter: { tags: ['trip'], excludeTags: ['work'] } }));
    // Saving the rule listed its tags.
    const trip = (await tagRow(h.ctx, 'occasion', 'trip'))!;
    await withTenant(h.ctx, (tx) => updateTag(tx, h.ctx, trip.id, { name: 'Holiday' }, meta));
    expect(await labels(h.ctx, [a!.id, b!.id])).toEqual([
      { payee: 'A', bucket: 'none', tags: ['work', 'holiday', 'gift'] },
      { payee: 'B', bucket: 'none', tags: ['gift'] },
    ]);
    const [ruleRow] = await withTenant(h.ctx, (tx) => tx.select({ actions: moneyRules.actions }).from(moneyRules));
    expect(ruleRow!.actions).toEqual([{ type: 'add_tags', tags: ['holiday', 'gift'] }]);
    expect((await withTenant(h.ctx, (tx) => getSavedFilterOrThrow(tx, saved.id))).filter).toEqual({ tags: ['holiday'], excludeTags: ['work'] });
  });

  it('deletes a bucket (its transactions go back to none) and an occasion tag (taken off transactions, rules and filters)', async () => {
    const h = await household();
    const [a] = await seedRows(h.ctx, [{ accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -1n, payee: 'A', bucket: 'travel', tags: ['trip', 'gift'] }]);
    const rule = await withTenant(h.ctx, (tx) =>
      createRule(tx, h.ctx, { name: 'Both', conditions: [{ field: 'payee', op: 'contains', value: 'x' }], actions: [{ type: 'set_bucket', bucket: 'travel' }, { type: 'add_tags', tags: ['trip', 'gift'] }] }, meta),
    );
    const saved = await withTenant(h.ctx, (tx) => createSavedFilter(tx, h.ctx, { name: 'Trips', filter: { tags: ['trip'], buckets: ['travel'] } }));
    const travel = (await tagRow(h.ctx, 'bucket', 'travel'))!;
    const trip = (await tagRow(h.ctx, 'occasion', 'trip'))!;
    const v0 = await cacheVersion(h.ctx);
    await withTenant(h.ctx, (tx) => deleteTag(tx, h.ctx, travel.id, meta));
    await withTenant(h.ctx, (tx) => deleteTag(tx, h.ctx, trip.id, meta));
    expect(await labels(h.ctx, [a!.id])).toEqual([{ payee: 'A', bucket: 'none', tags: ['gift'] }]);
    const [ruleRow] = await withTenant(h.ctx, (tx) => tx.select({ actions: moneyRules.actions }).from(moneyRules).where(eq(moneyRules.id, rule.id)));
    expect(ruleRow!.actions).toEqual([{ type: 'add_tags', tags: ['gift'] }]);
    expect((await withTenant(h.ctx, (tx) => getSavedFilterOrThrow(tx, saved.id))).filter).toEqual({ tags: [], buckets: [] });
    expect(await tagRow(h.ctx, 'bucket', 'travel')).toBeUndefined();
    expect(await cacheVersion(h.ctx)).toBe(v0 + 2);
    expect((await audits(h.ctx, 'money.tag_deleted')).map((r) => r.metadata)).toEqual([
      { namespace: 'bucket', name: 'travel' },
      { namespace: 'occasion', name: 'trip' },
    ]);
  });

  it('refuses to delete none, an account tag, a bucket a budget watches, and a tag that is a rule’s only action', async () => {
    const h = await household();
    await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { bucket: 'groceries', amount: '100', currency: 'USD' }, meta));
    await withTenant(h.ctx, (tx) => createRule(tx, h.ctx, { name: 'Only dining', conditions: [{ field: 'payee', op: 'contains', value: 'x' }], actions: [{ type: 'set_bucket', bucket: 'dining' }] }, meta));
    for (const [namespace, name] of [['bucket', 'none'], ['account', 'checking'], ['bucket', 'groceries'], ['bucket', 'dining']] as const) {
      const tag = (await tagRow(h.ctx, namespace, name))!;
      const error = await failure(withTenant(h.ctx, (tx) => deleteTag(tx, h.ctx, tag.id, meta)));
      expect(error.code, name).toBe('conflict');
      expect(await tagRow(h.ctx, namespace, name), name).toBeDefined();
    }
  });
});
