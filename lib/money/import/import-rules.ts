import { sql } from 'drizzle-orm';
import { moneyCategories, moneyMerchantAliases, moneyRules, moneyTransactions } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { rowsOf } from '@/db/rows';
import { AliasSet, evaluateRules, RuleSet } from '@/lib/money/rules/apply-rules';
import { loadAliases, loadRules } from '@/lib/money/rules/store';
import { compileKeywordBuckets, importBucket, type KeywordMatcher } from './import-bucket';
import type { ParsedRow } from './statement';

// The workspace's rules at import, per row and in the reference's order: merchant aliases (the
// clean merchant), then the category rules (category, bucket, occasion tags, merchant, transfer,
// skip), then — when no rule set a bucket — the default bucket (this merchant's last bucket on the
// workspace, money in → income, keywords, else none).

export type RuledFields = {
  merchant: string | null;
  categoryId: string | null;
  bucket: string;
  /** Where the bucket came from, for the preview. */
  bucketFrom: 'rule' | 'history' | 'income' | 'keyword' | 'none';
  tags: string[];
  isTransfer: boolean;
  /** A rule said "don't import": left out and counted. */
  skip: boolean;
  ruleIds: string[];
  aliasId: string | null;
};

export type ImportRules = {
  rules: RuleSet;
  aliases: AliasSet;
  /** merchantKey → the bucket it last had (never `none`). */
  history: ReadonlyMap<string, string>;
  keywords: KeywordMatcher;
  /** Rule and alias names by id, for the preview. */
  names: ReadonlyMap<string, string>;
};

/** Loads once per import: rules, aliases, the bucket history (one query) and the live categories. */
export async function loadImportRules(tx: Tx): Promise<ImportRules> {
  const [stored, aliases] = await Promise.all([loadRules(tx), loadAliases(tx)]);
  // The same key as merchantKey (squished, lower case): the merchant's latest bucket that isn't none.
  const key = sql`lower(btrim(regexp_replace(coalesce(${moneyTransactions.merchant}, ${moneyTransactions.payee}), '\\s+', ' ', 'g')))`;
  const history = await tx.execute(sql`
    select distinct on (${key}) ${key} as key, ${moneyTransactions.bucket} as bucket
    from ${moneyTransactions}
    where ${moneyTransactions.bucket} <> 'none'
    order by ${key}, ${moneyTransactions.bookedOn} desc, ${moneyTransactions.createdAt} desc`);
  const live = new Set((await tx.select({ id: moneyCategories.id }).from(moneyCategories)).map((c) => c.id));
  // A rule whose category was deleted since it was saved would fail the insert on the foreign
  // key: its set_category is dropped for this import (the rest of the rule still applies).
  const rules = stored.map((rule) => ({ ...rule, actions: rule.actions.filter((a) => a.type !== 'set_category' || live.has(a.categoryId)) }));
  const names = new Map<string, string>();
  for (const rule of rules) names.set(rule.id, rule.name);
  for (const alias of aliases) names.set(alias.id, `${alias.pattern} → ${alias.merchant}`);
  return {
    rules: new RuleSet(rules),
    aliases: new AliasSet(aliases),
    history: new Map(rowsOf<{ key: string; bucket: string }>(history).map((row) => [row.key, row.bucket])),
    keywords: compileKeywordBuckets(),
    names,
  };
}

export function applyImportRules(row: ParsedRow, accountId: string, rules: ImportRules): RuledFields {
  let merchant = row.merchant;
  let aliasId: string | null = null;
  const lower = row.payee.replace(/\s+/g, ' ').trim().toLowerCase();
  for (const { alias, test } of rules.aliases.aliases) {
    if (test(lower, row.payee)) {
      merchant = alias.merchant;
      aliasId = alias.id;
      break;
    }
  }
  const outcome = evaluateRules({ payee: row.payee, memo: row.memo, merchant, amountMinor: row.amountMinor, currency: row.currency, accountId }, rules.rules);
  const ruled = { payee: row.payee, merchant: outcome.merchant, amountMinor: row.amountMinor };
  const bucket = outcome.bucket ? { bucket: outcome.bucket, from: 'rule' as const } : importBucket(ruled, rules.history, rules.keywords);
  return {
    merchant: outcome.merchant,
    categoryId: outcome.categoryId,
    bucket: bucket.bucket,
    bucketFrom: bucket.from,
    tags: outcome.tags,
    isTransfer: outcome.isTransfer,
    skip: outcome.skip,
    ruleIds: outcome.matchedRuleIds,
    aliasId,
  };
}

/** At commit: each matched rule's count and last-matched time, each alias's count (one statement each). */
export async function recordRuleMatches(tx: Tx, rows: readonly Pick<RuledFields, 'ruleIds' | 'aliasId'>[], now: Date): Promise<void> {
  const ruleCounts = new Map<string, number>();
  const aliasCounts = new Map<string, number>();
  for (const row of rows) {
    for (const id of row.ruleIds) ruleCounts.set(id, (ruleCounts.get(id) ?? 0) + 1);
    if (row.aliasId) aliasCounts.set(row.aliasId, (aliasCounts.get(row.aliasId) ?? 0) + 1);
  }
  if (ruleCounts.size) {
    const json = JSON.stringify([...ruleCounts].map(([id, n]) => ({ id, n })));
    await tx.execute(sql`
      update ${moneyRules} set match_count = ${moneyRules.matchCount} + c.n, last_matched_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as c(id uuid, n integer) where ${moneyRules.id} = c.id`);
  }
  if (aliasCounts.size) {
    const json = JSON.stringify([...aliasCounts].map(([id, n]) => ({ id, n })));
    await tx.execute(sql`
      update ${moneyMerchantAliases} set match_count = ${moneyMerchantAliases.matchCount} + c.n
      from jsonb_to_recordset(${json}::jsonb) as c(id uuid, n integer) where ${moneyMerchantAliases.id} = c.id`);
  }
}
