import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RuleTransaction, applyRules } from '@/lib/money/rules/apply-rules';
import { previewApply } from '@/lib/money/rules/preview-apply';
import type { ActionInput, ConditionInput, StoredRule } from '@/lib/money/rules/rule-schema';
import { ACCOUNT_A, ACCOUNT_B, CAT_DINING, CAT_GROCERIES, NOW, rule } from './helpers';

// Properties of the engine over random transactions and random rules built from a small
// vocabulary (so rules often do match).

const WORDS = ['amzn', 'blue', 'bottle', 'shell', 'rent', 'sq', 'mktp'];
const text = fc.array(fc.constantFrom(...WORDS, '*', '#1234', 'US'), { maxLength: 5 }).map((parts) => parts.join(' '));

const transaction: fc.Arbitrary<RuleTransaction> = fc.record({
  payee: text,
  memo: fc.option(text, { nil: null }),
  merchant: fc.option(fc.constantFrom('Amazon', 'Blue Bottle', 'Shell'), { nil: null }),
  amountMinor: fc.bigInt({ min: -100_000n, max: 100_000n }),
  currency: fc.constantFrom('USD' as const, 'JPY' as const),
  accountId: fc.constantFrom(ACCOUNT_A, ACCOUNT_B),
});

const amount = fc.integer({ min: 0, max: 1000 }).map(String);
const condition: fc.Arbitrary<ConditionInput> = fc.oneof(
  fc.record({
    field: fc.constantFrom('payee' as const, 'memo' as const, 'merchant' as const),
    op: fc.constantFrom('contains' as const, 'equals' as const, 'starts_with' as const, 'regex' as const),
    value: fc.constantFrom(...WORDS, 'Amazon', 'blue bottle'),
    caseSensitive: fc.boolean(),
  }),
  fc.tuple(amount, amount).map(([a, b]): ConditionInput => ({ field: 'amount', op: 'between', min: String(Math.min(+a, +b)), max: String(Math.max(+a, +b)) })),
  amount.map((value): ConditionInput => ({ field: 'amount', op: 'equals', value })),
  fc.constantFrom('in' as const, 'out' as const).map((value): ConditionInput => ({ field: 'direction', value })),
  fc.subarray([ACCOUNT_A, ACCOUNT_B], { minLength: 1 }).map((accountIds): ConditionInput => ({ field: 'account', accountIds })),
);

const tag = fc.constantFrom('trip', 'gift', 'work', 'kids', 'weekly');
const actions: fc.Arbitrary<ActionInput[]> = fc
  .record({
    category: fc.option(fc.constantFrom(CAT_GROCERIES, CAT_DINING), { nil: undefined }),
    bucket: fc.option(fc.constantFrom('groceries', 'dining', 'travel'), { nil: undefined }),
    tags: fc.uniqueArray(tag, { minLength: 1, maxLength: 3 }),
    merchant: fc.option(fc.constantFrom('Amazon', 'Blue Bottle'), { nil: undefined }),
    transfer: fc.boolean(),
    skip: fc.boolean(),
  })
  .map((a) => [
    { type: 'add_tags', tags: a.tags },
    ...(a.category ? [{ type: 'set_category' as const, categoryId: a.category }] : []),
    ...(a.bucket ? [{ type: 'set_bucket' as const, bucket: a.bucket }] : []),
    ...(a.merchant ? [{ type: 'set_merchant' as const, merchant: a.merchant }] : []),
    ...(a.transfer ? [{ type: 'mark_transfer' as const }] : []),
    ...(a.skip ? [{ type: 'skip' as const }] : []),
  ]);

const storedRule = (priority: fc.Arbitrary<number>) =>
  fc
    .record({ priority, match: fc.constantFrom('all' as const, 'any' as const), conditions: fc.array(condition, { minLength: 1, maxLength: 3 }), actions })
    .map((input) => rule(input));

/** A condition the transaction can't meet: an account it isn't in. */
const otherAccount = (t: RuleTransaction) => (t.accountId === ACCOUNT_A ? ACCOUNT_B : ACCOUNT_A);

describe('properties', () => {
  it('tags are the same set whatever the order of rules with equal priority', () => {
    fc.assert(
      fc.property(
        transaction,
        fc.array(storedRule(fc.constant(0)), { maxLength: 6 }).chain((rules) => fc.tuple(fc.constant(rules), fc.shuffledSubarray(rules, { minLength: rules.length }))),
        (t, [rules, shuffled]) => {
          // Same priority, and the order they were made in shuffled too: the input order and the age order both vary.
          const reaged: StoredRule[] = shuffled.map((r, i) => ({ ...r, createdAt: new Date(Date.UTC(2024, 0, 1) + i * 1000) }));
          const a = applyRules(t, rules, { now: NOW });
          const b = applyRules(t, reaged, { now: NOW });
          expect(new Set(b.tags)).toEqual(new Set(a.tags));
          expect(b.tags.length).toBe(new Set(b.tags).size);
          expect(new Set(b.matchedRuleIds)).toEqual(new Set(a.matchedRuleIds));
          expect(b.isTransfer).toBe(a.isTransfer);
          expect(b.skip).toBe(a.skip);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the input order never matters, only priority and age', () => {
    fc.assert(
      fc.property(
        transaction,
        fc.array(storedRule(fc.integer({ min: -2, max: 2 })), { maxLength: 6 }).chain((rules) => fc.tuple(fc.constant(rules), fc.shuffledSubarray(rules, { minLength: rules.length }))),
        (t, [rules, shuffled]) => {
          expect(applyRules(t, shuffled, { now: NOW })).toEqual(applyRules(t, rules, { now: NOW }));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the generated rules do match often (the properties are not vacuous)', () => {
    const samples = fc.sample(fc.tuple(transaction, fc.array(storedRule(fc.constant(0)), { minLength: 1, maxLength: 6 })), { numRuns: 300, seed: 42 });
    const matched = samples.filter(([t, rules]) => applyRules(t, rules, { now: NOW }).tags.length > 0).length;
    expect(matched).toBeGreaterThan(100);
  });

  it('a rule with no matching condition never changes anything', () => {
    fc.assert(
      fc.property(transaction, fc.array(storedRule(fc.integer({ min: -3, max: 3 })), { maxLength: 4 }), actions, fc.integer({ min: -5, max: 5 }), (t, rules, acts, priority) => {
        // "any" over conditions that all fail, and "all" with one that fails.
        const dead = [
          rule({ priority, match: 'any', conditions: [{ field: 'account', accountIds: [otherAccount(t)] }], actions: acts }),
          rule({
            priority,
            match: 'all',
            conditions: [{ field: 'payee', op: 'regex', value: '.*' }, { field: 'account', accountIds: [otherAccount(t)] }],
            actions: acts,
          }),
        ];
        expect(applyRules(t, [...rules, ...dead], { now: NOW })).toEqual(applyRules(t, rules, { now: NOW }));
        const existing = [{ ...t, id: 'x', categoryId: null, bucket: null, tags: [], isTransfer: false }];
        expect(previewApply(existing, dead, [], { onlyUnset: false }).changes).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
