import { and, asc, count, desc, eq, max, ne, sql, sum } from 'drizzle-orm';
import { moneyMerchantAliases, moneyTransactions } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import type { CurrencyCode } from '@/lib/currency';
import { AppError } from '@/lib/errors/app-error';
import { bumpMoneyCache } from '@/lib/money/cache-version';
import { fieldError, parseOrThrow } from '@/lib/money/transactions/field-errors';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { AliasSet } from './apply-rules';
import { merchantAliasSchema, type StoredMerchantAlias } from './rule-schema';
import { loadAliases } from './store';
import { suggestMerchantAliases, type MerchantAliasSuggestion } from './suggest';

// Merchant aliases (a raw payee pattern → a clean name): CRUD, a dry run of what they would
// change on existing transactions, applying them, suggestions from payees seen three times or
// more, and the merchants list with its totals (transfers left out, as from every figure).

export type MoneyMerchantAlias = typeof moneyMerchantAliases.$inferSelect;
export const DRY_RUN_SAMPLE = 100;
const WRITE_BATCH = 2000;

export async function listAliases(tx: Tx): Promise<MoneyMerchantAlias[]> {
  return tx.select().from(moneyMerchantAliases).orderBy(desc(moneyMerchantAliases.priority), asc(moneyMerchantAliases.createdAt), asc(moneyMerchantAliases.id));
}

export async function getAliasOrThrow(tx: Tx, id: string): Promise<MoneyMerchantAlias> {
  const [row] = await tx.select().from(moneyMerchantAliases).where(eq(moneyMerchantAliases.id, id));
  if (!row) throw new AppError('not_found', 'That merchant alias does not exist.');
  return row;
}

const duplicate = () => fieldError('pattern', 'There is already an alias with that pattern and kind.', 'conflict');

export async function createAlias(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta): Promise<MoneyMerchantAlias> {
  const input = parseOrThrow(merchantAliasSchema, raw);
  const [row] = await tx.insert(moneyMerchantAliases).values({ tenantId: ctx.tenantId, ...input }).onConflictDoNothing().returning();
  if (!row) throw duplicate();
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.merchant_alias_created', actorUserId: ctx.userId, targetType: 'money_merchant_alias', targetId: row.id, metadata: { pattern: row.pattern, merchant: row.merchant }, ...meta });
  return row;
}

export async function updateAlias(tx: Tx, ctx: TenantContext, id: string, raw: unknown, meta: RequestMeta): Promise<MoneyMerchantAlias> {
  await getAliasOrThrow(tx, id);
  const input = parseOrThrow(merchantAliasSchema, raw);
  const [clash] = await tx
    .select({ id: moneyMerchantAliases.id })
    .from(moneyMerchantAliases)
    .where(and(eq(moneyMerchantAliases.kind, input.kind), eq(moneyMerchantAliases.pattern, input.pattern), ne(moneyMerchantAliases.id, id)));
  if (clash) throw duplicate();
  const [row] = await tx.update(moneyMerchantAliases).set(input).where(eq(moneyMerchantAliases.id, id)).returning();
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.merchant_alias_updated', actorUserId: ctx.userId, targetType: 'money_merchant_alias', targetId: id, metadata: { pattern: input.pattern, merchant: input.merchant }, ...meta });
  return row!;
}

export async function deleteAlias(tx: Tx, ctx: TenantContext, id: string, meta: RequestMeta): Promise<void> {
  const current = await getAliasOrThrow(tx, id);
  await tx.delete(moneyMerchantAliases).where(eq(moneyMerchantAliases.id, id));
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.merchant_alias_deleted', actorUserId: ctx.userId, targetType: 'money_merchant_alias', targetId: id, metadata: { pattern: current.pattern, merchant: current.merchant }, ...meta });
}

// ——— Dry run and apply.

export type AliasChange = { id: string; payee: string; before: string | null; after: string; aliasId: string };
export type AliasDryRun = { count: number; sample: AliasChange[] };

/** The first alias (by priority, then age) matching the payee, as the engine picks it. */
function firstMatch(set: AliasSet, payee: string): StoredMerchantAlias | null {
  const lower = payee.replace(/\s+/g, ' ').trim().toLowerCase();
  for (const { alias, test } of set.aliases) if (test(lower, payee)) return alias;
  return null;
}

