import { asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moneyRules, moneyTransactions } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { createAlias } from '@/lib/money/rules/aliases';
import { applyRulesToExisting, createRule, deleteRule, getRuleOrThrow, listRules, previewApplyRules, setRuleEnabled, testRule, testSavedRule, updateRule, TEST_MATCH_LIMIT } from '@/lib/money/rules/rules';
import type { RuleInput } from '@/lib/money/rules/rule-schema';
import { audits, cacheVersion, changedEvents, failure, household, meta, seedRows } from './support';

// Saved rules against the real tables: CRUD with the workspace's categories and accounts
// checked, the test (≤ 50 matches), and "apply to existing" whose preview count is the count
// written — all rules fill only what is unset, first match wins for the category, tags accumulate;
// one rule applied explicitly overwrites.

const contains = (value: string) => ({ field: 'payee' as const, op: 'contains' as const, value });
const save = (ctx: TenantContext, input: RuleInput) => withTenant(ctx, (tx) => createRule(tx, ctx, input, meta));

const labelsOf = (ctx: TenantContext, ids: string[]) =>
  withTenant(ctx, (tx) =>
    tx
      .select({ payee: moneyTransactions.payee, categoryId: moneyTransactions.categoryId, bucket: moneyTransactions.bucket, tags: moneyTransactions.tags, merchant: moneyTransactions.merchant, isTransfer: moneyTransactions.isTransfer })
      .from(moneyTransactions)
      .where(inArray(moneyTransactions.id, ids))
      .orderBy(asc(moneyTransactions.bookedOn)),
  );

describe('rule CRUD', () => {
  it('creates, lists by priority then age, updates, disables and deletes, bumping the cache and auditing each', async () => {
    const h = await household();
    const v0 = await cacheVersion(h.ctx);
    const low = await save(h.ctx, { name: 'Low', priority: 1, conditions: [contains('a')], actions: [{ type: 'set_bucket', bucket: 'Dining' }] });
    const high = await save(h.ctx, { name: 'High', priority: 5, conditions: [contains('b')], actions: [{ type: 'add_tags', tags: ['New Tag'] }] });
    const lowToo = await save(h.ctx, { name: 'Low too', priority: 1, conditions: [contains('c')], actions: [{ type: 'mark_transfer' }] });
    expect((await withTenant(h.ctx, (tx) => listRules(tx))).map((r) => r.name)).toEqual(['High', 'Low', 'Low too']);
    expect(low).toMatchObject({ match: 'all', enabled: true, createdBy: h.ctx.userId, actions: [{ type: 'set_bucket', bucket: 'dining' }] });

    const updated = await withTenant(h.ctx, (tx) => updateRule(tx, h.ctx, low.id, { name: 'Lowest', priority: 0, match: 'any', conditions: [contains('a'), contains('d')], actions: [{ type: 'set_merchant', merchant: 'Acme' }] }, meta));
    expect(updated).toMatchObject({ name: 'Lowest', priority: 0, match: 'any', actions: [{ type: 'set_merchant', merchant: 'Acme' }] });
    const disabled = await withTenant(h.ctx, (tx) => setRuleEnabled(tx, h.ctx, high.id, false, meta));
    expect(disabled.enabled).toBe(false);
    await withTenant(h.ctx, (tx) => deleteRule(tx, h.ctx, lowToo.id, meta));
    expect((await failure(withTenant(h.ctx, (tx) => getRuleOrThrow(tx, lowToo.id)))).code).toBe('not_found');
    expect(await cacheVersion(h.ctx)).toBe(v0 + 6);
    expect((await audits(h.ctx)).filter((a) => a.action.startsWith('money.rule')).map((a) => [a.action, a.metadata])).toEqual([
      ['money.rule_created', { name: 'Low' }],
      ['money.rule_created', { name: 'High' }],
      ['money.rule_created', { name: 'Low too' }],
      ['money.rule_updated', { name: 'Lowest' }],
      ['money.rule_updated', { name: 'High', enabled: false }],
      ['money.rule_deleted', { name: 'Low too' }],
    ]);
  });

  it('refuses another workspace’s category and account, naming the field, and hides its rules', async () => {
    const h = await household();
    const other = await household();
    const error = await failure(
      save(h.ctx, { name: 'X', conditions: [contains('a'), { field: 'account', accountIds: [other.checking.id] }], actions: [{ type: 'set_category', categoryId: other.category('Travel') }] }),
    );
    expect(Object.keys(error.details?.fields as object).sort()).toEqual(['actions.0.categoryId', 'conditions.1.accountIds']);
    const mine = await save(h.ctx, { name: 'Mine', conditions: [contains('a')], actions: [{ type: 'mark_transfer' }] });
    expect((await failure(withTenant(other.ctx, (tx) => deleteRule(tx, other.ctx, mine.id, meta)))).code).toBe('not_found');
    expect(await withTenant(other.ctx, (tx) => listRules(tx))).toEqual([]);
  });
});

