import { AliasSet, NO_BUCKET, type RuleTransaction, RuleSet, applyMerchantAliases, evaluateRules } from './apply-rules';
import type { StoredMerchantAlias, StoredRule } from './rule-schema';

// "Apply to existing transactions": what would change, counted per field, before anything is
// written. Pure: the caller loads the transactions and writes `after` for each change.

export type ExistingTransaction = RuleTransaction & {
  id: string;
  categoryId: string | null;
  /** null or 'none': no bucket yet. */
  bucket: string | null;
  tags: readonly string[];
  isTransfer: boolean;
};

export type TransactionLabels = {
  categoryId: string | null;
  bucket: string | null;
  tags: string[];
  merchant: string | null;
  isTransfer: boolean;
};

export type PreviewChange = { id: string; before: TransactionLabels; after: TransactionLabels; matchedRuleIds: string[] };

export type PreviewCounts = {
  /** Transactions with at least one change (= changes.length). */
  transactions: number;
  category: number;
  bucket: number;
  tags: number;
  merchant: number;
  transfer: number;
};

export type PreviewResult = { changes: PreviewChange[]; counts: PreviewCounts };

export type PreviewOptions = {
  /**
   * true — "Apply rules" (the original's default): fill only what is unset, never overwrite: a
   * category only where there is none, a bucket only where it is none, a merchant only where
   * there is none. false — applying a rule explicitly: what the rules set replaces what is there.
   * Either way tags are only added and a transfer flag is only set, never removed, and `skip`
   * (an import-time action) does nothing to existing transactions.
   */
  onlyUnset: boolean;
};

function isUnsetBucket(bucket: string | null): boolean {
  return bucket === null || bucket === NO_BUCKET;
}

export function previewApply(
  transactions: readonly ExistingTransaction[],
  rules: readonly StoredRule[] | RuleSet,
  aliases: readonly StoredMerchantAlias[] | AliasSet,
  options: PreviewOptions,
): PreviewResult {
  const ruleSet = rules instanceof RuleSet ? rules : new RuleSet(rules);
  const aliasSet = aliases instanceof AliasSet ? aliases : new AliasSet(aliases);
  const counts: PreviewCounts = { transactions: 0, category: 0, bucket: 0, tags: 0, merchant: 0, transfer: 0 };
  const changes: PreviewChange[] = [];

  for (const tx of transactions) {
    const before: TransactionLabels = {
      categoryId: tx.categoryId,
      bucket: tx.bucket,
      tags: [...tx.tags],
      merchant: tx.merchant,
      isTransfer: tx.isTransfer,
    };
    // Aliases first, then the rules see the merchant the transaction would end up with.
    const keepMerchant = options.onlyUnset && tx.merchant !== null;
    const merchant = keepMerchant ? tx.merchant : (applyMerchantAliases(tx.payee, aliasSet) ?? tx.merchant);
    const outcome = evaluateRules({ ...tx, merchant }, ruleSet);

    const after: TransactionLabels = {
      categoryId: outcome.categoryId !== null && (!options.onlyUnset || tx.categoryId === null) ? outcome.categoryId : tx.categoryId,
      bucket: outcome.bucket !== null && (!options.onlyUnset || isUnsetBucket(tx.bucket)) ? outcome.bucket : tx.bucket,
      tags: [...new Set([...tx.tags, ...outcome.tags])],
      merchant: keepMerchant ? tx.merchant : outcome.merchant,
      isTransfer: tx.isTransfer || outcome.isTransfer,
    };

    const changed = {
      category: after.categoryId !== before.categoryId,
      bucket: after.bucket !== before.bucket,
      tags: outcome.tags.some((tag) => !tx.tags.includes(tag)),
      merchant: after.merchant !== before.merchant,
      transfer: after.isTransfer !== before.isTransfer,
    };
    if (!Object.values(changed).some(Boolean)) continue;
    for (const field of Object.keys(changed) as (keyof typeof changed)[]) if (changed[field]) counts[field]++;
    counts.transactions++;
    changes.push({ id: tx.id, before, after, matchedRuleIds: outcome.matchedRuleIds });
  }
  return { changes, counts };
}
