import { asc, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moneyMerchantAliases, moneyTransactions } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { aliasSuggestions, applyAliasesToExisting, createAlias, deleteAlias, dryRunAliases, getAliasOrThrow, listAliases, merchantTotals, updateAlias } from '@/lib/money/rules/aliases';
import { audits, cacheVersion, failure, household, meta, seedRows } from './support';

// Merchant aliases: CRUD (pattern unique per kind), the dry run a person sees before applying
// (saved aliases or one draft), the apply itself, suggestions, and the merchants list.

const merchants = (ctx: TenantContext, ids: string[]) =>
  withTenant(ctx, (tx) =>
    tx.select({ payee: moneyTransactions.payee, merchant: moneyTransactions.merchant }).from(moneyTransactions).where(inArray(moneyTransactions.id, ids)).orderBy(asc(moneyTransactions.bookedOn)),
  );

describe('merchant aliases', () => {
  it('creates, lists by priority, updates, refuses a duplicate pattern and deletes, bumping the cache and auditing', async () => {
    const h = await household();
    const v0 = await cacheVersion(h.ctx);
    const amazon = await withTenant(h.ctx, (tx) => createAlias(tx, h.ctx, { pattern: 'AMZN Mktp', merchant: 'Amazon' }, meta));
    const square = await withTenant(h.ctx, (tx) => createAlias(tx, h.ctx, { pattern: '^SQ \\*', kind: 'regex', merchant: 'Square', priority: 5 }, meta));
    expect(amazon).toMatchObject({ kind: 'contains', priority: 0, matchCount: 0 });
    expect((await withTenant(h.ctx, (tx) => listAliases(tx))).map((a) => a.merchant)).toEqual(['Square', 'Amazon']);
    expect((await failure(withTenant(h.ctx, (tx) => createAlias(tx, h.ctx, { pattern: 'AMZN Mktp', merchant: 'Other' }, meta)))).code).toBe('conflict');
    expect((await failure(withTenant(h.ctx, (tx) => updateAlias(tx, h.ctx, square.id, { pattern: 'AMZN Mktp', merchant: 'Square' }, meta)))).code).toBe('conflict');
    expect((await failure(withTenant(h.ctx, (tx) => createAlias(tx, h.ctx, { pattern: '(a+)+', kind: 'regex', merchant: 'X' }, meta)))).details?.fields).toHaveProperty('pattern');
    const changed = await withTenant(h.ctx, (tx) => updateAlias(tx, h.ctx, amazon.id, { pattern: 'amzn', merchant: 'Amazon.com', priority: 9 }, meta));
    expect(changed).toMatchObject({ pattern: 'amzn', merchant: 'Amazon.com', priority: 9, kind: 'contains' });
    await withTenant(h.ctx, (tx) => deleteAlias(tx, h.ctx, square.id, meta));
    expect((await failure(withTenant(h.ctx, (tx) => getAliasOrThrow(tx, square.id)))).code).toBe('not_found');
    expect(await cacheVersion(h.ctx)).toBe(v0 + 4);
    expect((await audits(h.ctx)).filter((a) => a.action.startsWith('money.merchant_alias')).map((a) => a.action)).toEqual([
      'money.merchant_alias_created',
      'money.merchant_alias_created',
      'money.merchant_alias_updated',
      'money.merchant_alias_deleted',
    ]);
    const other = await household();
    expect((await failure(withTenant(other.ctx, (tx) => deleteAlias(tx, other.ctx, amazon.id, meta)))).code).toBe('not_found');
  });

  it('dry-runs a draft or the saved aliases (first by priority wins) without writing, then applies exactly that', async () => {
    const h = await household();
    const [a, b, c, d] = await seedRows(h.ctx, [
      { accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -1_000n, payee: 'AMZN Mktp US*2K4AB1234' },
      { accountId: h.checking.id, bookedOn: '2026-03-02', amountMinor: -2_000n, payee: 'amzn   mktp us*99' },
      { accountId: h.checking.id, bookedOn: '2026-03-03', amountMinor: -500n, payee: 'SQ *BLUE BOTTLE', merchant: 'Blue Bottle' },
      { accountId: h.checking.id, bookedOn: '2026-03-04', amountMinor: -500n, payee: 'AMAZON PRIME', merchant: 'Amazon' },
    ]);
    const draft = await withTenant(h.ctx, (tx) => dryRunAliases(tx, { pattern: 'amzn mktp', merchant: 'Amazon' }));
    expect(draft.count).toBe(2);
    expect(draft.sample.map((s) => [s.payee, s.before, s.after])).toEqual([
      ['amzn   mktp us*99', null, 'Amazon'],
      ['AMZN Mktp US*2K4AB1234', null, 'Amazon'],
    ]);
    const low = await withTenant(h.ctx, (tx) => createAlias(tx, h.ctx, { pattern: 'amzn', merchant: 'Amazon' }, meta));
    const high = await withTenant(h.ctx, (tx) => createAlias(tx, h.ctx, { pattern: 'US\\*2K4', kind: 'regex', merchant: 'Amazon Marketplace', priority: 3 }, meta));
    // Already right: no change for the rows whose merchant matches.
    await withTenant(h.ctx, (tx) => createAlias(tx, h.ctx, { pattern: 'sq *blue bottle', kind: 'exact', merchant: 'Blue Bottle' }, meta));
    const dry = await withTenant(h.ctx, (tx) => dryRunAliases(tx));
    expect(dry.sample.map((s) => [s.payee, s.after, s.aliasId])).toEqual([
      ['amzn   mktp us*99', 'Amazon', low.id],
      ['AMZN Mktp US*2K4AB1234', 'Amazon Marketplace', high.id],
    ]);
    expect(await merchants(h.ctx, [a!.id])).toEqual([{ payee: 'AMZN Mktp US*2K4AB1234', merchant: null }]);

    const v0 = await cacheVersion(h.ctx);
    expect(await withTenant(h.ctx, (tx) => applyAliasesToExisting(tx, h.ctx, meta))).toEqual({ updated: dry.count });
    expect(await merchants(h.ctx, [a!.id, b!.id, c!.id, d!.id])).toEqual([
      { payee: 'AMZN Mktp US*2K4AB1234', merchant: 'Amazon Marketplace' },
      { payee: 'amzn   mktp us*99', merchant: 'Amazon' },
      { payee: 'SQ *BLUE BOTTLE', merchant: 'Blue Bottle' },
      { payee: 'AMAZON PRIME', merchant: 'Amazon' },
    ]);
    const counts = await withTenant(h.ctx, (tx) => tx.select({ id: moneyMerchantAliases.id, n: moneyMerchantAliases.matchCount }).from(moneyMerchantAliases).where(inArray(moneyMerchantAliases.id, [low.id, high.id])));
    expect(Object.fromEntries(counts.map((r) => [r.id, r.n]))).toEqual({ [low.id]: 1, [high.id]: 1 });
    expect(await cacheVersion(h.ctx)).toBe(v0 + 1);
    expect(await audits(h.ctx, 'money.merchant_aliases_applied')).toEqual([expect.objectContaining({ metadata: { updated: 2 } })]);
    expect(await withTenant(h.ctx, (tx) => applyAliasesToExisting(tx, h.ctx, meta))).toEqual({ updated: 0 });
    expect(await cacheVersion(h.ctx)).toBe(v0 + 1);
  });

  it('suggests aliases for payees seen three times or more that no alias maps yet', async () => {
    const h = await household();
    await seedRows(h.ctx, [
      ...['#1001', '#1002', '#1003'].map((n, i) => ({ accountId: h.checking.id, bookedOn: `2026-03-0${i + 1}`, amountMinor: -100n, payee: `NETFLIX.COM ${n}` })),
      ...[1, 2, 3].map((i) => ({ accountId: h.checking.id, bookedOn: `2026-03-1${i}`, amountMinor: -100n, payee: `SPOTIFY P${i}` })),
      ...[1, 2].map((i) => ({ accountId: h.checking.id, bookedOn: `2026-03-2${i}`, amountMinor: -100n, payee: 'RARE SHOP' })),
    ]);
    await withTenant(h.ctx, (tx) => createAlias(tx, h.ctx, { pattern: 'spotify', merchant: 'Spotify' }, meta));
    const suggestions = await withTenant(h.ctx, (tx) => aliasSuggestions(tx));
    expect(suggestions).toEqual([{ pattern: 'NETFLIX.COM', kind: 'contains', merchant: 'Netflix.com', count: 3 }]);
  });

  it('lists merchants with their totals per currency, transfers left out, the biggest spender first', async () => {
    const h = await household();
    await seedRows(h.ctx, [
      { accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -1_000n, payee: 'AMZN 1', merchant: 'Amazon' },
      { accountId: h.checking.id, bookedOn: '2026-03-05', amountMinor: -2_500n, payee: 'AMZN 2', merchant: 'amazon' },
      { accountId: h.checking.id, bookedOn: '2026-03-06', amountMinor: 500n, payee: 'AMZN REFUND', merchant: 'Amazon' },
      { accountId: h.checking.id, bookedOn: '2026-03-02', amountMinor: -900n, payee: 'Corner Shop' },
      { accountId: h.checking.id, bookedOn: '2026-03-03', amountMinor: -99_999n, payee: 'TRANSFER', isTransfer: true },
    ]);
    const totals = await withTenant(h.ctx, (tx) => merchantTotals(tx));
    expect(totals).toEqual([
      { merchant: 'Amazon', currency: 'USD', count: 3, spentMinor: 3_500n, receivedMinor: 500n, lastSeen: '2026-03-06' },
      { merchant: 'Corner Shop', currency: 'USD', count: 1, spentMinor: 900n, receivedMinor: 0n, lastSeen: '2026-03-02' },
    ]);
    const one = await withTenant(h.ctx, (tx) => merchantTotals(tx, { limit: 1 }));
    expect(one.map((m) => m.merchant)).toEqual(['Amazon']);
  });
});
