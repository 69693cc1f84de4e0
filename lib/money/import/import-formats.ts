import { desc, eq, sql } from 'drizzle-orm';
import { moneyImportFormats } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { type Mapping, mappingSchema } from './csv';

// The workspace's saved CSV layouts (the mapping wizard's result, kept by name): found again by
// the header's signature, so the next export from the same bank is read without asking.

export type SavedFormat = { id: string; name: string; mapping: Mapping };

/** The most used saved format whose header signature matches, if any. */
export async function findSavedFormat(tx: Tx, signature: string | null): Promise<SavedFormat | null> {
  if (!signature) return null;
  const [row] = await tx
    .select({ id: moneyImportFormats.id, name: moneyImportFormats.name, mapping: moneyImportFormats.mapping })
    .from(moneyImportFormats)
    .where(eq(moneyImportFormats.headerSignature, signature))
    .orderBy(desc(moneyImportFormats.useCount), desc(moneyImportFormats.updatedAt))
    .limit(1);
  if (!row) return null;
  // A format saved by an older version that no longer validates is ignored, not trusted.
  const mapping = mappingSchema.safeParse(row.mapping);
  return mapping.success ? { id: row.id, name: row.name, mapping: mapping.data } : null;
}

export async function markFormatUsed(tx: Tx, id: string): Promise<void> {
  await tx
    .update(moneyImportFormats)
    .set({ useCount: sql`${moneyImportFormats.useCount} + 1`, updatedAt: new Date() })
    .where(eq(moneyImportFormats.id, id));
}

/** Saves (or replaces, by name) a mapping as the workspace's format for this header. */
export async function saveFormat(tx: Tx, tenantId: string, input: { name: string; signature: string; mapping: Mapping; userId: string | null }): Promise<SavedFormat> {
  const name = input.name.trim();
  if (!name) throw new AppError('validation_failed', 'Name the format.', { fields: { formatName: ['Name the format.'] } });
  const mapping = { ...input.mapping, name };
  const [row] = await tx
    .insert(moneyImportFormats)
    .values({ tenantId, name, headerSignature: input.signature, mapping, useCount: 1, createdBy: input.userId })
    .onConflictDoUpdate({ target: [moneyImportFormats.tenantId, moneyImportFormats.name], set: { headerSignature: input.signature, mapping, updatedAt: new Date() } })
    .returning({ id: moneyImportFormats.id });
  return { id: row!.id, name, mapping };
}

export async function listSavedFormats(tx: Tx) {
  return tx
    .select({ id: moneyImportFormats.id, name: moneyImportFormats.name, useCount: moneyImportFormats.useCount, updatedAt: moneyImportFormats.updatedAt })
    .from(moneyImportFormats)
    .orderBy(desc(moneyImportFormats.useCount));
}