describe('testing a rule', () => {
  it('lists the existing transactions a draft matches, newest first, at most 50', async () => {
    const h = await household();
    await seedRows(h.ctx, [
      ...Array.from({ length: TEST_MATCH_LIMIT + 2 }, (_, i) => ({ accountId: h.checking.id, bookedOn: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, amountMinor: BigInt(-100 - i), payee: `COFFEE ${i}` })),
      { accountId: h.checking.id, bookedOn: '2026-02-01', amountMinor: -1n, payee: 'TEA' },
    ]);
    const many = await withTenant(h.ctx, (tx) => testRule(tx, { name: 'Coffee', conditions: [contains('coffee')], actions: [{ type: 'set_bucket', bucket: 'dining' }] }));
    expect(many.limited).toBe(true);
    expect(many.matches).toHaveLength(TEST_MATCH_LIMIT);
    expect(many.matches[0]!.bookedOn).toBe('2026-01-28');
    const saved = await save(h.ctx, { name: 'Tea', enabled: false, conditions: [contains('tea')], actions: [{ type: 'set_bucket', bucket: 'dining' }] });
    const tea = await withTenant(h.ctx, (tx) => testSavedRule(tx, saved.id));
    expect(tea).toMatchObject({ limited: false, matches: [expect.objectContaining({ payee: 'TEA' })] });
  });
});

