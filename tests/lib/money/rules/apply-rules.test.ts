import { describe, expect, it } from 'vitest';
import { AliasSet, DEFAULT_BUCKETS, RuleSet, applyMerchantAliases, applyRules, defaultBucket, keywordBucket, merchantKey } from '@/lib/money/rules/apply-rules';
import type { ConditionInput } from '@/lib/money/rules/rule-schema';
import { ACCOUNT_A, ACCOUNT_B, CAT_DINING, CAT_GROCERIES, CAT_SHOPPING, NOW, alias, rule, tx } from './helpers';

/** Does a rule with this one condition match the transaction? */
function matches(condition: ConditionInput, overrides: Parameters<typeof tx>[0] = {}): boolean {
  const r = rule({ conditions: [condition], actions: [{ type: 'add_tags', tags: ['hit'] }] });
  return applyRules(tx(overrides), [r], { now: NOW }).matchedRuleIds.length === 1;
}

describe('text conditions', () => {
  it('contains, equals and starts with, case-insensitive by default and blind to runs of spaces', () => {
    expect(matches({ field: 'payee', op: 'contains', value: 'whole foods' })).toBe(true);
    expect(matches({ field: 'payee', op: 'contains', value: 'whole  foods' }, { payee: 'WHOLE   FOODS' })).toBe(true);
    expect(matches({ field: 'payee', op: 'contains', value: 'trader joe' })).toBe(false);
    expect(matches({ field: 'payee', op: 'equals', value: 'whole foods mkt #10234' })).toBe(true);
    expect(matches({ field: 'payee', op: 'equals', value: 'whole foods' })).toBe(false);
    expect(matches({ field: 'payee', op: 'starts_with', value: 'whole' })).toBe(true);
    expect(matches({ field: 'payee', op: 'starts_with', value: 'foods' })).toBe(false);
  });

  it('honours caseSensitive', () => {
    expect(matches({ field: 'payee', op: 'contains', value: 'whole foods', caseSensitive: true })).toBe(false);
    expect(matches({ field: 'payee', op: 'contains', value: 'WHOLE FOODS', caseSensitive: true })).toBe(true);
    expect(matches({ field: 'payee', op: 'regex', value: 'foods', caseSensitive: true })).toBe(false);
    expect(matches({ field: 'payee', op: 'regex', value: 'foods' })).toBe(true);
  });

  it('regex runs on the raw text', () => {
    expect(matches({ field: 'payee', op: 'regex', value: '^WHOLE FOODS MKT #\\d{5}$' })).toBe(true);
    expect(matches({ field: 'payee', op: 'regex', value: '#\\d{6}' })).toBe(false);
  });

  it('reads memo and merchant; a missing one matches nothing', () => {
    expect(matches({ field: 'memo', op: 'contains', value: 'invoice' }, { memo: 'Invoice 42' })).toBe(true);
    expect(matches({ field: 'memo', op: 'contains', value: 'invoice' })).toBe(false);
    expect(matches({ field: 'merchant', op: 'equals', value: 'whole foods' }, { merchant: 'Whole Foods' })).toBe(true);
    expect(matches({ field: 'merchant', op: 'regex', value: '.*' }, { merchant: null })).toBe(true); // '' matches .*
    expect(matches({ field: 'merchant', op: 'starts_with', value: 'w' }, { merchant: null })).toBe(false);
  });
});

