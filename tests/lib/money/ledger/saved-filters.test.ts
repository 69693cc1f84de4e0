import { describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import { createSavedFilter, deleteSavedFilter, getSavedFilterOrThrow, listSavedFilters, updateSavedFilter, useSavedFilter } from '@/lib/money/filters/saved-filters';
import { listTransactions } from '@/lib/money/transactions/list-transactions';
import { failure, household, seedRows } from './support';

// Saved filters, shared in the workspace: stored as JSON (bigints as text) and read back as the
// same filter, pinned first then the most used, names unique per workspace.

describe('saved filters', () => {
  it('saves a filter, reads it back with its amounts as bigints, and applies it to the ledger', async () => {
    const h = await household();
    await seedRows(h.ctx, [
      { accountId: h.checking.id, bookedOn: '2026-03-10', amountMinor: -6_000n, payee: 'BIG SHOP', tags: ['party'] },
      { accountId: h.checking.id, bookedOn: '2026-03-11', amountMinor: -500n, payee: 'SMALL SHOP', tags: ['party'] },
    ]);
    const saved = await withTenant(h.ctx, (tx) =>
      createSavedFilter(tx, h.ctx, { name: ' Big party spends ', filter: { tags: ['Party'], amountMax: '-5000', accounts: [h.checking.id] } }),
    );
    expect(saved).toMatchObject({ name: 'Big party spends', pinned: false, useCount: 0, createdBy: h.ctx.userId, filter: { tags: ['party'], amountMax: -5_000n, accounts: [h.checking.id] } });
    const used = await withTenant(h.ctx, (tx) => useSavedFilter(tx, saved.id));
    expect(used.useCount).toBe(1);
    const page = await withTenant(h.ctx, (tx) => listTransactions(tx, { filter: used.filter, today: '2026-03-31', limit: 10 }));
    expect(page.rows.map((r) => r.payee)).toEqual(['BIG SHOP']);
  });

  it('lists pinned first, then by use, then by name; renames, refuses a taken name, deletes', async () => {
    const h = await household();
    const make = (name: string, pinned = false) => withTenant(h.ctx, (tx) => createSavedFilter(tx, h.ctx, { name, filter: {}, pinned }));
    const a = await make('Alpha');
    const b = await make('Bravo');
    const c = await make('Charlie', true);
    await withTenant(h.ctx, async (tx) => {
      await useSavedFilter(tx, b.id);
      await useSavedFilter(tx, b.id);
    });
    expect((await withTenant(h.ctx, (tx) => listSavedFilters(tx))).map((f) => f.name)).toEqual(['Charlie', 'Bravo', 'Alpha']);

    const clash = await failure(make('Alpha'));
    expect(clash.code).toBe('conflict');
    const renameClash = await failure(withTenant(h.ctx, (tx) => updateSavedFilter(tx, a.id, { name: 'Bravo' })));
    expect(renameClash.code).toBe('conflict');
    const renamed = await withTenant(h.ctx, (tx) => updateSavedFilter(tx, a.id, { name: 'Alpha', pinned: true, filter: { buckets: ['dining'] } }));
    expect(renamed).toMatchObject({ name: 'Alpha', pinned: true, filter: { buckets: ['dining'] } });
    expect((await withTenant(h.ctx, (tx) => listSavedFilters(tx))).map((f) => f.name)).toEqual(['Alpha', 'Charlie', 'Bravo']);

    await withTenant(h.ctx, (tx) => deleteSavedFilter(tx, c.id));
    expect((await failure(withTenant(h.ctx, (tx) => getSavedFilterOrThrow(tx, c.id)))).code).toBe('not_found');
    expect((await failure(withTenant(h.ctx, (tx) => deleteSavedFilter(tx, c.id)))).code).toBe('not_found');
  });

  it('refuses an invalid filter with the field named, and keeps workspaces apart', async () => {
    const h = await household();
    const other = await household();
    const bad = await failure(withTenant(h.ctx, (tx) => createSavedFilter(tx, h.ctx, { name: 'Bad', filter: { amountMin: 10, amountMax: 1 } })));
    expect(bad.details?.fields).toHaveProperty(['filter.amountMax']);
    const mine = await withTenant(h.ctx, (tx) => createSavedFilter(tx, h.ctx, { name: 'Same name', filter: {} }));
    // Another workspace may use the same name and cannot see, use or delete this one.
    await withTenant(other.ctx, (tx) => createSavedFilter(tx, other.ctx, { name: 'Same name', filter: {} }));
    expect((await failure(withTenant(other.ctx, (tx) => useSavedFilter(tx, mine.id)))).code).toBe('not_found');
    expect((await failure(withTenant(other.ctx, (tx) => deleteSavedFilter(tx, mine.id)))).code).toBe('not_found');
    expect((await withTenant(other.ctx, (tx) => listSavedFilters(tx))).map((f) => f.id)).not.toContain(mine.id);
  });
});