describe('applying rules to existing transactions', () => {
  it('fills only what is unset: first match wins for the category, tags accumulate, aliases apply first, the preview counts what is written', async () => {
    const h = await household();
    const [coffee, filed, shop, none] = await seedRows(h.ctx, [
      { accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -450n, payee: 'SQ *BLUE BOTTLE 123', tags: ['work'] },
      { accountId: h.checking.id, bookedOn: '2026-03-02', amountMinor: -450n, payee: 'SQ *BLUE BOTTLE 456', categoryId: h.category('Groceries'), bucket: 'groceries', merchant: 'Mine' },
      { accountId: h.checking.id, bookedOn: '2026-03-03', amountMinor: -9_000n, payee: 'BIG SHOP' },
      { accountId: h.checking.id, bookedOn: '2026-03-04', amountMinor: -1n, payee: 'NOTHING' },
    ]);
    await withTenant(h.ctx, (tx) => createAlias(tx, h.ctx, { pattern: 'blue bottle', merchant: 'Blue Bottle' }, meta));
    const first = await save(h.ctx, {
      name: 'By merchant',
      priority: 10,
      conditions: [{ field: 'merchant', op: 'equals', value: 'blue bottle' }],
      actions: [{ type: 'set_category', categoryId: h.category('Eating out') }, { type: 'add_tags', tags: ['coffee'] }],
    });
    const second = await save(h.ctx, {
      name: 'Any spend',
      priority: 1,
      match: 'any',
      conditions: [contains('blue'), { field: 'amount', op: 'between', min: '50' }],
      actions: [{ type: 'set_category', categoryId: h.category('Shopping') }, { type: 'set_bucket', bucket: 'dining' }, { type: 'add_tags', tags: ['habit', 'coffee'] }],
    });
    await save(h.ctx, { name: 'Disabled', priority: 100, enabled: false, conditions: [contains('shop')], actions: [{ type: 'mark_transfer' }] });

    const preview = await withTenant(h.ctx, (tx) => previewApplyRules(tx, {}));
    expect(preview.counts).toEqual({ transactions: 3, category: 2, bucket: 2, tags: 3, merchant: 1, transfer: 0 });
    const v0 = await cacheVersion(h.ctx);
    const counts = await withTenant(h.ctx, (tx) => applyRulesToExisting(tx, h.ctx, {}, meta));
    expect(counts).toEqual(preview.counts);
    expect(await labelsOf(h.ctx, [coffee!.id, filed!.id, shop!.id, none!.id])).toEqual([
      { payee: 'SQ *BLUE BOTTLE 123', categoryId: h.category('Eating out'), bucket: 'dining', tags: ['work', 'coffee', 'habit'], merchant: 'Blue Bottle', isTransfer: false },
      // Already filed: category, bucket and merchant kept; only tags are added.
      { payee: 'SQ *BLUE BOTTLE 456', categoryId: h.category('Groceries'), bucket: 'groceries', tags: ['habit', 'coffee'], merchant: 'Mine', isTransfer: false },
      { payee: 'BIG SHOP', categoryId: h.category('Shopping'), bucket: 'dining', tags: ['habit', 'coffee'], merchant: null, isTransfer: false },
      { payee: 'NOTHING', categoryId: null, bucket: 'none', tags: [], merchant: null, isTransfer: false },
    ]);
    expect(await cacheVersion(h.ctx)).toBe(v0 + 1);
    expect(await changedEvents(h.ctx)).toEqual([{ tenantId: h.ctx.tenantId, from: '2026-03-01', to: '2026-03-03' }]);
    const rules = await withTenant(h.ctx, (tx) => tx.select({ id: moneyRules.id, matchCount: moneyRules.matchCount, lastMatchedAt: moneyRules.lastMatchedAt }).from(moneyRules).where(inArray(moneyRules.id, [first.id, second.id])));
    expect(Object.fromEntries(rules.map((r) => [r.id, r.matchCount]))).toEqual({ [first.id]: 1, [second.id]: 3 });
    expect(rules.every((r) => r.lastMatchedAt instanceof Date)).toBe(true);
    expect(await audits(h.ctx, 'money.rules_applied')).toEqual([expect.objectContaining({ metadata: { ...counts, mode: 'all_rules_fill_unset' } })]);

    // Applying again changes nothing.
    expect((await withTenant(h.ctx, (tx) => previewApplyRules(tx, {}))).counts.transactions).toBe(0);
    expect(await withTenant(h.ctx, (tx) => applyRulesToExisting(tx, h.ctx, {}, meta))).toMatchObject({ transactions: 0 });
    expect(await cacheVersion(h.ctx)).toBe(v0 + 1);
    expect(await changedEvents(h.ctx)).toHaveLength(1);
  });

  it('one rule applied explicitly overwrites what it sets, even while disabled, and marks transfers', async () => {
    const h = await household();
    const [a, b] = await seedRows(h.ctx, [
      { accountId: h.checking.id, bookedOn: '2026-03-01', amountMinor: -10_000n, payee: 'ONLINE TRANSFER', categoryId: h.category('Groceries'), bucket: 'groceries' },
      { accountId: h.checking.id, bookedOn: '2026-03-02', amountMinor: -10_000n, payee: 'OTHER' },
    ]);
    const rule = await save(h.ctx, {
      name: 'Transfers',
      enabled: false,
      conditions: [contains('transfer')],
      actions: [{ type: 'set_category', categoryId: h.category('Fees & interest') }, { type: 'set_bucket', bucket: 'none' }, { type: 'mark_transfer' }, { type: 'set_merchant', merchant: 'Savings' }],
    });
    const preview = await withTenant(h.ctx, (tx) => previewApplyRules(tx, { ruleId: rule.id }));
    expect(preview.counts).toEqual({ transactions: 1, category: 1, bucket: 1, tags: 0, merchant: 1, transfer: 1 });
    // The all-rules apply ignores the disabled rule.
    expect((await withTenant(h.ctx, (tx) => previewApplyRules(tx, {}))).counts.transactions).toBe(0);
    const counts = await withTenant(h.ctx, (tx) => applyRulesToExisting(tx, h.ctx, { ruleId: rule.id }, meta));
    expect(counts).toEqual(preview.counts);
    expect(await labelsOf(h.ctx, [a!.id, b!.id])).toEqual([
      { payee: 'ONLINE TRANSFER', categoryId: h.category('Fees & interest'), bucket: 'none', tags: [], merchant: 'Savings', isTransfer: true },
      { payee: 'OTHER', categoryId: null, bucket: 'none', tags: [], merchant: null, isTransfer: false },
    ]);
    expect(await audits(h.ctx, 'money.rules_applied')).toEqual([expect.objectContaining({ targetId: rule.id, metadata: expect.objectContaining({ mode: 'one_rule_overwrite', transactions: 1 }) })]);
    const [row] = await withTenant(h.ctx, (tx) => tx.select({ matchCount: moneyRules.matchCount }).from(moneyRules).where(eq(moneyRules.id, rule.id)));
    expect(row!.matchCount).toBe(1);
  });

  it('never reaches another workspace’s transactions', async () => {
    const h = await household();
    const other = await household();
    const [theirs] = await seedRows(other.ctx, [{ accountId: other.checking.id, bookedOn: '2026-03-01', amountMinor: -1n, payee: 'COFFEE' }]);
    await save(h.ctx, { name: 'Coffee', conditions: [contains('coffee')], actions: [{ type: 'set_bucket', bucket: 'dining' }] });
    expect(await withTenant(h.ctx, (tx) => applyRulesToExisting(tx, h.ctx, {}, meta))).toMatchObject({ transactions: 0 });
    expect((await labelsOf(other.ctx, [theirs!.id]))[0]!.bucket).toBe('none');
  });
});
