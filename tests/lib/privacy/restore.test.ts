import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/rows';
import { withSystem, withTenant } from '@/db/tenant';
import { restoreIntoNewWorkspace } from '@/lib/privacy/restore';
import type { RestoreReport } from '@/lib/privacy/restore-report';
import { findRestore } from '@/lib/privacy/restore-rows';
import { requestRestoreFromExport, requestRestoreFromUpload, runRestore } from '@/lib/privacy/restore-request';
import type { ReadExport } from '../../helpers/export-zip';
import { createUser, createWorkspaceWithOwner, ctxFor, meta } from '../tenancy/support';
import { useTempStorage } from './support';
import { createCanaryTables, dropCanaryTables, exportOf, seedCanary, tracesOf, uploaded, zipOf } from './restore-support';

let source: Awaited<ReturnType<typeof createWorkspaceWithOwner>>;
let original: { storageKey: string; read: ReadExport; exportId: string };

beforeAll(async () => {
  useTempStorage();
  await createCanaryTables();
  source = await createWorkspaceWithOwner('Restore Source');
  await withSystem('test: settings', (tx) => tx.execute(sql`update workspaces set timezone = 'Europe/Berlin', currency = 'EUR' where id = ${source.workspace.id}::uuid`));
  await seedCanary(source.ownerCtx, source.owner.id);
  original = await exportOf(source.ownerCtx);
}, 120_000);

afterAll(async () => {
  await dropCanaryTables();
});

function ok(report: RestoreReport): Extract<RestoreReport, { ok: true }> {
  if (!report.ok) throw new Error(`restore failed: ${JSON.stringify(report.problems)}`);
  return report;
}

/** The rows of a canary export with every id replaced by its row's name, so two exports compare modulo ids. */
function canonical(read: ReadExport) {
  const items = read.ndjson('restore_canary');
  const nameOf = new Map(items.map((row) => [row.id as string, row.name as string]));
  const strip = (row: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'id' && k !== 'tenant_id'));
  type Row = Record<string, unknown>;
  return {
    items: items.map((row): Row => ({ ...strip(row), parent_id: row.parent_id === null ? null : nameOf.get(row.parent_id as string) })).sort((a, b) => String(a.name).localeCompare(String(b.name))),
    lines: read
      .ndjson('restore_canary_lines')
      .map((row): Row => ({ ...strip(row), item_id: nameOf.get(row.item_id as string) }))
      .sort((a, b) => `${a.item_id}/${a.units}`.localeCompare(`${b.item_id}/${b.units}`)),
  };
}

