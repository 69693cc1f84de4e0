import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { exportTables, schemaVersion } from '@/db/export-catalog';
import { workspaces } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { storage, tenantKey, type FileStorage } from '@/lib/storage';
import { exportFilename } from './export-links';
import { exportReadme, type ExportManifest, type ManifestTable } from './export-manifest';
import { markRunning, recordProgress } from './export-rows';
import { DEFAULT_BATCH_ROWS, exportTable } from './export-table';
import { ZipSink } from './zip-sink';

export type WrittenExport = { storageKey: string; bytes: number; sha256: string; manifest: ExportManifest };

export type WriteExportOptions = {
  store?: FileStorage;
  batchRows?: number;
  now?: Date;
};

export function exportStorageKey(tenantId: string, exportId: string): string {
  return tenantKey(tenantId, 'exports', `${exportId}.zip`);
}

/**
 * Writes the workspace's export zip to storage (lib/privacy/export-manifest.ts says what is in
 * it), table by table in catalog order, and keeps the privacy_exports row's progress current.
 * Every read is its own short withTenant transaction, so row-level security decides what is
 * exported and no transaction stays open across the whole export. A retry starts over and
 * overwrites the same key.
 */
export async function writeWorkspaceExport(ctx: TenantContext, exportId: string, options: WriteExportOptions = {}): Promise<WrittenExport> {
  const store = options.store ?? storage();
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const exportedAt = options.now ?? new Date();
  const storageKey = exportStorageKey(ctx.tenantId, exportId);
  const schema = await schemaVersion();
  const { tables, workspace } = await withTenant(ctx, async (tx) => {
    const [workspace] = await tx.select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, ctx.tenantId));
    if (!workspace) throw new Error(`export ${exportId}: workspace ${ctx.tenantId} not found`);
    const tables = await exportTables(tx);
    await markRunning(tx, exportId, tables.length);
    return { tables, workspace };
  });

  const header = { exportedAt: exportedAt.toISOString(), schema, workspace };
  const sink = new ZipSink(store, storageKey, exportFilename(workspace.slug, exportedAt));
  const scratch = await mkdtemp(path.join(tmpdir(), 'tessera-export-'));
  try {
    sink.zip.addBuffer(Buffer.from(exportReadme(header)), 'README.md', { mtime: exportedAt });
    const written: ManifestTable[] = [];
    let rowsDone = 0n;
    for (const table of tables) {
      const entry = await exportTable(table, { ctx, sink, scratch, mtime: exportedAt, batchRows });
      written.push(entry);
      rowsDone += BigInt(entry.rows);
      await withTenant(ctx, (tx) => recordProgress(tx, exportId, written.length, rowsDone));
    }
    const manifest: ExportManifest = { format: 'tessera-export', version: 1, kind: 'workspace', ...header, tables: written };
    sink.zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), 'manifest.json', { mtime: exportedAt });
    const stored = await sink.finish();
    return { storageKey, bytes: stored.bytes, sha256: stored.sha256, manifest };
  } catch (error) {
    sink.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