describe('amount, direction and account', () => {
  const between = { field: 'amount', op: 'between', min: '10', max: '20.50' } as const;

  it('between compares |amount| inclusively at both ends', () => {
    for (const [amountMinor, expected] of [
      [-999n, false],
      [-1000n, true],
      [-1500n, true],
      [-2050n, true],
      [-2051n, false],
      [1000n, true],
      [2050n, true],
      [2051n, false],
      [999n, false],
    ] as const) {
      expect(matches(between, { amountMinor }), String(amountMinor)).toBe(expected);
    }
  });

  it('an open end is unbounded', () => {
    expect(matches({ field: 'amount', op: 'between', min: '100' }, { amountMinor: -10_000_000_00n })).toBe(true);
    expect(matches({ field: 'amount', op: 'between', min: '100' }, { amountMinor: -99_99n })).toBe(false);
    expect(matches({ field: 'amount', op: 'between', max: '5' }, { amountMinor: 0n })).toBe(true);
    expect(matches({ field: 'amount', op: 'between', max: '5' }, { amountMinor: 501n })).toBe(false);
  });

  it('equals compares |amount| exactly, in the transaction currency', () => {
    expect(matches({ field: 'amount', op: 'equals', value: '45.99' })).toBe(true);
    expect(matches({ field: 'amount', op: 'equals', value: '45.990' })).toBe(true);
    expect(matches({ field: 'amount', op: 'equals', value: '45.98' })).toBe(false);
    expect(matches({ field: 'amount', op: 'equals', value: '45.99' }, { amountMinor: 4599n })).toBe(true);
    expect(matches({ field: 'amount', op: 'equals', value: '4599' }, { currency: 'JPY' })).toBe(true);
    expect(matches({ field: 'amount', op: 'equals', value: '4.599' }, { currency: 'KWD' })).toBe(true);
  });

  it('a bound the currency cannot hold exactly never matches', () => {
    expect(matches({ field: 'amount', op: 'between', min: '10.5' }, { currency: 'JPY', amountMinor: -100n })).toBe(false);
    expect(matches({ field: 'amount', op: 'equals', value: '45.999' })).toBe(false);
  });

  it('direction: out is negative, in is positive, zero is neither', () => {
    expect(matches({ field: 'direction', value: 'out' })).toBe(true);
    expect(matches({ field: 'direction', value: 'in' })).toBe(false);
    expect(matches({ field: 'direction', value: 'in' }, { amountMinor: 1n })).toBe(true);
    expect(matches({ field: 'direction', value: 'in' }, { amountMinor: 0n })).toBe(false);
    expect(matches({ field: 'direction', value: 'out' }, { amountMinor: 0n })).toBe(false);
  });

  it('account: one of the listed accounts', () => {
    expect(matches({ field: 'account', accountIds: [ACCOUNT_B, ACCOUNT_A] })).toBe(true);
    expect(matches({ field: 'account', accountIds: [ACCOUNT_B] })).toBe(false);
  });
});

describe('all and any', () => {
  const conditions: ConditionInput[] = [
    { field: 'payee', op: 'contains', value: 'whole foods' },
    { field: 'direction', value: 'in' },
  ];
  it('all needs every condition, any needs one', () => {
    const all = rule({ match: 'all', conditions, actions: [{ type: 'add_tags', tags: ['all'] }] });
    const any = rule({ match: 'any', conditions, actions: [{ type: 'add_tags', tags: ['any'] }] });
    expect(applyRules(tx(), [all, any], { now: NOW }).tags).toEqual(['any']);
    expect(applyRules(tx({ amountMinor: 100n }), [all, any], { now: NOW }).tags).toEqual(['all', 'any']);
    expect(applyRules(tx({ payee: 'REFUND', amountMinor: -100n }), [all, any], { now: NOW }).tags).toEqual([]);
  });
});

