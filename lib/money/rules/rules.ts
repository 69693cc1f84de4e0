import { asc, desc, eq, inArray, lt, or, and, sql } from 'drizzle-orm';
import { moneyAccounts, moneyRules, moneyTransactions } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { queueMoneyTransactionsChanged } from '@/lib/money/budgets/transactions-changed';
import { bumpMoneyCache } from '@/lib/money/cache-version';
import { assertCategoriesExist } from '@/lib/money/categories';
import { ensureTagNames } from '@/lib/money/tags';
import { parseOrThrow } from '@/lib/money/transactions/field-errors';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { evaluateRules, RuleSet } from './apply-rules';
import { previewApply, type ExistingTransaction, type PreviewResult } from './preview-apply';
import { ruleSchema, type Rule, type StoredRule } from './rule-schema';
import { loadAliases, loadRules } from './store';

// Saved category rules: CRUD, "test" (the existing transactions a draft would match) and
// "apply to existing transactions" — all rules fill only what is unset (the reference's "Apply
// rules"), one rule applied explicitly overwrites what it sets. The preview and the apply run the
// same pure previewApply, so the count a person confirms is the count written.

export type MoneyRule = typeof moneyRules.$inferSelect;
export const TEST_MATCH_LIMIT = 50;
const SCAN_BATCH = 5000;
const WRITE_BATCH = 2000;

function stored(row: MoneyRule): StoredRule {
  return { id: row.id, name: row.name, priority: row.priority, match: row.match as Rule['match'], conditions: row.conditions as Rule['conditions'], actions: row.actions as Rule['actions'], enabled: row.enabled, createdAt: row.createdAt };
}

export async function listRules(tx: Tx): Promise<MoneyRule[]> {
  return tx.select().from(moneyRules).orderBy(desc(moneyRules.priority), asc(moneyRules.createdAt), asc(moneyRules.id));
}

export async function getRuleOrThrow(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<MoneyRule> {
  const query = tx.select().from(moneyRules).where(eq(moneyRules.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'That rule does not exist.');
  return row;
}

/** The rule parsed, with the categories and accounts it names checked as this workspace's. */
async function validRule(tx: Tx, raw: unknown): Promise<Rule> {
  const rule = parseOrThrow(ruleSchema, raw);
  const fields: Record<string, string[]> = {};
  for (const [index, action] of rule.actions.entries()) {
    if (action.type !== 'set_category') continue;
    try {
      await assertCategoriesExist(tx, [action.categoryId]);
    } catch {
      fields[`actions.${index}.categoryId`] = ['Choose a category from the list.'];
    }
  }
  for (const [index, condition] of rule.conditions.entries()) {
    if (condition.field !== 'account') continue;
    const found = await tx.select({ id: moneyAccounts.id }).from(moneyAccounts).where(inArray(moneyAccounts.id, condition.accountIds));
    if (found.length !== condition.accountIds.length) fields[`conditions.${index}.accountIds`] = ['Choose accounts from the list.'];
  }
  if (Object.keys(fields).length) throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields });
  return rule;
}

/** A saved rule's buckets and tags get their tag rows, so the tags page lists them. */
async function ensureRuleTags(tx: Tx, tenantId: string, rule: Rule): Promise<void> {
  for (const action of rule.actions) {
    if (action.type === 'set_bucket') await ensureTagNames(tx, tenantId, 'bucket', [action.bucket]);
    if (action.type === 'add_tags') await ensureTagNames(tx, tenantId, 'occasion', action.tags);
  }
}

export async function createRule(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta): Promise<MoneyRule> {
  const rule = await validRule(tx, raw);
  await ensureRuleTags(tx, ctx.tenantId, rule);
  const [row] = await tx
    .insert(moneyRules)
    .values({ tenantId: ctx.tenantId, name: rule.name, priority: rule.priority, match: rule.match, conditions: rule.conditions, actions: rule.actions, enabled: rule.enabled, createdBy: ctx.userId })
    .returning();
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.rule_created', actorUserId: ctx.userId, targetType: 'money_rule', targetId: row!.id, metadata: { name: rule.name }, ...meta });
  return row!;
}

