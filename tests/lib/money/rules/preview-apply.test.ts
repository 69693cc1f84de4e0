import { describe, expect, it } from 'vitest';
import { type ExistingTransaction, previewApply } from '@/lib/money/rules/preview-apply';
import { CAT_DINING, CAT_GROCERIES, CAT_SHOPPING, alias, rule, tx } from './helpers';

function existing(id: string, overrides: Partial<ExistingTransaction> = {}): ExistingTransaction {
  return { ...tx(), id, categoryId: null, bucket: 'none', tags: [], isTransfer: false, ...overrides };
}

const wholeFoods = rule({
  conditions: [{ field: 'payee', op: 'contains', value: 'whole foods' }],
  actions: [{ type: 'set_category', categoryId: CAT_GROCERIES }, { type: 'set_bucket', bucket: 'groceries' }, { type: 'add_tags', tags: ['weekly-shop'] }],
});
const amazon = rule({ conditions: [{ field: 'merchant', op: 'equals', value: 'Amazon' }], actions: [{ type: 'set_category', categoryId: CAT_SHOPPING }] });
const autopay = rule({ conditions: [{ field: 'payee', op: 'contains', value: 'autopay' }], actions: [{ type: 'mark_transfer' }, { type: 'skip' }] });
const rules = [wholeFoods, amazon, autopay];
const aliases = [alias({ pattern: 'AMZN Mktp', merchant: 'Amazon' })];

const transactions = [
  existing('fresh'), // nothing set yet: everything fills
  existing('sorted', { categoryId: CAT_DINING, bucket: 'dining', tags: ['weekly-shop'], merchant: 'WFM' }), // sorted by hand
  existing('half', { bucket: 'groceries' }), // bucket set, category not
  existing('amzn', { payee: 'AMZN Mktp US*2K4AB1234' }),
  existing('amzn-named', { payee: 'AMZN Mktp US*9Q', merchant: 'Amazon Marketplace', categoryId: CAT_DINING }),
  existing('card', { payee: 'CHASE AUTOPAY', amountMinor: 50000n }),
  existing('other', { payee: 'CORNER STORE' }),
];

describe('previewApply', () => {
  it('onlyUnset fills what is unset and never overwrites', () => {
    const { changes, counts } = previewApply(transactions, rules, aliases, { onlyUnset: true });
    expect(Object.fromEntries(changes.map((c) => [c.id, c.after]))).toEqual({
      fresh: { categoryId: CAT_GROCERIES, bucket: 'groceries', tags: ['weekly-shop'], merchant: null, isTransfer: false },
      half: { categoryId: CAT_GROCERIES, bucket: 'groceries', tags: ['weekly-shop'], merchant: null, isTransfer: false },
      amzn: { categoryId: CAT_SHOPPING, bucket: 'none', tags: [], merchant: 'Amazon', isTransfer: false },
      card: { categoryId: null, bucket: 'none', tags: [], merchant: null, isTransfer: true },
    });
    expect(changes.find((c) => c.id === 'half')!.before).toEqual({ categoryId: null, bucket: 'groceries', tags: [], merchant: null, isTransfer: false });
    expect(changes.find((c) => c.id === 'card')!.matchedRuleIds).toEqual([autopay.id]);
    expect(counts).toEqual({ transactions: 4, category: 3, bucket: 1, tags: 2, merchant: 1, transfer: 1 });
  });

  it('without onlyUnset (one rule applied explicitly) it may overwrite', () => {
    const { changes, counts } = previewApply(transactions, rules, aliases, { onlyUnset: false });
    const after = Object.fromEntries(changes.map((c) => [c.id, c.after]));
    expect(Object.keys(after)).toEqual(['fresh', 'sorted', 'half', 'amzn', 'amzn-named', 'card']);
    // The hand-sorted one is overwritten; its tag was already there, its merchant stays (no rule renames it).
    expect(after.sorted).toEqual({ categoryId: CAT_GROCERIES, bucket: 'groceries', tags: ['weekly-shop'], merchant: 'WFM', isTransfer: false });
    // The alias replaces a merchant that is set, and the rule then sees "Amazon".
    expect(after['amzn-named']).toEqual({ categoryId: CAT_SHOPPING, bucket: 'none', tags: [], merchant: 'Amazon', isTransfer: false });
    expect(counts).toEqual({ transactions: 6, category: 5, bucket: 2, tags: 2, merchant: 2, transfer: 1 });

    const one = previewApply(transactions, [amazon], aliases, { onlyUnset: false });
    expect(one.counts).toEqual({ transactions: 2, category: 2, bucket: 0, tags: 0, merchant: 2, transfer: 0 });
  });

  it('existing tags are kept and duplicates never count as a change', () => {
    const { changes, counts } = previewApply([existing('t', { tags: ['trip', 'weekly-shop'] })], rules, [], { onlyUnset: true });
    expect(changes[0]!.after.tags).toEqual(['trip', 'weekly-shop']);
    expect(counts.tags).toBe(0);
    expect(counts.category).toBe(1);
  });

  it('no rules, or rules that match nothing: no changes', () => {
    expect(previewApply(transactions, [], [], { onlyUnset: false })).toEqual({
      changes: [],
      counts: { transactions: 0, category: 0, bucket: 0, tags: 0, merchant: 0, transfer: 0 },
    });
    expect(previewApply([existing('x', { payee: 'NOTHING' })], rules, aliases, { onlyUnset: false }).changes).toEqual([]);
  });
});
