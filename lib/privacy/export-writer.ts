import { eq } from 'drizzle-orm';
import { exportTables, schemaVersion } from '@/db/export-catalog';
import { workspaces } from '@/db/schema';
import { withTenant, type TenantContext, type Tx } from '@/db/tenant';
import { storage, tenantKey, type FileStorage } from '@/lib/storage';
import { exportFilename } from './export-links';
import { exportReadme, type ExportManifest, type ManifestTable } from './export-manifest';
import { markRunning, recordProgress } from './export-rows';
import { DEFAULT_BATCH_ROWS, exportTable } from './export-table';
import { writeZip, type ZipSink } from './zip-sink';

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
 * it) and keeps the privacy_exports row's progress current. A retry starts over and overwrites
 * the same key.
 */
export async function writeWorkspaceExport(ctx: TenantContext, exportId: string, options: WriteExportOptions = {}): Promise<WrittenExport> {
  const store = options.store ?? storage();
  const exportedAt = options.now ?? new Date();
  const storageKey = exportStorageKey(ctx.tenantId, exportId);
  const workspace = await withTenant(ctx, async (tx) => {
    const [workspace] = await tx.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, ctx.tenantId));
    if (!workspace) throw new Error(`export ${exportId}: workspace ${ctx.tenantId} not found`);
    return workspace;
  });
  const { bytes, sha256, result: manifest } = await writeZip(store, storageKey, exportFilename(workspace.slug, exportedAt), (sink, scratch) =>
    writeWorkspaceInto(sink, ctx, {
      scratch,
      exportedAt,
      batchRows: options.batchRows ?? DEFAULT_BATCH_ROWS,
      onStart: (tx, tables) => markRunning(tx, exportId, tables),
      onTable: (tx, tablesDone, rowsDone) => recordProgress(tx, exportId, tablesDone, rowsDone),
    }),
  );
  return { storageKey, bytes, sha256, manifest };
}

export type WorkspaceIntoOptions = {
  scratch: string;
  exportedAt: Date;
  batchRows: number;
  /** Where in the zip the workspace goes: '' for a workspace export, `workspaces/<slug>/` inside an account export. */
  folder?: string;
  /** Called in the first transaction with the number of tables (the progress bar's total). */
  onStart?: (tx: Tx, tables: number) => Promise<void>;
  /** Called in its own transaction after each table. */
  onTable?: (tx: Tx, tablesDone: number, rowsDone: bigint) => Promise<void>;
};

/**
 * One workspace into an open zip: its README, every table in catalog order, then its manifest,
 * all under `folder`. Every read is its own short withTenant transaction, so row-level security
 * decides what is exported and no transaction stays open across the whole export.
 */
export async function writeWorkspaceInto(sink: ZipSink, ctx: TenantContext, options: WorkspaceIntoOptions): Promise<ExportManifest> {
  const { scratch, exportedAt, batchRows } = options;
  const folder = options.folder ?? '';
  const schema = await schemaVersion();
  const { tables, workspace } = await withTenant(ctx, async (tx) => {
    const [workspace] = await tx.select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, ctx.tenantId));
    if (!workspace) throw new Error(`export: workspace ${ctx.tenantId} not found`);
    const tables = await exportTables(tx);
    await options.onStart?.(tx, tables.length);
    return { tables, workspace };
  });
  const header = { exportedAt: exportedAt.toISOString(), schema, workspace };
  sink.zip.addBuffer(Buffer.from(exportReadme(header)), `${folder}README.md`, { mtime: exportedAt });
  const written: ManifestTable[] = [];
  let rowsDone = 0n;
  for (const table of tables) {
    const entry = await exportTable(table, { ctx, sink, scratch, mtime: exportedAt, batchRows, folder });
    written.push(entry);
    rowsDone += BigInt(entry.rows);
    if (options.onTable) await withTenant(ctx, (tx) => options.onTable!(tx, written.length, rowsDone));
  }
  const manifest: ExportManifest = { format: 'tessera-export', version: 1, kind: 'workspace', ...header, tables: written };
  sink.zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), `${folder}manifest.json`, { mtime: exportedAt });
  return manifest;
}
