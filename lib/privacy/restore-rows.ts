import { and, desc, eq, inArray } from 'drizzle-orm';
import { workspaceRestores } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import type { RestoreReport } from './restore-report';

/** The workspace_restores row: one request to restore a zip into a new workspace, and its outcome. */
export type WorkspaceRestore = Omit<typeof workspaceRestores.$inferSelect, 'report'> & { report: RestoreReport | null };

export async function insertQueuedRestore(
  tx: Tx,
  fields: { tenantId: string; requestedBy: string; source: 'export' | 'upload'; sourceExportId: string | null; storageKey: string },
): Promise<WorkspaceRestore> {
  const [row] = await tx.insert(workspaceRestores).values({ ...fields, status: 'queued' }).returning();
  return row as WorkspaceRestore;
}

export async function findRestore(tx: Tx, id: string): Promise<WorkspaceRestore | null> {
  const [row] = await tx.select().from(workspaceRestores).where(eq(workspaceRestores.id, id)).limit(1);
  return (row as WorkspaceRestore | undefined) ?? null;
}

/** Newest first, under RLS: the tenant of `tx`. */
export async function listRestores(tx: Tx, limit = 10): Promise<WorkspaceRestore[]> {
  return (await tx.select().from(workspaceRestores).orderBy(desc(workspaceRestores.createdAt)).limit(limit)) as WorkspaceRestore[];
}

export async function markRestoreRunning(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx
    .update(workspaceRestores)
    .set({ status: 'running', startedAt: new Date() })
    .where(and(eq(workspaceRestores.id, id), inArray(workspaceRestores.status, ['queued', 'running'])))
    .returning({ id: workspaceRestores.id });
  return rows.length > 0;
}

export async function markRestoreFinished(tx: Tx, id: string, report: RestoreReport): Promise<void> {
  await tx
    .update(workspaceRestores)
    .set({ status: report.ok ? 'done' : 'failed', report, restoredWorkspaceId: report.ok ? report.workspace.id : null, finishedAt: new Date() })
    .where(eq(workspaceRestores.id, id));
}
