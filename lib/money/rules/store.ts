import { asc } from 'drizzle-orm';
import { moneyMerchantAliases, moneyRules } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { AliasSet, RuleSet } from './apply-rules';
import type { Action, Condition, StoredMerchantAlias, StoredRule } from './rule-schema';

// The workspace's saved rules and aliases as the engine takes them. Rows were validated by
// rule-schema when saved, so they are read back as those shapes.

export async function loadRules(tx: Tx): Promise<StoredRule[]> {
  const rows = await tx.select().from(moneyRules).orderBy(asc(moneyRules.createdAt));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    priority: row.priority,
    match: row.match as StoredRule['match'],
    conditions: row.conditions as Condition[],
    actions: row.actions as Action[],
    enabled: row.enabled,
    createdAt: row.createdAt,
  }));
}

export async function loadAliases(tx: Tx): Promise<StoredMerchantAlias[]> {
  const rows = await tx.select().from(moneyMerchantAliases).orderBy(asc(moneyMerchantAliases.createdAt));
  return rows.map((row) => ({
    id: row.id,
    pattern: row.pattern,
    kind: row.kind as StoredMerchantAlias['kind'],
    merchant: row.merchant,
    priority: row.priority,
    createdAt: row.createdAt,
  }));
}

/** Both, compiled once for a whole import or an "apply to existing". */
export async function loadRuleEngine(tx: Tx): Promise<{ rules: RuleSet; aliases: AliasSet }> {
  const [rules, aliases] = await Promise.all([loadRules(tx), loadAliases(tx)]);
  return { rules: new RuleSet(rules), aliases: new AliasSet(aliases) };
}
