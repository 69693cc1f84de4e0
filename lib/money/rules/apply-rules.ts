import { AppError } from '@/lib/errors/app-error';
import { type CurrencyCode, parseMoney } from '@/lib/currency';
import {
  type AmountBetweenCondition,
  type AmountEqualsCondition,
  type Condition,
  type StoredMerchantAlias,
  type StoredRule,
  type TextCondition,
  regexFlags,
} from './rule-schema';

// The Money rule engine: merchant aliases, then category rules, then (at import, when no rule set
// one) the default bucket. Pure: no database, no clock (the caller passes `now`).

/** What rules look at. `amountMinor` is signed: negative = money out. */
export type RuleTransaction = {
  payee: string;
  memo: string | null;
  merchant: string | null;
  amountMinor: bigint;
  currency: CurrencyCode;
  accountId: string;
};

export type RuleOutcome = {
  /** From the first matching rule that sets a category; null when none does. */
  categoryId: string | null;
  /** From the first matching rule that sets a bucket; null when none does (see defaultBucket). */
  bucket: string | null;
  /** Occasion tags of every matching rule, deduplicated, in first-seen order. */
  tags: string[];
  /** The first matching rule's set_merchant, else the alias's merchant, else the transaction's. */
  merchant: string | null;
  isTransfer: boolean;
  /** A matching rule said "don't import". */
  skip: boolean;
  /** Every matching rule, in the order they were applied (for match counts). */
  matchedRuleIds: string[];
  /** `now` when any rule matched (the rules' "last matched" date), else null. */
  matchedAt: Date | null;
};

// ---------------------------------------------------------------------------------------------
// Ordering.

type Ordered = { id: string; priority: number; createdAt: Date };

