import { and, asc, count, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { moneyCategories, moneyRules, moneySavedFilters, moneyTransactions, moneyTransactionSplits, MONEY_CATEGORY_KINDS } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { queueMoneyTransactionsChanged } from './budgets/transactions-changed';
import { bumpMoneyCache } from './cache-version';
import type { Action } from './rules/rule-schema';
import { fieldError, parseOrThrow } from './transactions/field-errors';

// A household's categories. Transactions and split lines point at them with a restrict foreign
// key, so a category in use is deleted only by moving what uses it (transactions, split lines,
// rules that set it, saved filters that name it) to another category first, in the same transaction.

export type MoneyCategory = typeof moneyCategories.$inferSelect;
export type CategoryWithUse = MoneyCategory & { transactions: number; rules: number };

const COLOR = /^#[0-9a-f]{6}$/i;

export const categoryInputSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'Name the category.' }).max(60, { error: 'At most 60 characters.' }),
  kind: z.enum(MONEY_CATEGORY_KINDS, { error: 'Choose expense or income.' }).default('expense'),
  color: z.preprocess((v) => (v === '' ? null : v), z.string().regex(COLOR, { error: 'A colour such as #3b82f6.' }).nullable().optional()),
  sortOrder: z.coerce.number().int().min(0).max(10_000).optional(),
});

export const categoryPatchSchema = z.strictObject({
  name: categoryInputSchema.shape.name.optional(),
  kind: z.enum(MONEY_CATEGORY_KINDS).optional(),
  color: categoryInputSchema.shape.color,
  sortOrder: categoryInputSchema.shape.sortOrder,
  archived: z.boolean().optional(),
});

export const categoryDeleteSchema = z.strictObject({
  moveTo: z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: 'Choose the category to move them to.' }).optional()),
});

const duplicate = (name: string) => fieldError('name', `There is already a category named “${name}”.`, 'conflict');

export async function listCategories(tx: Tx, options: { includeArchived?: boolean } = {}): Promise<MoneyCategory[]> {
  return tx
    .select()
    .from(moneyCategories)
    .where(options.includeArchived ? undefined : isNull(moneyCategories.archivedAt))
    .orderBy(asc(moneyCategories.kind), asc(moneyCategories.sortOrder), asc(moneyCategories.name));
}

/** Every category with how many transactions (and split lines) and rules use it. */
export async function listCategoriesWithUse(tx: Tx): Promise<CategoryWithUse[]> {
  const categories = await listCategories(tx, { includeArchived: true });
  const direct = await tx.select({ id: moneyTransactions.categoryId, n: count() }).from(moneyTransactions).groupBy(moneyTransactions.categoryId);
  const split = await tx.select({ id: moneyTransactionSplits.categoryId, n: count() }).from(moneyTransactionSplits).groupBy(moneyTransactionSplits.categoryId);
  const uses = new Map<string, number>();
  for (const row of [...direct, ...split]) if (row.id) uses.set(row.id, (uses.get(row.id) ?? 0) + row.n);
  const ruleUses = await rulesSetting(tx);
  return categories.map((c) => ({ ...c, transactions: uses.get(c.id) ?? 0, rules: ruleUses.filter((r) => r.categoryIds.includes(c.id)).length }));
}

async function rulesSetting(tx: Tx): Promise<{ id: string; actions: Action[]; categoryIds: string[] }[]> {
  const rules = await tx.select({ id: moneyRules.id, actions: moneyRules.actions }).from(moneyRules);
  return rules.map((rule) => {
    const actions = rule.actions as Action[];
    return { id: rule.id, actions, categoryIds: actions.flatMap((a) => (a.type === 'set_category' ? [a.categoryId] : [])) };
  });
}

export async function getCategoryOrThrow(tx: Tx, id: string): Promise<MoneyCategory> {
  const [row] = await tx.select().from(moneyCategories).where(eq(moneyCategories.id, id));
  if (!row) throw new AppError('not_found', 'That category does not exist.');
  return row;
}

/** Refuses ids that are not this workspace's categories (a field error, not a foreign-key failure). */
export async function assertCategoriesExist(tx: Tx, ids: readonly (string | null | undefined)[], field = 'categoryId'): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (!wanted.length) return;
  const found = await tx.select({ id: moneyCategories.id }).from(moneyCategories).where(inArray(moneyCategories.id, wanted));
  if (found.length !== wanted.length) throw fieldError(field, 'Choose a category from the list.');
}

export async function createCategory(tx: Tx, ctx: TenantContext, raw: unknown): Promise<MoneyCategory> {
  const input = parseOrThrow(categoryInputSchema, raw);
  const [last] = await tx.select({ max: sql<number>`coalesce(max(${moneyCategories.sortOrder}), -1)` }).from(moneyCategories);
  const [row] = await tx
    .insert(moneyCategories)
    .values({ tenantId: ctx.tenantId, name: input.name, kind: input.kind, color: input.color ?? null, sortOrder: input.sortOrder ?? Number(last?.max ?? -1) + 1 })
    .onConflictDoNothing()
    .returning();
  if (!row) throw duplicate(input.name);
  await bumpMoneyCache(tx, ctx.tenantId);
  return row;
}

