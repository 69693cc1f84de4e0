import { describe, expect, it } from 'vitest';
import { actionSchema, conditionSchema, hasNestedQuantifier, merchantAliasSchema, regexProblem, ruleSchema } from '@/lib/money/rules/rule-schema';
import { CAT_GROCERIES } from './helpers';

/** The field errors of a failed parse, as a form would show them: path → message. */
function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  return Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

const base = {
  name: 'Groceries',
  conditions: [{ field: 'payee', op: 'contains', value: 'whole foods' }],
  actions: [{ type: 'set_category', categoryId: CAT_GROCERIES }],
} as const;

describe('ruleSchema', () => {
  it('fills the defaults: priority 0, all conditions, enabled, case-insensitive text', () => {
    expect(ruleSchema.parse(base)).toEqual({
      name: 'Groceries',
      priority: 0,
      match: 'all',
      enabled: true,
      conditions: [{ field: 'payee', op: 'contains', value: 'whole foods', caseSensitive: false }],
      actions: [{ type: 'set_category', categoryId: CAT_GROCERIES }],
    });
  });

  it('accepts every condition and action shape', () => {
    const parsed = ruleSchema.parse({
      name: '  Trips  ',
      priority: -5,
      match: 'any',
      conditions: [
        { field: 'memo', op: 'starts_with', value: 'Ref', caseSensitive: true },
        { field: 'merchant', op: 'regex', value: '^Blue (Bottle|Tokai)$' },
        { field: 'amount', op: 'between', min: '10', max: '20.50' },
        { field: 'amount', op: 'between', max: '.5' },
        { field: 'amount', op: 'equals', value: '9.99' },
        { field: 'direction', value: 'out' },
        { field: 'account', accountIds: ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000a'] },
      ],
      actions: [
        { type: 'set_bucket', bucket: 'Bucket:Home Improvement' },
        { type: 'add_tags', tags: ['Summer Trip', 'occasion:summer-trip', 'wedding'] },
        { type: 'set_merchant', merchant: ' Blue Bottle ' },
        { type: 'mark_transfer' },
        { type: 'skip' },
      ],
    });
    expect(parsed.name).toBe('Trips');
    expect(parsed.conditions[6]).toEqual({ field: 'account', accountIds: ['00000000-0000-4000-8000-00000000000a'] });
    expect(parsed.actions).toEqual([
      { type: 'set_bucket', bucket: 'home-improvement' },
      { type: 'add_tags', tags: ['summer-trip', 'wedding'] },
      { type: 'set_merchant', merchant: 'Blue Bottle' },
      { type: 'mark_transfer' },
      { type: 'skip' },
    ]);
  });

  it('needs at least one condition and one action', () => {
    expect(fieldErrors(ruleSchema.safeParse({ ...base, conditions: [], actions: [] }))).toEqual({
      conditions: 'Add at least one condition.',
      actions: 'Add at least one action.',
    });
  });

  it('is strict and says which field is wrong, in words', () => {
    expect(
      fieldErrors(
        ruleSchema.safeParse({
          ...base,
          name: ' ',
          priority: 1.5,
          colour: 'red',
          conditions: [{ field: 'amount', op: 'between', min: '20', max: '10' }, { field: 'date' }, { field: 'payee', op: 'contains', value: 'x', extra: true }],
          actions: [{ type: 'set_category', categoryId: 'groceries' }, { type: 'delete' }, { type: 'set_merchant', merchant: 'x'.repeat(51) }],
        }),
      ),
    ).toEqual({
      name: 'Enter a name for the rule.',
      priority: 'Enter a priority as a whole number.',
      '': 'Unrecognized key: "colour"',
      'conditions.0.max': 'The largest amount must not be smaller than the smallest amount.',
      'conditions.1.field': 'Choose what to match: payee, memo, merchant, amount, direction or account.',
      'conditions.2': 'Unrecognized key: "extra"',
      'actions.0.categoryId': 'Choose a category.',
      'actions.1.type': 'Choose what the rule does: set category, set bucket, add tags, set merchant, mark as transfer or skip.',
      'actions.2.merchant': 'Keep a merchant name to 50 characters or fewer.',
    });
  });

  it('refuses the same action twice', () => {
    expect(fieldErrors(ruleSchema.safeParse({ ...base, actions: [...base.actions, { type: 'set_category', categoryId: CAT_GROCERIES }] }))).toEqual({
      'actions.1.type': 'This rule already has that action: keep one of them.',
    });
  });

  it('keeps bucket and account tags out of add_tags', () => {
    expect(fieldErrors(actionSchema.safeParse({ type: 'add_tags', tags: ['bucket:groceries'] }))).toEqual({
      'tags.0': 'Buckets and account tags are not added here: use "Set bucket" for a bucket; account tags come from the account.',
    });
    expect(fieldErrors(actionSchema.safeParse({ type: 'set_bucket', bucket: 'eating out!' }))).toEqual({
      bucket: 'A bucket name is letters, digits and dashes, like home-improvement.',
    });
  });
});

describe('conditions', () => {
  it('limits text to 1–200 characters', () => {
    expect(fieldErrors(conditionSchema.safeParse({ field: 'payee', op: 'contains', value: '' }))).toEqual({ value: 'Enter the text to look for.' });
    expect(fieldErrors(conditionSchema.safeParse({ field: 'payee', op: 'contains', value: '   ' }))).toEqual({ value: 'Enter the text to look for.' });
    expect(fieldErrors(conditionSchema.safeParse({ field: 'memo', op: 'equals', value: 'x'.repeat(201) }))).toEqual({
      value: 'Keep the text to 200 characters or fewer.',
    });
    expect(conditionSchema.safeParse({ field: 'memo', op: 'equals', value: 'x'.repeat(200) }).success).toBe(true);
  });

  it('refuses an invalid regex with the reason', () => {
    const errors = fieldErrors(conditionSchema.safeParse({ field: 'payee', op: 'regex', value: 'AMZN (Mktp' }));
    expect(errors.value).toMatch(/^That is not a valid regular expression \(.+\)\.$/);
    // Only a regex is compiled: the same text is fine for contains.
    expect(conditionSchema.safeParse({ field: 'payee', op: 'contains', value: 'AMZN (Mktp' }).success).toBe(true);
  });

  it('refuses nested quantifiers as too slow', () => {
    const message =
      'That regular expression repeats a group that itself repeats, like (a+)+, which can take minutes to run. Remove the inner or the outer repetition.';
    for (const pattern of ['(a+)+', '(a*)*', '^(\\w+\\s?)*$', '(?:x+y?){2,}', '((ab)+c)*', '(?<word>[a-z]+)+', '(a{1,3})+']) {
      expect(fieldErrors(conditionSchema.safeParse({ field: 'payee', op: 'regex', value: pattern })), pattern).toEqual({ value: message });
    }
  });

  it('keeps ordinary patterns, including ones that look nested but are not', () => {
    for (const pattern of ['(ab)+', 'a+b+', '(a?)+', '(a{2})*', '[(a+)]+', '\\(a+\\)+', '(\\u{1F600})+', '(a+)?', 'SQ \\*(.+)', '^AMZN Mktp [A-Z]{2}\\*']) {
      expect(hasNestedQuantifier(pattern), pattern).toBe(false);
      expect(regexProblem(pattern), pattern).toBeNull();
    }
  });

  it('reads amounts as unsigned decimals and needs at least one bound', () => {
    expect(fieldErrors(conditionSchema.safeParse({ field: 'amount', op: 'between' }))).toEqual({ min: 'Enter a smallest amount, a largest amount, or both.' });
    expect(fieldErrors(conditionSchema.safeParse({ field: 'amount', op: 'equals', value: '-12.00' }))).toEqual({
      value: 'Enter the amount without a sign: amounts are compared without it. Add a direction condition for money in or out.',
    });
    expect(fieldErrors(conditionSchema.safeParse({ field: 'amount', op: 'between', min: '$5', max: '1,000' }))).toEqual({
      min: 'Enter the smallest amount as a number, like 12.34 (no currency symbol or thousands separators).',
      max: 'Enter the largest amount as a number, like 12.34 (no currency symbol or thousands separators).',
    });
    expect(fieldErrors(conditionSchema.safeParse({ field: 'amount', op: 'more_than', value: '5' }))).toEqual({ op: 'Choose "between" or "equals" for an amount.' });
    expect(conditionSchema.parse({ field: 'amount', op: 'between', min: ' 10.5 ', max: '10.50' })).toEqual({ field: 'amount', op: 'between', min: '10.5', max: '10.50' });
    expect(conditionSchema.safeParse({ field: 'amount', op: 'between', min: '9.99', max: '10' }).success).toBe(true);
    expect(conditionSchema.safeParse({ field: 'amount', op: 'between', min: '10.01', max: '10' }).success).toBe(false);
  });

  it('checks direction and account ids', () => {
    expect(fieldErrors(conditionSchema.safeParse({ field: 'direction', value: 'sideways' }))).toEqual({ value: 'Choose money in or money out.' });
    expect(fieldErrors(conditionSchema.safeParse({ field: 'account', accountIds: [] }))).toEqual({ accountIds: 'Choose at least one account.' });
    expect(fieldErrors(conditionSchema.safeParse({ field: 'account', accountIds: ['checking'] }))).toEqual({ 'accountIds.0': 'Choose an account.' });
  });
});

describe('merchantAliasSchema', () => {
  it('parses an alias with defaults', () => {
    expect(merchantAliasSchema.parse({ pattern: 'AMZN Mktp', merchant: 'Amazon' })).toEqual({ pattern: 'AMZN Mktp', kind: 'contains', merchant: 'Amazon', priority: 0 });
  });

  it('compiles regex patterns and limits the merchant to 50 characters', () => {
    const errors = fieldErrors(merchantAliasSchema.safeParse({ pattern: '(SQ+)+ \\*', kind: 'regex', merchant: 'y'.repeat(51) }));
    expect(errors.merchant).toBe('Keep a merchant name to 50 characters or fewer.');
    expect(fieldErrors(merchantAliasSchema.safeParse({ pattern: '(SQ+)+ \\*', kind: 'regex', merchant: 'Square' })).pattern).toMatch(/like \(a\+\)\+/);
    expect(fieldErrors(merchantAliasSchema.safeParse({ pattern: '[', kind: 'regex', merchant: 'x' })).pattern).toMatch(/not a valid regular expression/);
    expect(merchantAliasSchema.safeParse({ pattern: '[', kind: 'contains', merchant: 'x' }).success).toBe(true);
  });
});