/** Higher priority first, then the oldest, then by id so the order never depends on the input's. */
export function byPriority(a: Ordered, b: Ordered): number {
  return b.priority - a.priority || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The enabled rules in the order they apply. */
export function orderRules<R extends StoredRule>(rules: readonly R[]): R[] {
  return rules.filter((rule) => rule.enabled).sort(byPriority);
}

// ---------------------------------------------------------------------------------------------
// Text.

/** Trimmed, inner whitespace collapsed: banks pad payees with runs of spaces. */
export function squish(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The key for "this merchant": its name (or the payee when there is none), squished, lower case. */
export function merchantKey(tx: { merchant: string | null; payee: string }): string {
  return squish(tx.merchant ?? tx.payee).toLowerCase();
}

function safeRegex(source: string, flags: string): RegExp | null {
  try {
    return new RegExp(source, flags);
  } catch {
    return null; // Refused by the schema when saved; a stored bad one simply never matches.
  }
}

// ---------------------------------------------------------------------------------------------
// Merchant aliases.

type CompiledAlias = { alias: StoredMerchantAlias; test: (squishedLower: string, raw: string) => boolean };

/** Aliases compiled once, in the order they apply: reuse it over a whole import. */
export class AliasSet {
  readonly aliases: readonly CompiledAlias[];

  constructor(aliases: readonly StoredMerchantAlias[]) {
    this.aliases = [...aliases].sort(byPriority).map((alias) => ({ alias, test: aliasTest(alias) }));
  }
}

function aliasTest(alias: StoredMerchantAlias): CompiledAlias['test'] {
  if (alias.kind === 'regex') {
    const regex = safeRegex(alias.pattern, 'u');
    return (_lower, raw) => regex?.test(raw) ?? false;
  }
  const pattern = squish(alias.pattern).toLowerCase();
  if (pattern === '') return () => false;
  return alias.kind === 'exact' ? (lower) => lower === pattern : (lower) => lower.includes(pattern);
}

function aliasSet(aliases: readonly StoredMerchantAlias[] | AliasSet): AliasSet {
  return aliases instanceof AliasSet ? aliases : new AliasSet(aliases);
}

/**
 * The clean merchant name for a raw payee ("AMZN Mktp US*2K4AB1234" → "Amazon"), or null when no
 * alias matches. The first alias by priority (higher first, then the oldest) wins. Exact and
 * contains compare case-insensitively with whitespace runs collapsed; a regex runs on the payee
 * as it is, case-sensitively unless the pattern says otherwise.
 */
export function applyMerchantAliases(payee: string, aliases: readonly StoredMerchantAlias[] | AliasSet): string | null {
  const lower = squish(payee).toLowerCase();
  for (const { alias, test } of aliasSet(aliases).aliases) if (test(lower, payee)) return alias.merchant;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Rules.

type Matcher = (tx: RuleTransaction) => boolean;
type CompiledRule = { rule: StoredRule; matches: Matcher };

/** The enabled rules compiled once, in the order they apply: reuse it over a whole import. */
export class RuleSet {
  readonly rules: readonly CompiledRule[];

  constructor(rules: readonly StoredRule[]) {
    this.rules = orderRules(rules).map((rule) => ({ rule, matches: compileRule(rule) }));
  }
}

function ruleSet(rules: readonly StoredRule[] | RuleSet): RuleSet {
  return rules instanceof RuleSet ? rules : new RuleSet(rules);
}

function compileRule(rule: StoredRule): Matcher {
  const conditions = rule.conditions.map(compileCondition);
  if (conditions.length === 0) return () => false; // the schema requires one; never match everything
  return rule.match === 'any' ? (tx) => conditions.some((c) => c(tx)) : (tx) => conditions.every((c) => c(tx));
}

function compileCondition(condition: Condition): Matcher {
  switch (condition.field) {
    case 'payee':
    case 'memo':
    case 'merchant':
      return compileText(condition);
    case 'amount':
      return compileAmount(condition);
    case 'direction':
      // Zero is neither money in nor money out.
      return condition.value === 'in' ? (tx) => tx.amountMinor > 0n : (tx) => tx.amountMinor < 0n;
    case 'account': {
      const ids = new Set(condition.accountIds);
      return (tx) => ids.has(tx.accountId);
    }
  }
}

function compileText(condition: TextCondition): Matcher {
  const field = condition.field;
  const read = (tx: RuleTransaction) => tx[field] ?? '';
  if (condition.op === 'regex') {
    const regex = safeRegex(condition.value, regexFlags(condition.caseSensitive));
    return regex ? (tx) => regex.test(read(tx)) : () => false;
  }
  const fold = condition.caseSensitive ? (s: string) => squish(s) : (s: string) => squish(s).toLowerCase();
  const needle = fold(condition.value);
  if (needle === '') return () => false;
  switch (condition.op) {
    case 'contains':
      return (tx) => fold(read(tx)).includes(needle);
    case 'equals':
      return (tx) => fold(read(tx)) === needle;
    case 'starts_with':
      return (tx) => fold(read(tx)).startsWith(needle);
  }
}

type Bounds = { min: bigint | null; max: bigint | null };

/**
 * Amount conditions compare |amount| with the typed decimals parsed in the transaction's currency
 * (parseMoney), both ends inclusive. A bound the currency can't hold exactly ("10.5" for JPY)
 * makes the condition not match: a rule never guesses.
 */
function compileAmount(condition: AmountBetweenCondition | AmountEqualsCondition): Matcher {
  const cache = new Map<CurrencyCode, Bounds | null>();
  const parse = (text: string | undefined, currency: CurrencyCode) => (text === undefined ? null : parseMoney(text, currency));
  const bounds = (currency: CurrencyCode): Bounds | null => {
    if (cache.has(currency)) return cache.get(currency)!;
    let result: Bounds | null;
    try {
      result =
        condition.op === 'equals'
          ? { min: parseMoney(condition.value, currency), max: parseMoney(condition.value, currency) }
          : { min: parse(condition.min, currency), max: parse(condition.max, currency) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result = null;
    }
    cache.set(currency, result);
    return result;
  };
  return (tx) => {
    const b = bounds(tx.currency);
    if (!b) return false;
    const abs = tx.amountMinor < 0n ? -tx.amountMinor : tx.amountMinor;
    return (b.min === null || abs >= b.min) && (b.max === null || abs <= b.max);
  };
}

export type ApplyRulesOptions = {
  now: Date;
  /** Applied before the rules (merchant conditions see the alias's name), when given. */
  aliases?: readonly StoredMerchantAlias[] | AliasSet;
};

/**
 * Runs the enabled rules in priority order (higher first, then the oldest). Category, bucket and
 * merchant: the first matching rule that sets one wins that field. Tags accumulate over every
 * matching rule. Transfer and skip: any matching rule that says so.
 */
export function applyRules(tx: RuleTransaction, rules: readonly StoredRule[] | RuleSet, options: ApplyRulesOptions): RuleOutcome {
  const aliased = options.aliases ? applyMerchantAliases(tx.payee, options.aliases) : null;
  const outcome = evaluateRules(aliased === null ? tx : { ...tx, merchant: aliased }, rules);
  return { ...outcome, matchedAt: outcome.matchedRuleIds.length > 0 ? options.now : null };
}

/** applyRules without aliases or the clock: `tx.merchant` is already the one rules should see. */
export function evaluateRules(tx: RuleTransaction, rules: readonly StoredRule[] | RuleSet): Omit<RuleOutcome, 'matchedAt'> {
  let categoryId: string | null = null;
  let bucket: string | null = null;
  let merchant: string | null = null;
  let isTransfer = false;
  let skip = false;
  const tags = new Set<string>();
  const matchedRuleIds: string[] = [];
  for (const { rule, matches } of ruleSet(rules).rules) {
    if (!matches(tx)) continue;
    matchedRuleIds.push(rule.id);
    for (const action of rule.actions) {
      switch (action.type) {
        case 'set_category':
          categoryId ??= action.categoryId;
          break;
        case 'set_bucket':
          bucket ??= action.bucket;
          break;
        case 'add_tags':
          for (const tag of action.tags) tags.add(tag);
          break;
        case 'set_merchant':
          merchant ??= action.merchant;
          break;
        case 'mark_transfer':
          isTransfer = true;
          break;
        case 'skip':
          skip = true;
          break;
      }
    }
  }
  return { categoryId, bucket, tags: [...tags], merchant: merchant ?? tx.merchant, isTransfer, skip, matchedRuleIds };
}

// ---------------------------------------------------------------------------------------------
// The bucket at import when no rule sets one.

export const NO_BUCKET = 'none';
export const INCOME_BUCKET = 'income';

export type BucketKeywords = { bucket: string; keywords: readonly string[] };

/**
 * Tessera's default buckets. Keywords match whole words of the merchant and payee (case and
 * punctuation ignored: "TRADER JOE'S #552" has the words "trader joe"); the longest matching
 * keyword wins, so "uber eats" is dining while "uber" is transportation. Income has none: money in
 * is income by its sign.
 */
export const DEFAULT_BUCKETS: readonly BucketKeywords[] = [
  { bucket: 'income', keywords: [] },
  {
    bucket: 'housing',
    keywords: ['rent', 'mortgage', 'hoa', 'landlord', 'property tax', 'property management', 'apartments', 'home insurance', 'miete', 'loyer', 'alquiler'],
  },
  {
    bucket: 'groceries',
    keywords: [
      'grocery', 'groceries', 'supermarket', 'whole foods', 'trader joe', 'safeway', 'kroger', 'publix', 'wegmans', 'albertsons', 'sprouts',
      'costco', 'aldi', 'lidl', 'tesco', 'sainsbury', 'asda', 'waitrose', 'rewe', 'edeka', 'carrefour', 'mercadona', 'albert heijn', 'jumbo',
    ],
  },
  {
    bucket: 'dining',
    keywords: [
      'restaurant', 'cafe', 'coffee', 'starbucks', 'blue bottle', 'dunkin', 'mcdonald', 'burger', 'pizza', 'taco', 'sushi', 'chipotle',
      'bistro', 'diner', 'grill', 'bakery', 'doordash', 'grubhub', 'uber eats', 'deliveroo', 'just eat',
    ],
  },
  {
    bucket: 'transportation',
    keywords: [
      'uber', 'lyft', 'taxi', 'parking', 'toll', 'transit', 'metro', 'railway', 'amtrak', 'shell', 'chevron', 'exxon', 'mobil', 'bp',
      'fuel', 'gas station', 'car wash', 'auto repair',
    ],
  },
  {
    bucket: 'utilities',
    keywords: [
      'electric', 'electricity', 'water', 'sewer', 'utility', 'utilities', 'internet', 'broadband', 'comcast', 'xfinity', 'verizon',
      'at t', 't mobile', 'spectrum', 'pg e', 'con edison', 'vodafone',
    ],
  },
  {
    bucket: 'shopping',
    keywords: ['amazon', 'amzn', 'target', 'walmart', 'ebay', 'etsy', 'best buy', 'ikea', 'home depot', 'lowes', 'macy', 'nordstrom', 'zara'],
  },
  {
    bucket: 'entertainment',
    keywords: ['cinema', 'movie', 'movies', 'theater', 'theatre', 'amc', 'ticketmaster', 'concert', 'museum', 'steam', 'playstation', 'xbox', 'nintendo'],
  },
  {
    bucket: 'health',
    keywords: ['pharmacy', 'cvs', 'walgreens', 'rite aid', 'doctor', 'dental', 'dentist', 'clinic', 'hospital', 'medical', 'optometrist', 'apotheke', 'gym', 'fitness'],
  },
  {
    bucket: 'subscriptions',
    keywords: ['netflix', 'spotify', 'hulu', 'disney plus', 'apple com bill', 'icloud', 'youtube premium', 'patreon', 'adobe', 'dropbox', 'amazon prime', 'subscription'],
  },
  {
    bucket: 'travel',
    keywords: [
      'airline', 'airlines', 'airways', 'airbnb', 'hotel', 'hotels', 'marriott', 'hilton', 'hyatt', 'expedia', 'booking com', 'ryanair',
      'easyjet', 'lufthansa', 'hertz', 'avis', 'rent a car', 'car rental',
    ],
  },
  { bucket: 'none', keywords: [] },
];

/** Lower case, every run of non-letters/digits → one space, padded so " word " finds whole words. */
function words(text: string): string {
  return ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

/** The bucket whose keyword appears in `text` as whole words, the longest keyword winning (ties: list order). */
export function keywordBucket(text: string, keywordLists: readonly BucketKeywords[] = DEFAULT_BUCKETS): string | null {
  const haystack = words(text);
  let best: { bucket: string; length: number } | null = null;
  for (const { bucket, keywords } of keywordLists) {
    for (const keyword of keywords) {
      const needle = words(keyword);
      if (needle.length > 2 && haystack.includes(needle) && (!best || needle.length > best.length)) best = { bucket, length: needle.length };
    }
  }
  return best?.bucket ?? null;
}

/**
 * The bucket at import when no rule set one, in the original app's order: the bucket this merchant
 * had before (history keyed by merchantKey; a past `none` is no answer); any positive amount →
 * income; a keyword of a bucket in the merchant or payee; else none.
 */
export function defaultBucket(
  tx: { payee: string; merchant: string | null; amountMinor: bigint },
  history: ReadonlyMap<string, string>,
  keywordLists: readonly BucketKeywords[] = DEFAULT_BUCKETS,
): string {
  const before = history.get(merchantKey(tx));
  if (before && before !== NO_BUCKET) return before;
  if (tx.amountMinor > 0n) return INCOME_BUCKET;
  return keywordBucket(`${tx.merchant ?? ''} ${tx.payee}`, keywordLists) ?? NO_BUCKET;
}
