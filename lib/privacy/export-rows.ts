import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { privacyExports } from '@/db/schema';
import type { Tx } from '@/db/tenant';

/** The privacy_exports row as lib/privacy reads it: progress and outcome of one export. */
export type PrivacyExport = typeof privacyExports.$inferSelect;

export type ExportStatus = 'queued' | 'running' | 'ready' | 'failed';

export const ACTIVE_STATUSES: ExportStatus[] = ['queued', 'running'];

export async function findExport(tx: Tx, id: string): Promise<PrivacyExport | null> {
  const [row] = await tx.select().from(privacyExports).where(eq(privacyExports.id, id)).limit(1);
  return row ?? null;
}

export type ExportKind = 'workspace' | 'backup';

export async function findActiveExport(tx: Tx, tenantId: string, kind: ExportKind = 'workspace'): Promise<PrivacyExport | null> {
  const [row] = await tx
    .select()
    .from(privacyExports)
    .where(and(eq(privacyExports.tenantId, tenantId), eq(privacyExports.kind, kind), inArray(privacyExports.status, ACTIVE_STATUSES)))
    .limit(1);
  return row ?? null;
}

/** An export queued or running since before `before` lost its run (a crash past every retry): it fails, so the next one may start. */
export async function failStaleExports(tx: Tx, tenantId: string, before: Date, kind: ExportKind = 'workspace'): Promise<number> {
  const rows = await tx
    .update(privacyExports)
    .set({ status: 'failed', error: 'The export did not finish in time.', finishedAt: new Date() })
    .where(and(eq(privacyExports.tenantId, tenantId), eq(privacyExports.kind, kind), inArray(privacyExports.status, ACTIVE_STATUSES), lt(privacyExports.createdAt, before)))
    .returning({ id: privacyExports.id });
  return rows.length;
}

export async function insertQueuedExport(tx: Tx, tenantId: string, requestedBy: string | null, kind: ExportKind = 'workspace'): Promise<PrivacyExport> {
  const [row] = await tx.insert(privacyExports).values({ tenantId, requestedBy, kind, status: 'queued' }).returning();
  return row!;
}

/** Newest first. */
export function listExports(tx: Tx, limit = 20, kind: ExportKind = 'workspace'): Promise<PrivacyExport[]> {
  return tx.select().from(privacyExports).where(eq(privacyExports.kind, kind)).orderBy(desc(privacyExports.createdAt)).limit(limit);
}

/** queued (or running, on a retry) → running, with the progress counters reset for a fresh pass. */
export async function markRunning(tx: Tx, id: string, tablesTotal: number): Promise<void> {
  await tx
    .update(privacyExports)
    .set({ status: 'running', tablesTotal, tablesDone: 0, rowsDone: 0n, startedAt: sql`coalesce(${privacyExports.startedAt}, now())` })
    .where(and(eq(privacyExports.id, id), inArray(privacyExports.status, ACTIVE_STATUSES)));
}

export async function recordProgress(tx: Tx, id: string, tablesDone: number, rowsDone: bigint): Promise<void> {
  await tx.update(privacyExports).set({ tablesDone, rowsDone }).where(eq(privacyExports.id, id));
}

export async function markReady(
  tx: Tx,
  id: string,
  fields: { storageKey: string; bytes: bigint; sha256: string; expiresAt: Date; finishedAt: Date },
): Promise<void> {
  await tx
    .update(privacyExports)
    .set({ status: 'ready', error: null, ...fields })
    .where(eq(privacyExports.id, id));
}

export async function markFailed(tx: Tx, id: string, error: string): Promise<void> {
  await tx
    .update(privacyExports)
    .set({ status: 'failed', error, finishedAt: new Date() })
    .where(and(eq(privacyExports.id, id), inArray(privacyExports.status, ACTIVE_STATUSES)));
}
