import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { moneyBudgets, moneyCategories } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { currencyCodeSchema, parseMoney, type CurrencyCode } from '@/lib/currency';
import { AppError } from '@/lib/errors/app-error';
import { bumpMoneyCache } from '@/lib/money/cache-version';
import { bucketNameSchema } from '@/lib/money/rules/rule-schema';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { BUDGET_PERIODS, DEFAULT_THRESHOLDS, type BudgetPeriod } from './budget-math';

// A budget: an amount a month (or a year) for one category or one bucket, in one currency.

const thresholdsSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean).map(Number) : value),
  z
    .array(z.number({ error: 'Thresholds are whole percentages, like 80, 100.' }).int({ error: 'Thresholds are whole percentages, like 80, 100.' }).min(1, { error: 'A threshold is from 1 to 500 %.' }).max(500, { error: 'A threshold is from 1 to 500 %.' }), {
      error: 'Thresholds are whole percentages, like 80, 100.',
    })
    .min(1, { error: 'Give at least one threshold, like 80, 100.' })
    .max(5, { error: 'At most five thresholds.' })
    .transform((list) => [...new Set(list)].sort((a, b) => a - b)),
);

const amountSchema = z
  .string({ error: 'Enter an amount, like 250.00.' })
  .trim()
  .regex(/^\d+(\.\d+)?$/, { error: 'Enter an amount, like 250.00.' })
  .refine((value) => /[1-9]/.test(value), { error: 'A budget is more than nothing.' });

const targetFields = {
  categoryId: z.uuid({ error: 'Choose a category.' }).optional(),
  bucket: bucketNameSchema.optional(),
};

export const budgetInputSchema = z
  .strictObject({
    ...targetFields,
    period: z.enum(BUDGET_PERIODS, { error: 'Choose monthly or yearly.' }).default('monthly'),
    amount: amountSchema,
    currency: currencyCodeSchema,
    rollover: z.boolean().default(false),
    thresholds: thresholdsSchema.default([...DEFAULT_THRESHOLDS]),
  })
  .superRefine((input, ctx) => {
    if ((input.categoryId === undefined) === (input.bucket === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['categoryId'], message: 'Choose a category or a bucket (one of them).' });
    }
  });

/** A change: the target and currency stay; the rest may change. */
export const budgetPatchSchema = z.strictObject({
  period: z.enum(BUDGET_PERIODS, { error: 'Choose monthly or yearly.' }).optional(),
  amount: amountSchema.optional(),
  rollover: z.boolean().optional(),
  thresholds: thresholdsSchema.optional(),
});

export type BudgetInput = z.input<typeof budgetInputSchema>;
export type BudgetPatch = z.input<typeof budgetPatchSchema>;
export type BudgetRow = typeof moneyBudgets.$inferSelect;
export type BudgetItem = Omit<BudgetRow, 'period' | 'currency'> & { period: BudgetPeriod; currency: CurrencyCode; name: string };

function validation(error: z.ZodError): AppError {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    (fields[key] ??= []).push(issue.message);
  }
  const first = error.issues[0];
  return new AppError('validation_failed', first ? first.message : 'Check the budget.', { fields });
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validation(parsed.error);
  return parsed.data;
}

const selection = {
  row: moneyBudgets,
  categoryName: moneyCategories.name,
};

function item({ row, categoryName }: { row: BudgetRow; categoryName: string | null }): BudgetItem {
  return { ...row, period: row.period as BudgetPeriod, currency: row.currency as CurrencyCode, name: categoryName ?? row.bucket ?? 'Budget' };
}

export async function listBudgets(tx: Tx): Promise<BudgetItem[]> {
  const rows = await tx
    .select(selection)
    .from(moneyBudgets)
    .leftJoin(moneyCategories, eq(moneyCategories.id, moneyBudgets.categoryId))
    .orderBy(asc(moneyBudgets.createdAt), asc(moneyBudgets.id));
  return rows.map(item).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getBudgetOrThrow(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<BudgetItem> {
  const query = tx.select(selection).from(moneyBudgets).leftJoin(moneyCategories, eq(moneyCategories.id, moneyBudgets.categoryId)).where(eq(moneyBudgets.id, id));
  const [row] = options.lock ? await query.for('update', { of: moneyBudgets }) : await query;
  if (!row) throw new AppError('not_found', 'That budget does not exist.');
  return item(row);
}

/** The version the API's ETag carries: it moves on every change. */
export const budgetVersion = (budget: Pick<BudgetRow, 'updatedAt'>) => budget.updatedAt.getTime();

const duplicate = () => new AppError('conflict', 'There is already a budget for that category or bucket and period.', { fields: { categoryId: ['It already has a budget for this period: change that one instead.'] } });

export async function createBudget(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta): Promise<BudgetItem> {
  const input = parse(budgetInputSchema, raw);
  if (input.categoryId) {
    const [category] = await tx.select({ id: moneyCategories.id }).from(moneyCategories).where(eq(moneyCategories.id, input.categoryId));
    if (!category) throw new AppError('validation_failed', 'That category does not exist.', { fields: { categoryId: ['That category does not exist.'] } });
  }
  const [row] = await tx
    .insert(moneyBudgets)
    .values({
      tenantId: ctx.tenantId,
      categoryId: input.categoryId ?? null,
      bucket: input.bucket ?? null,
      period: input.period,
      amountMinor: parseMoney(input.amount, input.currency),
      currency: input.currency,
      rollover: input.rollover,
      thresholds: input.thresholds,
    })
    .onConflictDoNothing()
    .returning({ id: moneyBudgets.id });
  if (!row) throw duplicate();
  await bumpMoneyCache(tx, ctx.tenantId);
  const created = await getBudgetOrThrow(tx, row.id);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.budget_created', actorUserId: ctx.userId, targetType: 'money_budget', targetId: row.id, metadata: { name: created.name, period: created.period, amountMinor: String(created.amountMinor), currency: created.currency }, ...meta });
  return created;
}

export async function updateBudget(tx: Tx, ctx: TenantContext, id: string, raw: unknown, meta: RequestMeta): Promise<BudgetItem> {
  const patch = parse(budgetPatchSchema, raw);
  const current = await getBudgetOrThrow(tx, id, { lock: true });
  const changes = {
    ...(patch.period !== undefined ? { period: patch.period } : {}),
    ...(patch.amount !== undefined ? { amountMinor: parseMoney(patch.amount, current.currency) } : {}),
    ...(patch.rollover !== undefined ? { rollover: patch.rollover } : {}),
    ...(patch.thresholds !== undefined ? { thresholds: patch.thresholds } : {}),
  };
  try {
    // clock_timestamp: two changes in one transaction still move the ETag.
    await tx.update(moneyBudgets).set({ ...changes, updatedAt: sql`clock_timestamp()` }).where(eq(moneyBudgets.id, id));
  } catch (error) {
    if (String((error as { cause?: { code?: string } }).cause?.code) === '23505') throw duplicate();
    throw error;
  }
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.budget_updated', actorUserId: ctx.userId, targetType: 'money_budget', targetId: id, metadata: { name: current.name, changed: Object.keys(changes) }, ...meta });
  return getBudgetOrThrow(tx, id);
}

export async function deleteBudget(tx: Tx, ctx: TenantContext, id: string, meta: RequestMeta): Promise<void> {
  const current = await getBudgetOrThrow(tx, id, { lock: true });
  await tx.delete(moneyBudgets).where(eq(moneyBudgets.id, id));
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.budget_deleted', actorUserId: ctx.userId, targetType: 'money_budget', targetId: id, metadata: { name: current.name }, ...meta });
}
