import { AliasSet, type RuleTransaction, RuleSet, applyMerchantAliases, evaluateRules, squish } from './apply-rules';
import { MERCHANT_NAME_MAX, PATTERN_MAX, type Rule, type StoredMerchantAlias, ruleSchema } from './rule-schema';

// Suggestions the person confirms: a rule after recategorising by hand, and merchant aliases
// from payees that keep coming back. Pure.

// ---------------------------------------------------------------------------------------------
// Payee clean-up (the original app's alias suggestions).

/**
 * Card processors that put their own code before the `*` and the real merchant after it
 * ("SQ *BLUE BOTTLE", "TST* JOE'S PIZZA", "PAYPAL *SPOTIFY"). The original cut at the `*`, which
 * leaves only the processor's name ("Sq"); for these the text after it is kept instead.
 */
export const PROCESSOR_PREFIXES: ReadonlySet<string> = new Set(['sq', 'tst', 'sp', 'paypal', 'pp', 'pypl', 'google', 'gglpay']);

/**
 * The payee with its noise removed, the original's way: the text from the first `*` or `#` on is
 * dropped (after a processor prefix, the text before the `*` instead), then trailing 4+ digits,
 * then trailing punctuation. "AMZN Mktp US*2K4AB1234" → "AMZN Mktp US", "TARGET #1234" →
 * "TARGET", "SHELL OIL 57444" → "SHELL OIL", "SQ *BLUE BOTTLE" → "BLUE BOTTLE".
 */
export function cleanPayee(payee: string): string {
  let text = squish(payee);
  const star = text.indexOf('*');
  const mark = /[*#]/.exec(text);
  if (star !== -1 && mark?.index === star && PROCESSOR_PREFIXES.has(text.slice(0, star).trim().toLowerCase())) {
    text = text.slice(star + 1);
  }
  const cut = /[*#]/.exec(text);
  if (cut) text = text.slice(0, cut.index);
  text = text.trim().replace(/\d{4,}$/, '');
  return squish(text.replace(/[\s\p{P}\p{S}]+$/u, '').replace(/^[\s\p{P}\p{S}]+/u, ''));
}

/** "BLUE BOTTLE" → "Blue Bottle", "TRADER JOE'S" → "Trader Joe's". */
export function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s\-/(&])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

export type MerchantAliasSuggestion = { pattern: string; kind: 'contains'; merchant: string; count: number };

export type SuggestAliasOptions = {
  /** Payees seen fewer times are left out (the original: 3). */
  minCount?: number;
  /** Payees one of these already maps are left out. */
  aliases?: readonly StoredMerchantAlias[] | AliasSet;
};

/**
 * Alias suggestions from the payees of a workspace's transactions (one entry per transaction):
 * payees whose cleaned text is seen ≥ 3 times → a `contains` alias on that text with its title-
 * case name. A group whose payees already all read exactly as the name has nothing to clean and
 * is left out. Most frequent first.
 */
export function suggestMerchantAliases(payees: readonly string[], options: SuggestAliasOptions = {}): MerchantAliasSuggestion[] {
  const minCount = options.minCount ?? 3;
  const aliases = options.aliases ? (options.aliases instanceof AliasSet ? options.aliases : new AliasSet(options.aliases)) : null;
  const groups = new Map<string, { pattern: string; count: number; raw: Set<string> }>();
  for (const payee of payees) {
    if (aliases && applyMerchantAliases(payee, aliases) !== null) continue;
    const cleaned = cleanPayee(payee);
    if (cleaned === '' || /^[\d\s\p{P}\p{S}]*$/u.test(cleaned)) continue;
    const key = cleaned.toLowerCase();
    const group = groups.get(key) ?? { pattern: cleaned.slice(0, PATTERN_MAX), count: 0, raw: new Set<string>() };
    group.count++;
    group.raw.add(squish(payee));
    groups.set(key, group);
  }
  const suggestions: MerchantAliasSuggestion[] = [];
  for (const group of groups.values()) {
    if (group.count < minCount) continue;
    const merchant = titleCase(group.pattern).slice(0, MERCHANT_NAME_MAX).trim();
    if ([...group.raw].every((raw) => raw === merchant)) continue;
    suggestions.push({ pattern: group.pattern, kind: 'contains', merchant, count: group.count });
  }
  return suggestions.sort((a, b) => b.count - a.count || (a.merchant < b.merchant ? -1 : a.merchant > b.merchant ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// A rule after a hand recategorisation.

export type RecategorisedTransaction = RuleTransaction & { id?: string; categoryId?: string | null };

export type RuleSuggestion = {
  /** A valid rule (ruleSchema's output), ready for the person to edit and save. */
  rule: Rule;
  /** Other transactions in `similar` the rule would match. */
  matches: number;
  /** Of those, how many don't have the new category yet. */
  wouldChange: number;
};

/**
 * When a person moves a transaction to another category by hand: "always do this for <merchant>?"
 * The condition is payee contains the merchant when the payee holds it, merchant equals the
 * merchant when it doesn't (an alias renamed "AMZN Mktp US*…" to "Amazon"), else payee contains
 * the cleaned payee. Null when there is nothing to match on.
 */
export function suggestRuleFromRecategorisation(
  tx: RecategorisedTransaction,
  newCategoryId: string,
  similar: readonly RecategorisedTransaction[],
): RuleSuggestion | null {
  const merchant = tx.merchant === null ? '' : squish(tx.merchant);
  const payee = squish(tx.payee);
  let condition: { field: 'payee' | 'merchant'; op: 'contains' | 'equals'; value: string };
  let label: string;
  if (merchant !== '' && payee.toLowerCase().includes(merchant.toLowerCase())) {
    condition = { field: 'payee', op: 'contains', value: merchant };
    label = merchant;
  } else if (merchant !== '') {
    condition = { field: 'merchant', op: 'equals', value: merchant };
    label = merchant;
  } else {
    const cleaned = cleanPayee(payee) || payee;
    if (cleaned === '') return null;
    condition = { field: 'payee', op: 'contains', value: cleaned };
    label = titleCase(cleaned);
  }
  condition.value = condition.value.slice(0, PATTERN_MAX);
  const parsed = ruleSchema.safeParse({
    name: label.slice(0, 100),
    priority: 0,
    match: 'all',
    conditions: [{ ...condition, caseSensitive: false }],
    actions: [{ type: 'set_category', categoryId: newCategoryId }],
    enabled: true,
  });
  if (!parsed.success) return null;
  const rule = parsed.data;
  const set = new RuleSet([{ ...rule, id: 'suggestion', createdAt: new Date(0) }]);
  let matches = 0;
  let wouldChange = 0;
  for (const other of similar) {
    if (other === tx || (tx.id !== undefined && other.id === tx.id)) continue;
    if (evaluateRules(other, set).matchedRuleIds.length === 0) continue;
    matches++;
    if (other.categoryId !== newCategoryId) wouldChange++;
  }
  return { rule, matches, wouldChange };
}