describe('restore: round trip', () => {
  let report: Extract<RestoreReport, { ok: true }>;
  let again: ReadExport;

  beforeAll(async () => {
    report = ok(await restoreIntoNewWorkspace({ storageKey: original.storageKey, userId: source.owner.id }));
    again = (await exportOf(ctxFor(report.workspace.id, source.owner.id, 'owner'))).read;
  }, 120_000);

  it('creates a new workspace with a fresh slug from the source, the source settings, and the restorer as sole owner', async () => {
    expect(report.workspace.id).not.toBe(source.workspace.id);
    expect(report.workspace.name).toBe('Restore Source (restored)');
    expect(report.workspace.slug).toMatch(new RegExp(`^${source.workspace.slug}-`));
    const [workspace] = again.ndjson('workspaces');
    expect(workspace).toMatchObject({ timezone: 'Europe/Berlin', currency: 'EUR', created_by: source.owner.id, deletion_scheduled_for: null });
    expect(again.ndjson('memberships').map((m) => [m.user_id, m.role])).toEqual([[source.owner.id, 'owner']]);
  });

  it('gives the same rows modulo ids: self-references and child rows remapped, bigint and numeric exact', () => {
    const before = canonical(original.read);
    const after = canonical(again);
    expect(after.items).toHaveLength(1_200);
    expect(after.lines).toHaveLength(360);
    // created_by is nullable: people of another installation don't exist here, so it is cleared; owner_id is NOT NULL: the restorer.
    expect(after.items.every((row) => row.created_by === null)).toBe(true);
    expect(after.items).toEqual(before.items.map((row) => ({ ...row, created_by: null })));
    expect(after.lines).toEqual(before.lines);
    expect(after.items.find((row) => row.name === 'item-00001')!.amount_minor).toBe('9007199254740993');
    const table = (read: ReadExport, name: string) => read.manifest.tables.find((t) => t.name === name)!;
    for (const name of ['restore_canary', 'restore_canary_lines']) {
      const sumsBefore = Object.fromEntries(Object.entries(table(original.read, name).sums).filter(([k]) => k !== 'id'));
      expect(table(again, name).sums).toMatchObject(sumsBefore);
    }
  });

  it('gives every row a new id, and every reference points inside the new workspace', () => {
    const oldIds = new Set(original.read.ndjson('restore_canary').map((row) => row.id));
    const items = again.ndjson('restore_canary');
    const newIds = new Set(items.map((row) => row.id));
    expect(items.some((row) => oldIds.has(row.id))).toBe(false);
    expect(items.every((row) => row.tenant_id === report.workspace.id)).toBe(true);
    expect(items.filter((row) => row.parent_id !== null).every((row) => newIds.has(row.parent_id))).toBe(true);
    expect(again.ndjson('restore_canary_lines').every((row) => newIds.has(row.item_id))).toBe(true);
  });

  it('restores no operational or personal table, and records one workspace.restored audit entry', () => {
    expect(report.skipped).toEqual(expect.arrayContaining(['memberships', 'audit_log', 'api_keys', 'privacy_exports', 'usage_ledger']));
    expect(report.rows).toEqual({ restore_canary: 1_200, restore_canary_lines: 360 });
    const audit = again.ndjson('audit_log');
    const restored = audit.filter((row) => row.action === 'workspace.restored');
    expect(restored).toHaveLength(1);
    expect(restored[0]!.metadata).toMatchObject({
      source: { workspaceId: source.workspace.id, name: 'Restore Source', slug: source.workspace.slug },
      exportedAt: original.read.manifest.exportedAt,
      schema: original.read.manifest.schema,
      rows: { restore_canary: 1_200, restore_canary_lines: 360 },
    });
    expect((restored[0]!.metadata as { zipSha256: string }).zipSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.map((row) => row.action)).toEqual(['workspace.created', 'workspace.restored', 'privacy.export_requested']);
  });
});

