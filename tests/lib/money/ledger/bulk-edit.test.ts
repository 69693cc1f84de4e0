import { asc, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moneyTags, moneyTransactions } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { bulkEditTransactions } from '@/lib/money/transactions/bulk-edit';
import { audits, cacheVersion, changedEvents, failure, household, meta, seedRows } from './support';

// Bulk edit on a selection: one statement sets the category, bucket and merchant and adds or
// removes occasion tags, keeping their order; other workspaces' ids are not touched.

const rowsOf = (ctx: TenantContext, ids: string[]) =>
  withTenant(ctx, (tx) =>
    tx
      .select({ id: moneyTransactions.id, categoryId: moneyTransactions.categoryId, bucket: moneyTransactions.bucket, merchant: moneyTransactions.merchant, tags: moneyTransactions.tags })
      .from(moneyTransactions)
      .where(inArray(moneyTransactions.id, ids))
      .orderBy(asc(moneyTransactions.bookedOn)),
  );

describe('bulk edit', () => {
  it('sets category, bucket and merchant, adds and removes tags without duplicates, bumps the cache once and audits', async () => {
    const h = await household();
    const [a, b, c] = await seedRows(h.ctx, [
      { accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -100n, payee: 'A', tags: ['trip', 'gift'] },
      { accountId: h.checking.id, bookedOn: '2026-03-02', amountMinor: -200n, payee: 'B', tags: ['gift', 'work'] },
      { accountId: h.checking.id, bookedOn: '2026-03-03', amountMinor: -300n, payee: 'C', merchant: 'Keep', tags: [] },
    ]);
    const before = await cacheVersion(h.ctx);
    const result = await withTenant(h.ctx, (tx) =>
      bulkEditTransactions(tx, h.ctx, { ids: [a!.id, b!.id, b!.id], categoryId: h.category('Travel'), bucket: 'Travel', merchant: 'Airline', addTags: ['trip', 'Summer 2026'], removeTags: ['gift'] }, meta),
    );
    expect(result.updated).toBe(2);
    expect([...result.ids].sort()).toEqual([a!.id, b!.id].sort());
    expect(await rowsOf(h.ctx, [a!.id, b!.id, c!.id])).toEqual([
      { id: a!.id, categoryId: h.category('Travel'), bucket: 'travel', merchant: 'Airline', tags: ['trip', 'summer-2026'] },
      { id: b!.id, categoryId: h.category('Travel'), bucket: 'travel', merchant: 'Airline', tags: ['work', 'trip', 'summer-2026'] },
      { id: c!.id, categoryId: null, bucket: 'none', merchant: 'Keep', tags: [] },
    ]);
    expect(await cacheVersion(h.ctx)).toBe(before + 1);
    expect(await changedEvents(h.ctx)).toEqual([{ tenantId: h.ctx.tenantId, from: '2026-03-01', to: '2026-03-02' }]);
    expect(await audits(h.ctx, 'money.transactions_bulk_updated')).toEqual([
      expect.objectContaining({ metadata: { count: 2, categoryId: h.category('Travel'), bucket: 'travel', merchant: 'Airline', addTags: ['trip', 'summer-2026'], removeTags: ['gift'] } }),
    ]);
    const tags = await withTenant(h.ctx, (tx) => tx.select({ namespace: moneyTags.namespace, name: moneyTags.name }).from(moneyTags).where(inArray(moneyTags.name, ['summer-2026', 'trip', 'travel'])).orderBy(asc(moneyTags.name)));
    expect(tags).toEqual([
      { namespace: 'occasion', name: 'summer-2026' },
      { namespace: 'bucket', name: 'travel' },
      { namespace: 'occasion', name: 'trip' },
    ]);
  });

  it('clears the category and merchant with null, and only removes a tag', async () => {
    const h = await household();
    const [a] = await seedRows(h.ctx, [{ accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -100n, payee: 'A', merchant: 'M', categoryId: h.category('Groceries'), bucket: 'groceries', tags: ['x', 'y', 'x2'] }]);
    await withTenant(h.ctx, (tx) => bulkEditTransactions(tx, h.ctx, { ids: [a!.id], categoryId: null, merchant: '', removeTags: ['y'] }, meta));
    expect(await rowsOf(h.ctx, [a!.id])).toEqual([{ id: a!.id, categoryId: null, bucket: 'groceries', merchant: null, tags: ['x', 'x2'] }]);
  });

  it('handles tags that need quoting in an array literal', async () => {
    const h = await household();
    const [a] = await seedRows(h.ctx, [{ accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -100n, payee: 'A', tags: ['café'] }]);
    await withTenant(h.ctx, (tx) => bulkEditTransactions(tx, h.ctx, { ids: [a!.id], addTags: ['naïve-2026', 'a_b'], removeTags: ['café'] }, meta));
    expect((await rowsOf(h.ctx, [a!.id]))[0]!.tags).toEqual(['naïve-2026', 'a_b']);
  });

  it('leaves another workspace’s rows alone and changes nothing (no bump) when nothing matches', async () => {
    const h = await household();
    const other = await household();
    const [theirs] = await seedRows(other.ctx, [{ accountId: other.checking.id, bookedOn: '2026-03-01', amountMinor: -100n, payee: 'A' }]);
    const before = await cacheVersion(h.ctx);
    const result = await withTenant(h.ctx, (tx) => bulkEditTransactions(tx, h.ctx, { ids: [theirs!.id], bucket: 'travel' }, meta));
    expect(result).toEqual({ updated: 0, ids: [] });
    expect(await cacheVersion(h.ctx)).toBe(before);
    expect(await changedEvents(h.ctx)).toEqual([]);
    expect((await rowsOf(other.ctx, [theirs!.id]))[0]!.bucket).toBe('none');
  });

  it('refuses an empty change, an empty selection and another workspace’s category', async () => {
    const h = await household();
    const other = await household();
    const [a] = await seedRows(h.ctx, [{ accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -100n, payee: 'A' }]);
    const nothing = await failure(withTenant(h.ctx, (tx) => bulkEditTransactions(tx, h.ctx, { ids: [a!.id] }, meta)));
    expect(nothing.details?.fields).toHaveProperty('form');
    const none = await failure(withTenant(h.ctx, (tx) => bulkEditTransactions(tx, h.ctx, { ids: [], bucket: 'travel' }, meta)));
    expect(none.details?.fields).toHaveProperty('ids');
    const theirs = await failure(withTenant(h.ctx, (tx) => bulkEditTransactions(tx, h.ctx, { ids: [a!.id], categoryId: other.category('Travel') }, meta)));
    expect(theirs.details?.fields).toHaveProperty('categoryId');
  });
});