describe('priority and accumulation', () => {
  const groceries = { type: 'set_category', categoryId: CAT_GROCERIES } as const;
  const dining = { type: 'set_category', categoryId: CAT_DINING } as const;
  const anything = [{ field: 'amount', op: 'between', min: '0' }] as const;

  it('higher priority first, whatever the input order', () => {
    const low = rule({ priority: 1, conditions: [...anything], actions: [groceries] }, { age: 1 });
    const high = rule({ priority: 5, conditions: [...anything], actions: [dining] }, { age: 2 });
    expect(applyRules(tx(), [low, high], { now: NOW })).toMatchObject({ categoryId: CAT_DINING, matchedRuleIds: [high.id, low.id] });
    expect(applyRules(tx(), [high, low], { now: NOW }).categoryId).toBe(CAT_DINING);
  });

  it('ties go to the oldest rule', () => {
    const newer = rule({ priority: 3, conditions: [...anything], actions: [dining] }, { age: 20 });
    const older = rule({ priority: 3, conditions: [...anything], actions: [groceries] }, { age: 10 });
    expect(applyRules(tx(), [newer, older], { now: NOW })).toMatchObject({ categoryId: CAT_GROCERIES, matchedRuleIds: [older.id, newer.id] });
  });

  it('first match wins category, bucket and merchant, each on its own; tags accumulate deduplicated in first-seen order', () => {
    const rules = [
      rule({ priority: 9, conditions: [...anything], actions: [{ type: 'add_tags', tags: ['b', 'a'] }, { type: 'set_bucket', bucket: 'groceries' }] }),
      rule({ priority: 8, conditions: [...anything], actions: [groceries, { type: 'add_tags', tags: ['a', 'c'] }] }),
      rule({ priority: 7, conditions: [...anything], actions: [dining, { type: 'set_bucket', bucket: 'dining' }, { type: 'set_merchant', merchant: 'Whole Foods' }] }),
      rule({ priority: 6, conditions: [...anything], actions: [{ type: 'set_merchant', merchant: 'Amazon' }, { type: 'add_tags', tags: ['d'] }] }),
    ];
    expect(applyRules(tx(), rules, { now: NOW })).toEqual({
      categoryId: CAT_GROCERIES,
      bucket: 'groceries',
      tags: ['b', 'a', 'c', 'd'],
      merchant: 'Whole Foods',
      isTransfer: false,
      skip: false,
      matchedRuleIds: rules.map((r) => r.id),
      matchedAt: NOW,
    });
  });

  it('disabled rules and non-matching rules do nothing', () => {
    const off = rule({ enabled: false, conditions: [...anything], actions: [groceries] });
    const miss = rule({ conditions: [{ field: 'payee', op: 'contains', value: 'costco' }], actions: [dining, { type: 'skip' }] });
    expect(applyRules(tx({ merchant: 'WFM' }), [off, miss], { now: NOW })).toEqual({
      categoryId: null,
      bucket: null,
      tags: [],
      merchant: 'WFM',
      isTransfer: false,
      skip: false,
      matchedRuleIds: [],
      matchedAt: null,
    });
  });

  it('mark as transfer and skip when any matching rule says so', () => {
    const transfer = rule({ conditions: [{ field: 'payee', op: 'regex', value: '\\b(autopay|xfer|ach payment)\\b' }], actions: [{ type: 'mark_transfer' }] });
    const skip = rule({ conditions: [{ field: 'payee', op: 'contains', value: 'pending' }], actions: [{ type: 'skip' }] });
    expect(applyRules(tx({ payee: 'CHASE AUTOPAY 1234' }), [transfer, skip], { now: NOW })).toMatchObject({ isTransfer: true, skip: false });
    expect(applyRules(tx({ payee: 'PENDING AUTHORISATION' }), [transfer, skip], { now: NOW })).toMatchObject({ isTransfer: false, skip: true });
    expect(applyRules(tx({ payee: 'ONLINE XFER PENDING' }), [transfer, skip], { now: NOW })).toMatchObject({ isTransfer: true, skip: true });
  });

  it('a compiled RuleSet gives the same answers and can be reused', () => {
    const rules = [rule({ conditions: [{ field: 'amount', op: 'between', min: '40' }], actions: [groceries] })];
    const set = new RuleSet(rules);
    for (const currency of ['USD', 'JPY', 'USD'] as const) {
      expect(applyRules(tx({ currency }), set, { now: NOW })).toEqual(applyRules(tx({ currency }), rules, { now: NOW }));
    }
  });

  it('a stored regex that no longer compiles never matches (and never throws)', () => {
    const broken = { ...rule({ conditions: [{ field: 'payee', op: 'contains', value: 'x' }], actions: [groceries] }) };
    broken.conditions = [{ field: 'payee', op: 'regex', value: '(', caseSensitive: false }];
    expect(applyRules(tx(), [broken], { now: NOW }).categoryId).toBeNull();
  });

  it('only parseMoney validation errors mean "no match": an unknown currency is a bug and throws', () => {
    const r = rule({ conditions: [{ field: 'amount', op: 'equals', value: '1' }], actions: [groceries] });
    expect(() => applyRules(tx({ currency: 'QQQ' as never }), [r], { now: NOW })).toThrow(RangeError);
  });
});