describe('restore: refused or rolled back, nothing written', () => {
  async function refused(entries: Map<string, Buffer> | Buffer) {
    const restorer = await createUser();
    const bytes = Buffer.isBuffer(entries) ? entries : await zipOf(entries);
    const report = await restoreIntoNewWorkspace({ storageKey: await uploaded(source.workspace.id, bytes), userId: restorer.id });
    expect(report.ok).toBe(false);
    expect(await tracesOf(restorer.id)).toEqual({ workspaces: 0, memberships: 0, audit: 0, canary: 0 });
    return report.ok ? [] : report.problems;
  }
  const copy = () => new Map(original.read.entries);
  const manifestWith = (entries: Map<string, Buffer>, change: (m: typeof original.read.manifest) => void) => {
    const manifest = structuredClone(original.read.manifest);
    change(manifest);
    entries.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
    return entries;
  };

  it('a tampered line (manifest untouched): sha256_mismatch', async () => {
    const entries = copy();
    const file = 'tables/restore_canary.ndjson';
    entries.set(file, Buffer.from(entries.get(file)!.toString('utf8').replace('"amount_minor":"202"', '"amount_minor":"203"')));
    expect(entries.get(file)!.equals(original.read.entries.get(file)!)).toBe(false);
    const problems = await refused(entries);
    expect(problems).toEqual([expect.objectContaining({ problem: 'sha256_mismatch', file, table: 'restore_canary' })]);
  });

  it('not a zip, and a zip without a manifest', async () => {
    expect(await refused(Buffer.from('PK\x03\x04 this is not really a zip'))).toEqual([expect.objectContaining({ problem: 'not_a_zip' })]);
    const entries = copy();
    entries.delete('manifest.json');
    expect(await refused(entries)).toEqual([expect.objectContaining({ problem: 'manifest_missing', file: 'manifest.json' })]);
  });

  it('an invalid manifest', async () => {
    const entries = copy();
    entries.set('manifest.json', Buffer.from(JSON.stringify({ format: 'something-else' })));
    expect(await refused(entries)).toEqual([expect.objectContaining({ problem: 'manifest_invalid' })]);
  });

  it('an export from a newer schema', async () => {
    const problems = await refused(manifestWith(copy(), (m) => (m.schema = '0999_from_the_future')));
    expect(problems).toEqual([expect.objectContaining({ problem: 'schema_newer' })]);
    expect(problems[0]!.message).toContain('0999_from_the_future');
  });

  it('a row count that does not match the file', async () => {
    const problems = await refused(manifestWith(copy(), (m) => (m.tables.find((t) => t.name === 'restore_canary_lines')!.rows = 361)));
    expect(problems).toEqual([expect.objectContaining({ problem: 'row_count_mismatch', table: 'restore_canary_lines' })]);
  });

  it('unknown tables and columns', async () => {
    const problems = await refused(
      manifestWith(copy(), (m) => {
        m.tables.find((t) => t.name === 'restore_canary')!.columns.push({ name: 'colour', type: 'text' });
        m.tables.push({ ...m.tables.find((t) => t.name === 'restore_canary_lines')!, name: 'no_such_table' });
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({ problem: 'unknown_column', table: 'restore_canary' }),
      expect.objectContaining({ problem: 'unknown_table', table: 'no_such_table' }),
    ]);
  });

  it('sums that do not match the restored rows (files and checksums intact): everything inserted is rolled back', async () => {
    const problems = await refused(
      manifestWith(copy(), (m) => {
        const lines = m.tables.find((t) => t.name === 'restore_canary_lines')!;
        lines.sums.unit_price = '1.00';
      }),
    );
    expect(problems).toEqual([expect.objectContaining({ problem: 'sum_mismatch', table: 'restore_canary_lines' })]);
    expect(problems[0]!.message).toContain('unit_price');
  });
});

describe('restore: requested from Settings → Privacy, run by the workflow', () => {
  it('restores a ready export, marks the request done with the new workspace, audited in the requesting workspace', async () => {
    const restore = await withTenant(source.ownerCtx, (tx) => requestRestoreFromExport(tx, source.ownerCtx, meta, original.exportId));
    const run = await runRestore(source.ownerCtx, restore.id);
    expect(run.ok).toBe(true);
    const row = await withTenant(source.ownerCtx, (tx) => findRestore(tx, restore.id));
    expect(row).toMatchObject({ status: 'done', restoredWorkspaceId: run.workspaceId, source: 'export', sourceExportId: original.exportId });
    expect(row!.report).toMatchObject({ ok: true, rows: { restore_canary: 1_200 } });
    const audit = await withTenant(source.ownerCtx, async (tx) =>
      rowsOf<{ action: string }>(await tx.execute(sql`select action from audit_log where target_id = ${restore.id}`)),
    );
    expect(audit).toEqual([{ action: 'privacy.restore_requested' }]);
  });

  it('a tampered upload fails with its report on the request row', async () => {
    const entries = new Map(original.read.entries);
    entries.set('tables/restore_canary_lines.ndjson', Buffer.from(entries.get('tables/restore_canary_lines.ndjson')!.toString('utf8').replace('"units":"3"', '"units":"4"')));
    const key = await uploaded(source.workspace.id, await zipOf(entries));
    const restore = await withTenant(source.ownerCtx, (tx) => requestRestoreFromUpload(tx, source.ownerCtx, meta, key));
    expect((await runRestore(source.ownerCtx, restore.id)).ok).toBe(false);
    const row = await withTenant(source.ownerCtx, (tx) => findRestore(tx, restore.id));
    expect(row).toMatchObject({ status: 'failed', restoredWorkspaceId: null });
    expect(row!.report).toMatchObject({ ok: false, problems: [expect.objectContaining({ problem: 'sha256_mismatch' })] });
  });

  it("refuses an upload key outside the workspace's own prefix, and another workspace's export", async () => {
    const other = await createWorkspaceWithOwner('Someone Else');
    const theirKey = await uploaded(other.workspace.id, Buffer.from('x'));
    await expect(withTenant(source.ownerCtx, (tx) => requestRestoreFromUpload(tx, source.ownerCtx, meta, theirKey))).rejects.toMatchObject({ code: 'not_found' });
    await expect(withTenant(other.ownerCtx, (tx) => requestRestoreFromExport(tx, other.ownerCtx, meta, original.exportId))).rejects.toMatchObject({ code: 'not_found' });
  });
});