/** Replaces the rule's name, priority, conditions and actions (the form sends the whole rule). */
export async function updateRule(tx: Tx, ctx: TenantContext, id: string, raw: unknown, meta: RequestMeta): Promise<MoneyRule> {
  await getRuleOrThrow(tx, id, { lock: true });
  const rule = await validRule(tx, raw);
  await ensureRuleTags(tx, ctx.tenantId, rule);
  const [row] = await tx
    .update(moneyRules)
    .set({ name: rule.name, priority: rule.priority, match: rule.match, conditions: rule.conditions, actions: rule.actions, enabled: rule.enabled, updatedAt: sql`now()` })
    .where(eq(moneyRules.id, id))
    .returning();
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.rule_updated', actorUserId: ctx.userId, targetType: 'money_rule', targetId: id, metadata: { name: rule.name }, ...meta });
  return row!;
}

export async function setRuleEnabled(tx: Tx, ctx: TenantContext, id: string, enabled: boolean, meta: RequestMeta): Promise<MoneyRule> {
  const current = await getRuleOrThrow(tx, id, { lock: true });
  const [row] = await tx.update(moneyRules).set({ enabled, updatedAt: sql`now()` }).where(eq(moneyRules.id, id)).returning();
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.rule_updated', actorUserId: ctx.userId, targetType: 'money_rule', targetId: id, metadata: { name: current.name, enabled }, ...meta });
  return row!;
}

export async function deleteRule(tx: Tx, ctx: TenantContext, id: string, meta: RequestMeta): Promise<void> {
  const current = await getRuleOrThrow(tx, id, { lock: true });
  await tx.delete(moneyRules).where(eq(moneyRules.id, id));
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.rule_deleted', actorUserId: ctx.userId, targetType: 'money_rule', targetId: id, metadata: { name: current.name }, ...meta });
}

// ——— Reading existing transactions as the engine sees them.

const engineColumns = {
  id: moneyTransactions.id,
  bookedOn: moneyTransactions.bookedOn,
  payee: moneyTransactions.payee,
  memo: moneyTransactions.memo,
  merchant: moneyTransactions.merchant,
  amountMinor: moneyTransactions.amountMinor,
  currency: moneyTransactions.currency,
  accountId: moneyTransactions.accountId,
  categoryId: moneyTransactions.categoryId,
  bucket: moneyTransactions.bucket,
  tags: moneyTransactions.tags,
  isTransfer: moneyTransactions.isTransfer,
};

type EngineRow = ExistingTransaction & { bookedOn: string };