describe('merchant aliases', () => {
  const aliases = [
    alias({ pattern: 'AMZN Mktp', kind: 'contains', merchant: 'Amazon' }),
    alias({ pattern: '^SQ \\*(BLUE BOTTLE)', kind: 'regex', merchant: 'Blue Bottle' }),
    alias({ pattern: 'netflix.com', kind: 'exact', merchant: 'Netflix' }),
  ];

  it('maps raw payees to clean names', () => {
    expect(applyMerchantAliases('AMZN Mktp US*2K4AB1234', aliases)).toBe('Amazon');
    expect(applyMerchantAliases('amzn  mktp us*XYZ', aliases)).toBe('Amazon');
    expect(applyMerchantAliases('SQ *BLUE BOTTLE', aliases)).toBe('Blue Bottle');
    expect(applyMerchantAliases('sq *blue bottle', aliases)).toBeNull(); // a regex is case-sensitive as written
    expect(applyMerchantAliases('  NETFLIX.COM ', aliases)).toBe('Netflix');
    expect(applyMerchantAliases('NETFLIX.COM 866-579', aliases)).toBeNull(); // exact is exact
    expect(applyMerchantAliases('WHOLE FOODS', new AliasSet(aliases))).toBeNull();
  });

  it('first by priority, then the oldest', () => {
    const broad = alias({ pattern: 'amzn', merchant: 'Amazon' }, { age: 1 });
    const prime = alias({ pattern: 'amzn prime', merchant: 'Amazon Prime', priority: 10 }, { age: 2 });
    const later = alias({ pattern: 'amzn', merchant: 'AMZN' }, { age: 3 });
    expect(applyMerchantAliases('AMZN PRIME*1A2B3', [later, broad, prime])).toBe('Amazon Prime');
    expect(applyMerchantAliases('AMZN Mktp', [later, broad, prime])).toBe('Amazon');
  });

  it('apply before rules: merchant conditions see the alias, a rule can still rename', () => {
    const amazon = rule({ conditions: [{ field: 'merchant', op: 'equals', value: 'amazon' }], actions: [{ type: 'set_category', categoryId: CAT_SHOPPING }] });
    const coffee = rule({
      conditions: [{ field: 'merchant', op: 'equals', value: 'Blue Bottle' }],
      actions: [{ type: 'set_merchant', merchant: 'Blue Bottle Coffee' }, { type: 'set_category', categoryId: CAT_DINING }],
    });
    expect(applyRules(tx({ payee: 'AMZN Mktp US*2K4AB1234' }), [amazon, coffee], { now: NOW, aliases })).toMatchObject({
      categoryId: CAT_SHOPPING,
      merchant: 'Amazon',
    });
    expect(applyRules(tx({ payee: 'SQ *BLUE BOTTLE', merchant: 'SQ' }), [amazon, coffee], { now: NOW, aliases })).toMatchObject({
      categoryId: CAT_DINING,
      merchant: 'Blue Bottle Coffee',
    });
    // Without aliases the raw merchant stays and nothing matches.
    expect(applyRules(tx({ payee: 'AMZN Mktp US*2K4AB1234' }), [amazon, coffee], { now: NOW })).toMatchObject({ categoryId: null, merchant: null });
  });
});

describe('defaultBucket', () => {
  const history = new Map([
    ['whole foods', 'groceries'],
    ['acme corp', 'shopping'],
    ['mystery', 'none'],
  ]);

  it('the bucket this merchant had before wins, even over a positive amount', () => {
    expect(defaultBucket({ payee: 'WHOLE FOODS MKT #1', merchant: 'Whole  Foods', amountMinor: 2500n }, history)).toBe('groceries');
    expect(defaultBucket({ payee: 'ACME CORP', merchant: null, amountMinor: -1n }, history)).toBe('shopping');
    expect(merchantKey({ payee: ' ACME   CORP ', merchant: null })).toBe('acme corp');
  });

  it('then any positive amount is income', () => {
    expect(defaultBucket({ payee: 'STARBUCKS REFUND', merchant: null, amountMinor: 450n }, history)).toBe('income');
    expect(defaultBucket({ payee: 'MYSTERY', merchant: 'mystery', amountMinor: 1n }, history)).toBe('income'); // a past "none" is no answer
  });

  it('then the keyword lists, the longest keyword winning', () => {
    expect(defaultBucket({ payee: 'UBER *EATS PENDING', merchant: null, amountMinor: -1800n }, history)).toBe('dining');
    expect(defaultBucket({ payee: 'UBER *TRIP', merchant: null, amountMinor: -1800n }, history)).toBe('transportation');
    expect(defaultBucket({ payee: "TRADER JOE'S #552", merchant: null, amountMinor: -1n }, history)).toBe('groceries');
    expect(defaultBucket({ payee: 'X', merchant: 'Netflix.com', amountMinor: -1599n }, history)).toBe('subscriptions');
    expect(keywordBucket('STARBUCKS', [{ bucket: 'treats', keywords: ['starbucks'] }])).toBe('treats');
    expect(keywordBucket('TARGETED ADS LLC')).toBeNull(); // whole words only
  });

  it('else none', () => {
    expect(defaultBucket({ payee: 'ZZYZX LLC', merchant: null, amountMinor: -100n }, history)).toBe('none');
    expect(defaultBucket({ payee: 'ZERO', merchant: null, amountMinor: 0n }, new Map())).toBe('none');
  });

  it('has the default set of buckets', () => {
    expect(DEFAULT_BUCKETS.map((b) => b.bucket)).toEqual([
      'income', 'housing', 'groceries', 'dining', 'transportation', 'utilities', 'shopping', 'entertainment', 'health', 'subscriptions', 'travel', 'none',
    ]);
  });
});
