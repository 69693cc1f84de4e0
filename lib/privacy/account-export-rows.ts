import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { accountExports } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { ACTIVE_STATUSES } from './export-rows';

/** A person's own export ("Export my data"): progress and outcome. */
export type AccountExport = typeof accountExports.$inferSelect;

export async function findAccountExport(tx: Tx, userId: string, id: string): Promise<AccountExport | null> {
  const [row] = await tx.select().from(accountExports).where(and(eq(accountExports.id, id), eq(accountExports.userId, userId))).limit(1);
  return row ?? null;
}

export function listAccountExports(tx: Tx, userId: string, limit = 10): Promise<AccountExport[]> {
  return tx.select().from(accountExports).where(eq(accountExports.userId, userId)).orderBy(desc(accountExports.createdAt)).limit(limit);
}

export async function findActiveAccountExport(tx: Tx, userId: string): Promise<AccountExport | null> {
  const [row] = await tx.select().from(accountExports).where(and(eq(accountExports.userId, userId), inArray(accountExports.status, ACTIVE_STATUSES))).limit(1);
  return row ?? null;
}

export async function failStaleAccountExports(tx: Tx, userId: string, before: Date): Promise<void> {
  await tx
    .update(accountExports)
    .set({ status: 'failed', error: 'The export did not finish in time.', finishedAt: new Date() })
    .where(and(eq(accountExports.userId, userId), inArray(accountExports.status, ACTIVE_STATUSES), lt(accountExports.createdAt, before)));
}

export async function insertQueuedAccountExport(tx: Tx, userId: string): Promise<AccountExport> {
  const [row] = await tx.insert(accountExports).values({ userId, status: 'queued' }).returning();
  return row!;
}

export async function markAccountExportRunning(tx: Tx, id: string, stepsTotal: number): Promise<void> {
  await tx
    .update(accountExports)
    .set({ status: 'running', stepsTotal, stepsDone: 0, startedAt: sql`coalesce(${accountExports.startedAt}, now())` })
    .where(and(eq(accountExports.id, id), inArray(accountExports.status, ACTIVE_STATUSES)));
}

export async function recordAccountExportStep(tx: Tx, id: string, stepsDone: number): Promise<void> {
  await tx.update(accountExports).set({ stepsDone }).where(eq(accountExports.id, id));
}

export async function markAccountExportReady(tx: Tx, id: string, fields: { storageKey: string; bytes: bigint; sha256: string; expiresAt: Date; finishedAt: Date }): Promise<AccountExport> {
  const [row] = await tx.update(accountExports).set({ status: 'ready', error: null, ...fields }).where(eq(accountExports.id, id)).returning();
  return row!;
}

export async function markAccountExportFailed(tx: Tx, id: string, error: string): Promise<void> {
  await tx
    .update(accountExports)
    .set({ status: 'failed', error, finishedAt: new Date() })
    .where(and(eq(accountExports.id, id), inArray(accountExports.status, ACTIVE_STATUSES)));
}
