import { describe, expect, it } from 'vitest';
import { restoreTables } from '@/db/restore-catalog';
import { withSystem } from '@/db/tenant';
import type { ExportManifest } from '@/lib/privacy/export-manifest';
import { planRestore } from '@/lib/privacy/restore-plan';
import { ProblemList } from '@/lib/privacy/restore-report';
import { RESTORE_SKIPPED_TABLES, isSkippedTable } from '@/lib/privacy/restore-skip';
import { isSecretColumn } from '@/lib/privacy/secret-columns';
import { tenantTables } from '../../helpers/tenant-tables';

/** A manifest as an export of this installation would write it (no rows needed for planning). */
async function fullManifest(): Promise<{ manifest: ExportManifest; catalog: Awaited<ReturnType<typeof restoreTables>> }> {
  const catalog = await withSystem('test: restore catalog', (tx) => restoreTables(tx));
  const manifest: ExportManifest = {
    format: 'tessera-export',
    version: 1,
    kind: 'workspace',
    exportedAt: new Date().toISOString(),
    schema: 'now',
    workspace: { id: '00000000-0000-4000-8000-000000000000', name: 'x', slug: 'x' },
    tables: catalog.map((t) => ({
      name: t.name,
      rows: 0,
      columns: t.columns.filter((c) => !isSecretColumn(t.name, c.name)).map(({ name, type }) => ({ name, type })),
      excluded: t.columns.filter((c) => isSecretColumn(t.name, c.name)).map((c) => c.name),
      files: { ndjson: `tables/${t.name}.ndjson`, csv: `tables/${t.name}.csv` },
      sha256: {},
      sums: {},
    })),
  };
  return { manifest, catalog };
}

describe('which tables a restore copies', () => {
  it('every tenant table is restorable (plans without a problem) or in the skip list with a reason', async () => {
    const { manifest, catalog } = await fullManifest();
    const problems = new ProblemList();
    const plan = planRestore(manifest, catalog, problems);
    expect(problems.items, 'add the table to RESTORE_SKIPPED_TABLES in lib/privacy/restore-skip.ts, or make it restorable').toEqual([]);
    const decided = new Set([...plan.tables.map((t) => t.name), ...Object.keys(RESTORE_SKIPPED_TABLES)]);
    expect((await tenantTables()).filter((name) => !decided.has(name))).toEqual([]);
  });

  it('skips only tables that exist, each with a reason', async () => {
    const tables = await tenantTables();
    for (const [name, reason] of Object.entries(RESTORE_SKIPPED_TABLES)) {
      expect(tables, name).toContain(name);
      expect(reason.length, name).toBeGreaterThan(10);
    }
  });

  it('a table with a secret NOT NULL column without default is skipped (its value is never exported)', async () => {
    const { catalog } = await fullManifest();
    const offending = catalog
      .filter((t) => t.columns.some((c) => isSecretColumn(t.name, c.name) && c.notNull && !c.hasDefault))
      .map((t) => t.name)
      .filter((name) => !isSkippedTable(name));
    expect(offending).toEqual([]);
  });

  it('refuses to plan such a table if it were not skipped', async () => {
    const { manifest, catalog } = await fullManifest();
    const problems = new ProblemList();
    // Pretend api_keys (hash is secret and NOT NULL) were restorable.
    const renamed = catalog.map((t) => (t.name === 'api_keys' ? { ...t, name: 'api_keys_copy' } : t));
    const tables = manifest.tables.map((t) => (t.name === 'api_keys' ? { ...t, name: 'api_keys_copy' } : t));
    planRestore({ ...manifest, tables }, renamed, problems);
    expect(problems.items).toEqual([expect.objectContaining({ table: 'api_keys_copy', problem: 'missing_column' })]);
  });
});
