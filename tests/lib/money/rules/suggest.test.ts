import { describe, expect, it } from 'vitest';
import { applyMerchantAliases } from '@/lib/money/rules/apply-rules';
import { cleanPayee, suggestMerchantAliases, suggestRuleFromRecategorisation, titleCase } from '@/lib/money/rules/suggest';
import { CAT_DINING, CAT_GROCERIES, alias, tx } from './helpers';

describe('cleanPayee and titleCase', () => {
  it('drops the text after * or #, trailing 4+ digits and trailing punctuation', () => {
    expect(cleanPayee('AMZN Mktp US*2K4AB1234')).toBe('AMZN Mktp US');
    expect(cleanPayee('TARGET        #1234')).toBe('TARGET');
    expect(cleanPayee('SHELL OIL 57444')).toBe('SHELL OIL');
    expect(cleanPayee('SHELL OIL 574')).toBe('SHELL OIL 574');
    expect(cleanPayee('NETFLIX.COM')).toBe('NETFLIX.COM');
    expect(cleanPayee('12345678')).toBe('');
  });

  it('keeps the merchant after a card processor prefix', () => {
    expect(cleanPayee('SQ *BLUE BOTTLE')).toBe('BLUE BOTTLE');
    expect(cleanPayee("TST* JOE'S PIZZA 0042123")).toBe("JOE'S PIZZA");
    expect(cleanPayee('PAYPAL *SPOTIFY #99')).toBe('SPOTIFY');
  });

  it('title-cases', () => {
    expect(titleCase('BLUE BOTTLE')).toBe('Blue Bottle');
    expect(titleCase("TRADER JOE'S")).toBe("Trader Joe's");
    expect(titleCase('NETFLIX.COM')).toBe('Netflix.com');
    expect(titleCase('coca-cola')).toBe('Coca-Cola');
  });
});

describe('suggestMerchantAliases', () => {
  const payees = [
    'AMZN Mktp US*2K4AB1234',
    'AMZN Mktp US*9ZZ81',
    'amzn  mktp us*77',
    'SQ *BLUE BOTTLE',
    'SQ *BLUE BOTTLE',
    'SQ *BLUE BOTTLE',
    'SQ *BLUE BOTTLE',
    'SHELL OIL 57444',
    'SHELL OIL 12345',
    'TARGET #1',
    'TARGET #2',
    'Netflix',
    'Netflix',
    'Netflix',
    '00001234',
    '00001234',
    '00001234',
  ];

  it('suggests payees seen at least 3 times, cleaned and title-cased, most frequent first', () => {
    expect(suggestMerchantAliases(payees)).toEqual([
      { pattern: 'BLUE BOTTLE', kind: 'contains', merchant: 'Blue Bottle', count: 4 },
      { pattern: 'AMZN Mktp US', kind: 'contains', merchant: 'Amzn Mktp Us', count: 3 },
    ]);
  });

  it('the threshold can change; names that need no clean-up are left out', () => {
    expect(suggestMerchantAliases(payees, { minCount: 2 }).map((s) => [s.merchant, s.count])).toEqual([
      ['Blue Bottle', 4],
      ['Amzn Mktp Us', 3],
      ['Shell Oil', 2],
      ['Target', 2],
    ]);
  });

  it('leaves out payees an alias already maps', () => {
    expect(suggestMerchantAliases(payees, { aliases: [alias({ pattern: 'blue bottle', merchant: 'Blue Bottle' })] }).map((s) => s.merchant)).toEqual(['Amzn Mktp Us']);
  });

  it('a suggestion, saved as an alias, maps the payees it came from', () => {
    const saved = suggestMerchantAliases(payees).map(({ pattern, kind, merchant }) => alias({ pattern, kind, merchant }));
    expect(applyMerchantAliases('AMZN Mktp US*2K4AB1234', saved)).toBe('Amzn Mktp Us');
    expect(applyMerchantAliases('SQ *BLUE BOTTLE', saved)).toBe('Blue Bottle');
  });
});

describe('suggestRuleFromRecategorisation', () => {
  const similar = [
    { ...tx({ payee: 'BLUE BOTTLE COFFEE #12' }), id: 'a', categoryId: null },
    { ...tx({ payee: 'SQ *BLUE BOTTLE' }), id: 'b', categoryId: CAT_DINING },
    { ...tx({ payee: 'STARBUCKS' }), id: 'c', categoryId: null },
  ];

  it('payee contains the merchant when the payee holds it, and counts the others it would match', () => {
    const moved = { ...tx({ payee: 'SQ *BLUE BOTTLE', merchant: 'Blue Bottle' }), id: 'b' };
    const suggestion = suggestRuleFromRecategorisation(moved, CAT_DINING, similar)!;
    expect(suggestion.rule).toEqual({
      name: 'Blue Bottle',
      priority: 0,
      match: 'all',
      conditions: [{ field: 'payee', op: 'contains', value: 'Blue Bottle', caseSensitive: false }],
      actions: [{ type: 'set_category', categoryId: CAT_DINING }],
      enabled: true,
    });
    expect(suggestion).toMatchObject({ matches: 1, wouldChange: 1 }); // 'a'; 'b' is the transaction itself
  });

  it('merchant equals the merchant when an alias renamed it', () => {
    const moved = tx({ payee: 'AMZN Mktp US*2K4AB1234', merchant: 'Amazon' });
    const others = [tx({ payee: 'AMZN Mktp US*1', merchant: 'Amazon' }), tx({ payee: 'AMAZON.COM', merchant: 'Amazon.com' })];
    const suggestion = suggestRuleFromRecategorisation(moved, CAT_GROCERIES, [moved, ...others])!;
    expect(suggestion.rule.conditions).toEqual([{ field: 'merchant', op: 'equals', value: 'Amazon', caseSensitive: false }]);
    expect(suggestion).toMatchObject({ matches: 1, wouldChange: 1 });
  });

  it('payee contains the cleaned payee without a merchant; null when there is nothing to match', () => {
    const moved = tx({ payee: 'TRADER JOE S #552   ' });
    const suggestion = suggestRuleFromRecategorisation(moved, CAT_GROCERIES, [tx({ payee: 'TRADER JOE S #12' }), tx({ payee: 'TRADER JOES' })])!;
    expect(suggestion.rule.name).toBe('Trader Joe S');
    expect(suggestion.rule.conditions).toEqual([{ field: 'payee', op: 'contains', value: 'TRADER JOE S', caseSensitive: false }]);
    expect(suggestion.matches).toBe(1);
    expect(suggestRuleFromRecategorisation(tx({ payee: '   ' }), CAT_GROCERIES, [])).toBeNull();
    expect(suggestRuleFromRecategorisation(tx({ payee: 'x' }), 'not-a-uuid', [])).toBeNull();
  });
});