async function aliasChanges(tx: Tx, aliases: readonly StoredMerchantAlias[]): Promise<AliasChange[]> {
  const set = new AliasSet(aliases);
  const rows = await tx.select({ id: moneyTransactions.id, payee: moneyTransactions.payee, merchant: moneyTransactions.merchant }).from(moneyTransactions).orderBy(desc(moneyTransactions.bookedOn), desc(moneyTransactions.id));
  const changes: AliasChange[] = [];
  for (const row of rows) {
    const alias = firstMatch(set, row.payee);
    if (alias && alias.merchant !== row.merchant) changes.push({ id: row.id, payee: row.payee, before: row.merchant, after: alias.merchant, aliasId: alias.id });
  }
  return changes;
}

/**
 * What the saved aliases would change on existing transactions — or, given a draft, what that
 * one alias would change on its own (the form's "dry run" before saving). Writes nothing.
 */
export async function dryRunAliases(tx: Tx, draft?: unknown): Promise<AliasDryRun> {
  const aliases = draft === undefined ? await loadAliases(tx) : [{ ...parseOrThrow(merchantAliasSchema, draft), id: 'draft', createdAt: new Date(0) }];
  const changes = await aliasChanges(tx, aliases);
  return { count: changes.length, sample: changes.slice(0, DRY_RUN_SAMPLE) };
}

/** Sets the merchant the saved aliases give on every transaction they match; counts the matches. */
export async function applyAliasesToExisting(tx: Tx, ctx: TenantContext, meta: RequestMeta): Promise<{ updated: number }> {
  const changes = await aliasChanges(tx, await loadAliases(tx));
  for (let start = 0; start < changes.length; start += WRITE_BATCH) {
    const chunk = changes.slice(start, start + WRITE_BATCH).map((c) => ({ id: c.id, merchant: c.after }));
    await tx.execute(sql`
      update ${moneyTransactions} as t set merchant = c.merchant, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as c(id uuid, merchant text)
       where t.id = c.id`);
  }
  const perAlias = new Map<string, number>();
  for (const change of changes) perAlias.set(change.aliasId, (perAlias.get(change.aliasId) ?? 0) + 1);
  for (const [id, n] of perAlias) await tx.update(moneyMerchantAliases).set({ matchCount: sql`${moneyMerchantAliases.matchCount} + ${n}` }).where(eq(moneyMerchantAliases.id, id));
  if (changes.length) {
    await bumpMoneyCache(tx, ctx.tenantId);
    await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.merchant_aliases_applied', actorUserId: ctx.userId, targetType: null, metadata: { updated: changes.length }, ...meta });
  }
  return { updated: changes.length };
}

/** Alias suggestions from the workspace's payees (seen ≥ 3 times, not already mapped). */
export async function aliasSuggestions(tx: Tx, limit = 20): Promise<MerchantAliasSuggestion[]> {
  const payees = await tx.select({ payee: moneyTransactions.payee }).from(moneyTransactions).where(sql`${moneyTransactions.merchant} is null or ${moneyTransactions.merchant} = ${moneyTransactions.payee}`);
  return suggestMerchantAliases(
    payees.map((p) => p.payee),
    { aliases: await loadAliases(tx) },
  ).slice(0, limit);
}

// ——— The merchants list.

export type MerchantTotal = { merchant: string; currency: CurrencyCode; count: number; spentMinor: bigint; receivedMinor: bigint; lastSeen: string };

/** Each merchant (the payee where a transaction has none) with its count, spending and last date; transfers left out. */
export async function merchantTotals(tx: Tx, options: { limit?: number } = {}): Promise<MerchantTotal[]> {
  const name = sql<string>`coalesce(${moneyTransactions.merchant}, ${moneyTransactions.payee})`;
  const spent = sum(sql`case when ${moneyTransactions.amountMinor} < 0 then -${moneyTransactions.amountMinor} else 0 end`);
  const rows = await tx
    .select({
      merchant: sql<string>`min(${name})`,
      currency: moneyTransactions.currency,
      n: count(),
      spent,
      received: sum(sql`case when ${moneyTransactions.amountMinor} > 0 then ${moneyTransactions.amountMinor} else 0 end`),
      lastSeen: max(moneyTransactions.bookedOn),
    })
    .from(moneyTransactions)
    .where(eq(moneyTransactions.isTransfer, false))
    .groupBy(sql`lower(${name})`, moneyTransactions.currency)
    .orderBy(sql`${spent} desc`, sql`count(*) desc`)
    .limit(options.limit ?? 500);
  return rows.map((r) => ({ merchant: r.merchant, currency: r.currency, count: r.n, spentMinor: BigInt(r.spent ?? 0), receivedMinor: BigInt(r.received ?? 0), lastSeen: r.lastSeen ?? '' }));
}