/** Newest first, in batches, until `visit` says stop. */
async function scanTransactions(tx: Tx, visit: (rows: EngineRow[]) => boolean): Promise<void> {
  let after: { b: string; i: string } | null = null;
  for (;;) {
    const cursor: { b: string; i: string } | null = after;
    const rows: EngineRow[] = await tx
      .select(engineColumns)
      .from(moneyTransactions)
      .where(cursor ? or(lt(moneyTransactions.bookedOn, cursor.b), and(eq(moneyTransactions.bookedOn, cursor.b), lt(moneyTransactions.id, cursor.i))) : undefined)
      .orderBy(desc(moneyTransactions.bookedOn), desc(moneyTransactions.id))
      .limit(SCAN_BATCH);
    if (!rows.length || !visit(rows) || rows.length < SCAN_BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { b: last.bookedOn, i: last.id };
  }
}

export type RuleTestResult = { matches: EngineRow[]; limited: boolean };

/** Up to 50 existing transactions (newest first) a rule — saved or a draft — matches. Writes nothing. */
export async function testRule(tx: Tx, raw: unknown): Promise<RuleTestResult> {
  const rule = await validRule(tx, raw);
  const set = new RuleSet([{ ...rule, enabled: true, id: 'test', createdAt: new Date(0) }]);
  const matches: EngineRow[] = [];
  let limited = false;
  await scanTransactions(tx, (rows) => {
    for (const row of rows) {
      if (evaluateRules(row, set).matchedRuleIds.length === 0) continue;
      if (matches.length === TEST_MATCH_LIMIT) {
        limited = true;
        return false;
      }
      matches.push(row);
    }
    return true;
  });
  return { matches, limited };
}

export async function testSavedRule(tx: Tx, id: string): Promise<RuleTestResult> {
  const row = await getRuleOrThrow(tx, id);
  return testRule(tx, { name: row.name, priority: row.priority, match: row.match, conditions: row.conditions, actions: row.actions, enabled: row.enabled });
}

export type ApplyScope = { ruleId?: string };

async function preview(tx: Tx, scope: ApplyScope): Promise<{ result: PreviewResult; bookedOn: Map<string, string> }> {
  const rows: EngineRow[] = [];
  await scanTransactions(tx, (batch) => {
    rows.push(...batch);
    return true;
  });
  const bookedOn = new Map(rows.map((row) => [row.id, row.bookedOn]));
  if (scope.ruleId) {
    const rule = stored(await getRuleOrThrow(tx, scope.ruleId));
    // Applying one rule explicitly: it runs even while disabled, and what it sets replaces what is there.
    return { result: previewApply(rows, [{ ...rule, enabled: true }], [], { onlyUnset: false }), bookedOn };
  }
  const [rules, aliases] = [await loadRules(tx), await loadAliases(tx)];
  return { result: previewApply(rows, rules, aliases, { onlyUnset: true }), bookedOn };
}

/** What "apply" would change, counted per field, with the first changes to show. */
export async function previewApplyRules(tx: Tx, scope: ApplyScope): Promise<PreviewResult> {
  return (await preview(tx, scope)).result;
}

/** Writes what the preview shows, counts matches on the rules, and returns the counts. */
export async function applyRulesToExisting(tx: Tx, ctx: TenantContext, scope: ApplyScope, meta: RequestMeta): Promise<PreviewResult['counts']> {
  const {
    result: { changes, counts },
    bookedOn,
  } = await preview(tx, scope);
  for (let start = 0; start < changes.length; start += WRITE_BATCH) {
    const chunk = changes.slice(start, start + WRITE_BATCH).map((change) => ({
      id: change.id,
      category_id: change.after.categoryId,
      bucket: change.after.bucket ?? 'none',
      tags: change.after.tags,
      merchant: change.after.merchant,
      is_transfer: change.after.isTransfer,
    }));
    await tx.execute(sql`
      update ${moneyTransactions} as t
         set category_id = c.category_id, bucket = c.bucket, tags = c.tags, merchant = c.merchant, is_transfer = c.is_transfer, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as c(id uuid, category_id uuid, bucket text, tags text[], merchant text, is_transfer boolean)
       where t.id = c.id`);
  }
  const perRule = new Map<string, number>();
  for (const change of changes) for (const id of change.matchedRuleIds) perRule.set(id, (perRule.get(id) ?? 0) + 1);
  for (const [id, n] of perRule) {
    await tx.update(moneyRules).set({ matchCount: sql`${moneyRules.matchCount} + ${n}`, lastMatchedAt: sql`now()` }).where(eq(moneyRules.id, id));
  }
  if (changes.length) {
    await bumpMoneyCache(tx, ctx.tenantId);
    const dates = changes.map((change) => bookedOn.get(change.id)!).sort();
    await queueMoneyTransactionsChanged(tx, ctx.tenantId, { from: dates[0]!, to: dates.at(-1)! });
  }
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'money.rules_applied',
    actorUserId: ctx.userId,
    targetType: scope.ruleId ? 'money_rule' : null,
    targetId: scope.ruleId ?? null,
    metadata: { ...counts, mode: scope.ruleId ? 'one_rule_overwrite' : 'all_rules_fill_unset' },
    ...meta,
  });
  return counts;
}
