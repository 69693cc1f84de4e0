import { asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { moneySavedFilters } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/money/transactions/field-errors';
import { filterToJson, moneyFilterSchema, type MoneyFilter } from './filter-schema';

// Saved filters are shared by everyone in the workspace: pinned first, then the most used, as in
// the reference. Applying one (the transactions page with ?filter=…) counts a use.

export const savedFilterInputSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'Name the filter.' }).max(80, { error: 'At most 80 characters.' }),
  filter: moneyFilterSchema,
  pinned: z.boolean().default(false),
});

export const savedFilterPatchSchema = z.strictObject({
  name: savedFilterInputSchema.shape.name.optional(),
  filter: moneyFilterSchema.optional(),
  pinned: z.boolean().optional(),
});

export type SavedFilter = Omit<typeof moneySavedFilters.$inferSelect, 'filter'> & { filter: MoneyFilter };

function read(row: typeof moneySavedFilters.$inferSelect): SavedFilter {
  // Stored rows passed the schema when saved; a row that no longer parses (a schema change) lists everything rather than failing the page.
  const parsed = moneyFilterSchema.safeParse(row.filter);
  return { ...row, filter: parsed.success ? parsed.data : {} };
}

export async function listSavedFilters(tx: Tx): Promise<SavedFilter[]> {
  const rows = await tx
    .select()
    .from(moneySavedFilters)
    .orderBy(desc(moneySavedFilters.pinned), desc(moneySavedFilters.useCount), asc(moneySavedFilters.name));
  return rows.map(read);
}

export async function getSavedFilterOrThrow(tx: Tx, id: string): Promise<SavedFilter> {
  const [row] = await tx.select().from(moneySavedFilters).where(eq(moneySavedFilters.id, id));
  if (!row) throw new AppError('not_found', 'That saved filter does not exist.');
  return read(row);
}

const duplicateName = (name: string) => new AppError('conflict', `There is already a filter named “${name}”.`, { fields: { name: ['Pick another name.'] } });

export async function createSavedFilter(tx: Tx, ctx: TenantContext, raw: unknown): Promise<SavedFilter> {
  const input = parseOrThrow(savedFilterInputSchema, raw);
  const [row] = await tx
    .insert(moneySavedFilters)
    .values({ tenantId: ctx.tenantId, name: input.name, filter: filterToJson(input.filter), pinned: input.pinned, createdBy: ctx.userId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw duplicateName(input.name);
  return read(row);
}

export async function updateSavedFilter(tx: Tx, id: string, raw: unknown): Promise<SavedFilter> {
  const input = parseOrThrow(savedFilterPatchSchema, raw);
  await getSavedFilterOrThrow(tx, id);
  if (input.name !== undefined) {
    const [clash] = await tx.select({ id: moneySavedFilters.id }).from(moneySavedFilters).where(eq(moneySavedFilters.name, input.name));
    if (clash && clash.id !== id) throw duplicateName(input.name);
  }
  const [row] = await tx
    .update(moneySavedFilters)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.filter !== undefined ? { filter: filterToJson(input.filter) } : {}),
      ...(input.pinned !== undefined ? { pinned: input.pinned } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(moneySavedFilters.id, id))
    .returning();
  return read(row!);
}

export async function deleteSavedFilter(tx: Tx, id: string): Promise<void> {
  const deleted = await tx.delete(moneySavedFilters).where(eq(moneySavedFilters.id, id)).returning({ id: moneySavedFilters.id });
  if (!deleted.length) throw new AppError('not_found', 'That saved filter does not exist.');
}

/** The filter to apply, its use counted (in a write transaction: a page render counts nothing). */
export async function useSavedFilter(tx: Tx, id: string): Promise<SavedFilter> {
  const [row] = await tx
    .update(moneySavedFilters)
    .set({ useCount: sql`${moneySavedFilters.useCount} + 1` })
    .where(eq(moneySavedFilters.id, id))
    .returning();
  if (!row) throw new AppError('not_found', 'That saved filter does not exist.');
  return read(row);
}