export async function updateCategory(tx: Tx, ctx: TenantContext, id: string, raw: unknown): Promise<MoneyCategory> {
  const input = parseOrThrow(categoryPatchSchema, raw);
  await getCategoryOrThrow(tx, id);
  if (input.name !== undefined) {
    const [clash] = await tx.select({ id: moneyCategories.id }).from(moneyCategories).where(and(eq(moneyCategories.name, input.name), ne(moneyCategories.id, id)));
    if (clash) throw duplicate(input.name);
  }
  const [row] = await tx
    .update(moneyCategories)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.color !== undefined ? { color: input.color } : {}),
      ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
      ...(input.archived !== undefined ? { archivedAt: input.archived ? sql`now()` : null } : {}),
    })
    .where(eq(moneyCategories.id, id))
    .returning();
  await bumpMoneyCache(tx, ctx.tenantId);
  return row!;
}

export type CategoryDeleteResult = { movedTransactions: number; movedRules: number };

/**
 * Deletes a category. While transactions, split lines or rules use it, `moveTo` must name the
 * category they go to (409 otherwise, with the counts); a budget on it goes with it (the
 * foreign key cascades).
 */
export async function deleteCategory(tx: Tx, ctx: TenantContext, id: string, raw: unknown, meta: RequestMeta): Promise<CategoryDeleteResult> {
  const { moveTo } = parseOrThrow(categoryDeleteSchema, raw);
  const category = await getCategoryOrThrow(tx, id);
  if (moveTo === id) throw fieldError('moveTo', 'Choose another category to move them to.');
  if (moveTo) await assertCategoriesExist(tx, [moveTo], 'moveTo');
  const [direct] = await tx.select({ n: count() }).from(moneyTransactions).where(eq(moneyTransactions.categoryId, id));
  const [split] = await tx.select({ n: count() }).from(moneyTransactionSplits).where(eq(moneyTransactionSplits.categoryId, id));
  const rules = (await rulesSetting(tx)).filter((rule) => rule.categoryIds.includes(id));
  const used = (direct?.n ?? 0) + (split?.n ?? 0);
  if ((used > 0 || rules.length > 0) && !moveTo) {
    const message = `“${category.name}” is used by ${used} transaction${used === 1 ? '' : 's'} and ${rules.length} rule${rules.length === 1 ? '' : 's'}: choose a category to move them to.`;
    throw new AppError('conflict', message, { fields: { moveTo: [message] }, transactions: used, rules: rules.length });
  }
  if (moveTo) {
    // The budget check covers the days of what moves: the destination's budgets may now be over.
    const [span] = await tx
      .select({ from: sql<string | null>`min(${moneyTransactions.bookedOn})::text`, to: sql<string | null>`max(${moneyTransactions.bookedOn})::text` })
      .from(moneyTransactions)
      .where(
        sql`${moneyTransactions.categoryId} = ${id} or ${moneyTransactions.id} in (select ${moneyTransactionSplits.transactionId} from ${moneyTransactionSplits} where ${moneyTransactionSplits.categoryId} = ${id})`,
      );
    if (span?.from && span.to) await queueMoneyTransactionsChanged(tx, ctx.tenantId, { from: span.from, to: span.to });
    await tx.update(moneyTransactions).set({ categoryId: moveTo, updatedAt: sql`now()` }).where(eq(moneyTransactions.categoryId, id));
    await tx.update(moneyTransactionSplits).set({ categoryId: moveTo }).where(eq(moneyTransactionSplits.categoryId, id));
    for (const rule of rules) {
      const actions = rule.actions.map((a) => (a.type === 'set_category' && a.categoryId === id ? { ...a, categoryId: moveTo } : a));
      await tx.update(moneyRules).set({ actions, updatedAt: sql`now()` }).where(eq(moneyRules.id, rule.id));
    }
    // Saved filters naming it follow its transactions to the new category.
    const filters = await tx
      .select({ id: moneySavedFilters.id, filter: moneySavedFilters.filter })
      .from(moneySavedFilters)
      .where(sql`${moneySavedFilters.filter} -> 'categories' ? ${id}`);
    for (const saved of filters) {
      const filter = saved.filter as Record<string, unknown>;
      const categories = (filter.categories as string[]).map((c) => (c === id ? moveTo : c));
      await tx.update(moneySavedFilters).set({ filter: { ...filter, categories: [...new Set(categories)] }, updatedAt: sql`now()` }).where(eq(moneySavedFilters.id, saved.id));
    }
  }
  await tx.delete(moneyCategories).where(eq(moneyCategories.id, id));
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'money.category_deleted',
    actorUserId: ctx.userId,
    targetType: 'money_category',
    targetId: id,
    metadata: { name: category.name, movedTo: moveTo ?? null, transactions: used, rules: rules.length },
    ...meta,
  });
  return { movedTransactions: used, movedRules: rules.length };
}
